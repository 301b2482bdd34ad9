package org.cibnet.job;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.io.Inputs;
import org.cibnet.stage.DetectStage;

/**
 * detect: links accounts that act together (coordination_edges: one row per account pair and
 * signal, with support, weight and evidence) and groups them into networks (networks: one row per
 * coordinated account). Network ids carry over one to one from the previous detect run when the
 * membership overlaps enough (detect.id_match_jaccard).
 */
public final class DetectJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new DetectJob(), args);
  }

  @Override
  public String name() {
    return "detect";
  }

  @Override
  public String description() {
    return "builds coordination edges and networks";
  }

  @Override
  public Set<String> options() {
    return Set.of(
        "--input", "--warehouse", "--as-of", "--since", "--until", "--run-id", "--pseudonymize");
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
          Inputs in =
              Inputs.load(spark, options, Timestamp.from(Instant.now()))
                  .requirePosts(options.since(), options.until());
          return DetectStage.execute(spark, in, options, log);
        });
  }
}
