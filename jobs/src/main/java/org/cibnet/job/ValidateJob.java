package org.cibnet.job;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.io.Inputs;
import org.cibnet.io.ValidationReport;
import org.cibnet.io.Warehouse;
import org.cibnet.quality.Pseudonymizer;

/**
 * validate: checks --input against the contract. Rejected rows go to rejects/&lt;dataset&gt; with
 * their reason, unreadable files to rejects/_files; counts are printed, recorded in
 * validation_counts and must reconcile (read = accepted + rejected). Fails when a dataset's share
 * of rejects exceeds validate.max_reject_share.
 */
public final class ValidateJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new ValidateJob(), args);
  }

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String description() {
    return "checks the input against the contract, writes rejects, prints counts";
  }

  @Override
  public Set<String> options() {
    return Set.of("--input", "--warehouse", "--run-id", "--pseudonymize");
  }

  @Override
  public Set<String> required() {
    return Set.of("--input", "--warehouse");
  }

  @Override
  public void run(SparkSession spark, JobOptions options) {
    JobRun.recorded(
        spark,
        options,
        log -> {
          Inputs.Validated v =
              Inputs.validate(
                      spark,
                      options.input(),
                      Timestamp.from(Instant.now()),
                      options.settings().getInt(SettingKeys.MIN_YEAR),
                      Pseudonymizer.of(options))
                  .persisted();
          List<ValidationReport.Counts> counts;
          try {
            counts = ValidationReport.write(new Warehouse(spark, options.warehouse()), v, log);
          } finally {
            v.unpersist();
          }
          ValidationReport.print(counts);
          ValidationReport.enforce(
              counts, options.settings().getDouble(SettingKeys.MAX_REJECT_SHARE), options.input());
          return counts;
        });
  }
}
