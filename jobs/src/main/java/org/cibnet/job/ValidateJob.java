package org.cibnet.job;

import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.io.InputReader;
import org.cibnet.io.Inputs;
import org.cibnet.io.RunLog;
import org.cibnet.io.Runs;
import org.cibnet.io.Warehouse;
import org.cibnet.quality.Pseudonymizer;
import org.cibnet.quality.Validation;
import org.cibnet.schema.Schemas;

/**
 * validate: checks --input against the contract. Rejected rows go to rejects/&lt;dataset&gt; with
 * their reason, unreadable files to rejects/_files; counts are printed, recorded in
 * validation_counts and must reconcile (read = accepted + rejected). Fails when a dataset's share
 * of rejects exceeds validate.max_reject_share.
 */
public final class ValidateJob implements Job {
  /**
   * Per dataset: files, unreadable files, rows read, accepted, rejected, and rows lost in files
   * whose data pages could not be decoded (rows in files = read + unreadable rows).
   */
  public record Counts(
      String dataset,
      long files,
      long unreadable,
      long read,
      long accepted,
      long rejected,
      long unreadableRows) {}

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
          List<Counts> counts;
          try {
            counts = writeRejects(spark, options, v, log);
          } finally {
            v.unpersist();
          }
          print(counts);
          enforceThreshold(counts, options.settings().getDouble(SettingKeys.MAX_REJECT_SHARE));
          enforceRows(counts, options.input());
          return counts;
        });
  }

  /**
   * Writes rejects and counts for a validated input; shared with the pipeline. Reads each dataset's
   * checked rows two or three times: pass {@link Inputs.Validated#persisted()}.
   */
  public static List<Counts> writeRejects(
      SparkSession spark, JobOptions options, Inputs.Validated v, RunLog log) {
    Warehouse wh = new Warehouse(spark, options.warehouse());
    String runId = log.runId();
    List<Counts> counts = new ArrayList<>();
    List<InputReader.UnreadableFile> unreadable = new ArrayList<>(v.unreadable());
    Map<String, Long> lostRows = new LinkedHashMap<>();
    for (Map.Entry<String, Dataset<Row>> e : v.checked().entrySet()) {
      Map<String, Long> perFile = new LinkedHashMap<>();
      for (Row r : e.getValue().groupBy(InputReader.SOURCE_FILE).count().collectAsList()) {
        perFile.put(r.getString(0), r.getLong(1));
      }
      for (InputReader.ShortFile f :
          InputReader.shortFiles(
              e.getKey(), v.footerRows().getOrDefault(e.getKey(), Map.of()), perFile)) {
        unreadable.add(f.file());
        lostRows.merge(e.getKey(), f.rowsLost(), Long::sum);
      }
    }
    Map<String, Long> unreadableByDataset = new LinkedHashMap<>();
    for (InputReader.UnreadableFile f : unreadable) {
      unreadableByDataset.merge(f.dataset(), 1L, Long::sum);
    }
    for (Map.Entry<String, Validation.Outcome> e : v.outcomes().entrySet()) {
      String ds = e.getKey();
      long read = v.checked().get(ds).count();
      Dataset<Row> rejected = e.getValue().rejected().withColumn("run_id", lit(runId));
      wh.replaceRun(Warehouse.rejects(ds), rejected, runId);
      long rejectedRows = wh.read(Warehouse.rejects(ds)).filter(Runs.isRun(runId)).count();
      long accepted = e.getValue().accepted().count();
      if (read != accepted + rejectedRows) {
        throw Errors.countsDoNotReconcile(ds, read, accepted, rejectedRows);
      }
      counts.add(
          new Counts(
              ds,
              v.files().get(ds),
              unreadableByDataset.getOrDefault(ds, 0L),
              read,
              accepted,
              rejectedRows,
              lostRows.getOrDefault(ds, 0L)));
      log.input(ds, read);
      log.output(Warehouse.rejects(ds), rejectedRows);
    }
    if (v.postUrls() != null) {
      Dataset<Row> urls = v.postUrls().rejected().withColumn("run_id", lit(runId));
      wh.replaceRun(Warehouse.rejects(Validation.POST_URLS), urls, runId);
      log.output(
          Warehouse.rejects(Validation.POST_URLS),
          wh.read(Warehouse.rejects(Validation.POST_URLS)).filter(Runs.isRun(runId)).count());
    }
    List<Row> files = new ArrayList<>();
    for (InputReader.UnreadableFile f : unreadable) {
      files.add(RowFactory.create(runId, f.dataset(), f.file(), f.reason()));
    }
    wh.replaceRun(
        Warehouse.REJECTED_FILES,
        spark.createDataFrame(files, Schemas.REJECTED_FILES_SCHEMA),
        runId);
    log.output(Warehouse.REJECTED_FILES, files.size());
    List<Row> countRows = new ArrayList<>();
    for (Counts c : counts) {
      countRows.add(
          RowFactory.create(
              runId,
              c.dataset(),
              c.files(),
              c.unreadable(),
              c.read(),
              c.accepted(),
              c.rejected(),
              c.unreadableRows()));
    }
    wh.replaceRun(
        Warehouse.VALIDATION_COUNTS,
        spark.createDataFrame(countRows, Schemas.VALIDATION_COUNTS_SCHEMA),
        runId);
    return counts;
  }

  static void print(List<Counts> counts) {
    System.out.printf(
        "%-10s %6s %10s %10s %10s %10s %10s%n",
        "dataset", "files", "unreadable", "read", "accepted", "rejected", "rows lost");
    for (Counts c : counts) {
      System.out.printf(
          "%-10s %6d %10d %10d %10d %10d %10d%n",
          c.dataset(),
          c.files(),
          c.unreadable(),
          c.read(),
          c.accepted(),
          c.rejected(),
          c.unreadableRows());
    }
    System.out.println(
        "counts reconcile: read = accepted + rejected for every dataset; rows lost are in files"
            + " listed in rejects/_files");
  }

  /** Posts and accounts must leave rows to analyse. */
  static void enforceRows(List<Counts> counts, String input) {
    for (Counts c : counts) {
      if ((c.dataset().equals(Schemas.POSTS) || c.dataset().equals(Schemas.ACCOUNTS))
          && c.accepted() == 0) {
        throw Errors.noUsableRows(c.dataset(), input, c.read(), c.rejected());
      }
    }
  }

  static void enforceThreshold(List<Counts> counts, double maxShare) {
    for (Counts c : counts) {
      double share = c.read() == 0 ? 0 : (double) c.rejected() / c.read();
      if (share > maxShare) {
        throw Errors.tooManyRejects(c.dataset(), c.rejected(), c.read(), share, maxShare);
      }
      double fileShare = c.files() == 0 ? 0 : (double) c.unreadable() / c.files();
      if (fileShare > maxShare) {
        throw Errors.tooManyUnreadableFiles(
            c.dataset(), c.unreadable(), c.files(), fileShare, maxShare);
      }
    }
  }
}
