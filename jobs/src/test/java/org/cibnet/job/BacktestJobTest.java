package org.cibnet.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.config.Settings;
import org.cibnet.io.Warehouse;
import org.cibnet.testing.SampleWarehouse;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backtest on the sample world: three as-of dates, the pipeline's detect run reused. */
class BacktestJobTest {
  @TempDir Path dir;

  @Test
  void everyCampaignGetsARowPerDateBeforeItsTakedownAndEarlyFlagsAreCounted() {
    SparkSession spark = SparkExtension.spark();
    Warehouse wh = new Warehouse(spark, SampleWarehouse.copyTo(dir));
    Dataset<Row> takedowns = spark.read().parquet(SampleWarehouse.input() + "/takedowns");
    JobOptions o = JobOptions.of("backtest", Map.of("--input", SampleWarehouse.input(), "--warehouse", wh.root(),
        "--dates", "2022-07-20,2022-08-20,2022-09-15", "--run-id", "bt-1"), Settings.defaults());
    new BacktestJob().run(spark, o);
    Dataset<Row> bt = wh.read(Warehouse.BACKTEST).filter(col("run_id").equalTo("bt-1"));

    // One row per campaign and grid date before its takedown.
    long expected = 0;
    for (Row r : takedowns.groupBy("campaign_id").agg(min("takedown_date")).collectAsList()) {
      for (String d : List.of("2022-07-20", "2022-08-20", "2022-09-15")) {
        expected += r.getDate(1).toLocalDate().isAfter(LocalDate.parse(d)) ? 1 : 0;
      }
    }
    assertThat(bt.count()).isEqualTo(expected);
    assertThat(bt.select("detect_run_id").distinct().as(Encoders.STRING()).collectAsList())
        .as("detect ran once: the pipeline's run on the same input is reused").containsExactly(SampleWarehouse.RUN_ID);
    assertThat(bt.filter("as_of >= takedown_date").count()).as("only dates before each takedown").isZero();

    // Warning = takedown date - first date caught; a campaign is caught on its first caught date.
    List<Row> caught = bt.filter("first_caught_as_of is not null").select("campaign_id", "takedown_date",
        "first_caught_as_of", "days_of_warning").distinct().collectAsList();
    assertThat(caught).as("some planted campaigns are flagged before their takedown").isNotEmpty();
    for (Row r : caught) {
      assertThat((long) r.getInt(3)).isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(
          r.getDate(2).toLocalDate(), r.getDate(1).toLocalDate()));
      assertThat(bt.filter(col("campaign_id").equalTo(r.getString(0)).and(col("as_of").equalTo(r.getDate(2)))
          .and(col("caught"))).count()).isEqualTo(1);
    }
    // Labels known at each date: no model trained before the first takedown, one after.
    List<String> models = bt.orderBy("as_of").select("as_of", "model_version").distinct().orderBy("as_of")
        .select("model_version").as(Encoders.STRING()).collectAsList();
    assertThat(models.get(0)).as("no takedown before 2022-07-20: the shipped default model")
        .isEqualTo(org.cibnet.model.ModelStore.defaultVersion());
    assertThat(models.get(models.size() - 1)).startsWith("model-2022-09-15");
    assertThat(wh.read(Warehouse.RUNS).filter("run_id = 'bt-1' and job = 'backtest' and status = 'succeeded'")
        .count()).isEqualTo(1);
  }
}
