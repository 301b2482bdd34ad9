package org.cibnet.job;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.imports.PublicFormats;
import org.cibnet.quality.Validation;
import org.cibnet.schema.Schemas;

/**
 * import: converts a public format (--format F --source PATH) into an input folder of the contract
 * (--out DIR): posts/, accounts/, ads/, takedowns/ and known_indicators/ as Parquet. validate's row
 * rules apply on the way: rejected rows go to DIR/_rejects/&lt;dataset&gt; with their reason, file
 * and row, and the printed counts reconcile (read = written + rejected).
 */
public final class ImportJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new ImportJob(), args);
  }

  @Override
  public String name() {
    return "import";
  }

  @Override
  public String description() {
    return "converts public formats ("
        + String.join(", ", PublicFormats.FORMATS)
        + ") into the input contract";
  }

  @Override
  public Set<String> options() {
    return Set.of("--format", "--source", "--out");
  }

  @Override
  public Set<String> required() {
    return Set.of("--format", "--source", "--out");
  }

  /** Counts of one imported dataset. */
  public record Counts(String dataset, long read, long written, long rejected) {}

  @Override
  public void run(SparkSession spark, JobOptions o) {
    String format = o.require("--format");
    String source = o.require("--source");
    String out = o.require("--out").replaceAll("/+$", "");
    List<Counts> counts =
        importTo(spark, format, source, out, o.settings().getInt(SettingKeys.MIN_YEAR));
    System.out.printf("%-18s %10s %10s %10s%n", "dataset", "read", "written", "rejected");
    for (Counts c : counts) {
      System.out.printf("%-18s %10d %10d %10d%n", c.dataset(), c.read(), c.written(), c.rejected());
    }
    System.out.println(
        "import: "
            + format
            + " from "
            + source
            + " written to "
            + out
            + " (counts reconcile: read = written + rejected)");
  }

  public static List<Counts> importTo(
      SparkSession spark, String format, String source, String out, int minYear) {
    Map<String, Dataset<Row>> converted = PublicFormats.convert(spark, format, source);
    Timestamp now = Timestamp.from(Instant.now());
    List<Counts> counts = new ArrayList<>();
    for (Map.Entry<String, Dataset<Row>> e : converted.entrySet()) {
      String dataset = e.getKey();
      Dataset<Row> rows = e.getValue().persist();
      long read = rows.count();
      Dataset<Row> accepted;
      Dataset<Row> rejected;
      if (Schemas.KEYS.containsKey(dataset)) {
        Validation.Outcome v = Validation.validate(rows, dataset, now, minYear);
        accepted = v.accepted();
        rejected = v.rejected();
      } else {
        accepted = rows;
        rejected = null;
      }
      accepted
          .drop(Schemas.SOURCE_FILE, Schemas.ROW_INDEX)
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(out + "/" + dataset);
      long written = spark.read().parquet(out + "/" + dataset).count();
      long bad = 0;
      if (rejected != null) {
        rejected.write().mode(SaveMode.Overwrite).parquet(out + "/_rejects/" + dataset);
        bad = spark.read().parquet(out + "/_rejects/" + dataset).count();
      }
      if (read != written + bad) {
        throw Errors.countsDoNotReconcile("import " + format + ": " + dataset, read, written, bad);
      }
      counts.add(new Counts(dataset, read, written, bad));
      rows.unpersist();
    }
    return counts;
  }
}
