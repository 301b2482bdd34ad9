package org.cibnet.job;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.config.Settings;
import org.cibnet.io.Warehouse;
import org.cibnet.report.HtmlReport;
import org.cibnet.testing.SampleWarehouse;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of the sample run: self-contained, and showing what a reviewer needs. */
class ReportJobTest {
  @TempDir Path dir;

  @Test
  void theReportShowsTopNetworksWithReasonsPlotsAndNothingFetchedFromOutside() throws Exception {
    SparkSession spark = SparkExtension.spark();
    Path out = dir.resolve("report.html");
    new ReportJob()
        .run(
            spark,
            JobOptions.of(
                "report",
                Map.of("--warehouse", SampleWarehouse.warehouse(), "--out", out.toString()),
                Settings.defaults()));
    String html = Files.readString(out);
    // keep a copy to look at (target/ is not committed)
    Files.writeString(Path.of("target", "sample-report.html"), html);

    // the report shows the report.top_networks (5) highest flagged networks in depth
    List<Row> flagged =
        new Warehouse(spark, SampleWarehouse.warehouse())
            .read(Warehouse.NETWORK_SCORES)
            .filter(col("flagged"))
            .orderBy(col("score").desc(), col("network_id"))
            .limit(5)
            .collectAsList();
    assertThat(flagged).isNotEmpty();
    for (Row r : flagged) {
      assertThat(html).contains(r.<String>getAs("network_id"));
      assertThat(html)
          .contains(HtmlReport.escape(r.getList(r.fieldIndex("top_reasons")).get(0).toString()));
      if (r.getAs("nearest_campaign") != null) {
        assertThat(html).contains(r.<String>getAs("nearest_campaign"));
      }
    }
    assertThat(html).as("the evidence of each flag").contains("flagged: inauthentic coordination");
    assertThat(html)
        .contains(
            "Score distribution",
            "Precision and recall",
            "PR-AUC",
            "When the network posts",
            "Accounts by platform",
            "Edges by signal",
            "review this network");
    assertThat(html.split("<svg", -1).length - 1)
        .as("charts: histogram, PR curve, a graph and clock per network")
        .isGreaterThanOrEqualTo(2 + 2 * flagged.size());
    assertThat(html)
        .as("self-contained: nothing loaded from elsewhere")
        .doesNotContain("<script", "src=\"http", "href=\"http", "@import", "url(");
    assertThat(html).contains("<circle").contains("<line");

    // The same run gives the same file.
    Path again = dir.resolve("again.html");
    new ReportJob()
        .run(
            spark,
            JobOptions.of(
                "report",
                Map.of("--warehouse", SampleWarehouse.warehouse(), "--out", again.toString()),
                Settings.defaults()));
    assertThat(Files.readString(again)).isEqualTo(html);
  }
}
