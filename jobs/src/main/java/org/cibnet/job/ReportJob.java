package org.cibnet.job;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.io.Runs;
import org.cibnet.io.Warehouse;
import org.cibnet.report.HtmlReport;
import org.cibnet.report.ReportData;

/**
 * report: a self-contained HTML report of one run (--run-id, else the newest successful pipeline):
 * score distribution, precision-recall curve, top networks with reasons and closest removed
 * campaign, and for each top network its graph and posting hours against its declared clock.
 * Written to --out (default WAREHOUSE/report.html) through Hadoop's FileSystem.
 */
public final class ReportJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new ReportJob(), args);
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public String description() {
    return "a self-contained HTML report with plots from the warehouse (--out FILE)";
  }

  @Override
  public Set<String> options() {
    return Set.of("--warehouse", "--out", "--run-id", "--input");
  }

  @Override
  public Set<String> required() {
    return Set.of("--warehouse");
  }

  @Override
  public void run(SparkSession spark, JobOptions o) {
    Warehouse wh = new Warehouse(spark, o.warehouse());
    String runId = o.get("--run-id").orElseGet(() -> Runs.newestResult(wh));
    String out = o.get("--out").orElse(wh.root() + "/report.html");
    Optional<String> input = o.get("--input").or(() -> Runs.parameter(wh, runId, "--input"));
    HtmlReport.Content content =
        ReportData.gather(
            spark, wh, runId, input, o.settings().getInt(SettingKeys.REPORT_TOP_NETWORKS));
    write(spark, out, HtmlReport.render(content));
    System.out.printf(
        "report: %d networks (%d flagged) of run %s written to %s%n",
        content.networks(), content.flagged(), runId, out);
  }

  static void write(SparkSession spark, String file, String html) {
    Path p = new Path(file);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(p, true)) {
        out.write(html.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw Errors.cannotWrite("the report", file, e);
    }
  }
}
