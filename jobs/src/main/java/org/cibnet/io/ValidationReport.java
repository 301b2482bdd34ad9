package org.cibnet.io;

import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.quality.Validation;
import org.cibnet.schema.Schemas;

/**
 * The validation stage's outcome: rejected rows in rejects/&lt;dataset&gt; with their reason,
 * unreadable files in rejects/_files, per-dataset counts in validation_counts that must reconcile
 * (read = accepted + rejected), and the limits that fail a run. `validate` and `pipeline` both call
 * it.
 */
public final class ValidationReport {
  private ValidationReport() {}

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

  /**
   * Writes the rejected rows, the unreadable files and the counts of a validated input under the
   * run of `log`, and checks that the counts reconcile. Reads each dataset's checked rows two or
   * three times: pass {@link Inputs.Validated#persisted()}.
   */
  public static List<Counts> write(Warehouse wh, Inputs.Validated v, RunLog log) {
    SparkSession spark = wh.spark();
    String runId = log.runId();
    List<Counts> counts = new ArrayList<>();
    List<InputReader.UnreadableFile> unreadable = new ArrayList<>(v.unreadable());
    Map<String, Long> lostRows = new LinkedHashMap<>();
    for (Map.Entry<String, Dataset<Row>> e : v.checked().entrySet()) {
      Map<String, Long> perFile = new LinkedHashMap<>();
      for (Row r : e.getValue().groupBy(Schemas.SOURCE_FILE).count().collectAsList()) {
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

  /** The counts as a table on the console. */
  public static void print(List<Counts> counts) {
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

  /**
   * Fails when a dataset's share of rejected rows or unreadable files exceeds maxShare, or when
   * posts or accounts leave no row to analyse.
   */
  public static void enforce(List<Counts> counts, double maxShare, String input) {
    enforceThreshold(counts, maxShare);
    enforceRows(counts, input);
  }

  /** Posts and accounts must leave rows to analyse. */
  private static void enforceRows(List<Counts> counts, String input) {
    for (Counts c : counts) {
      if ((c.dataset().equals(Schemas.POSTS) || c.dataset().equals(Schemas.ACCOUNTS))
          && c.accepted() == 0) {
        throw Errors.noUsableRows(c.dataset(), input, c.read(), c.rejected());
      }
    }
  }

  private static void enforceThreshold(List<Counts> counts, double maxShare) {
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
