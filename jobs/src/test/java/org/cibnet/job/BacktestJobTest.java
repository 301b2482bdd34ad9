package org.cibnet.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.io.Warehouse;
import org.cibnet.model.ModelStore;
import org.cibnet.testing.SampleWarehouse;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;

/** backtest on the sample world: three as-of dates, the pipeline's detect run reused. */
class BacktestJobTest {

  @Test
  void everyCampaignGetsARowPerDateBeforeItsTakedownAndEarlyFlagsAreCounted() {
    SparkSession spark = SparkExtension.spark();
    // The sample warehouse ran `backtest --dates` + BACKTEST_DATES right after its pipeline.
    Warehouse wh = new Warehouse(spark, SampleWarehouse.warehouse());
    Dataset<Row> takedowns = spark.read().parquet(SampleWarehouse.input() + "/takedowns");
    Dataset<Row> bt =
        wh.read(Warehouse.BACKTEST).filter(col("run_id").equalTo(SampleWarehouse.BACKTEST_RUN_ID));

    // One row per campaign and grid date before its takedown.
    long expected = 0;
    for (Row r : takedowns.groupBy("campaign_id").agg(min("takedown_date")).collectAsList()) {
      for (String d : SampleWarehouse.BACKTEST_DATES) {
        expected += r.getDate(1).toLocalDate().isAfter(LocalDate.parse(d)) ? 1 : 0;
      }
    }
    assertThat(bt.count()).isEqualTo(expected);
    assertThat(bt.select("detect_run_id").distinct().as(Encoders.STRING()).collectAsList())
        .as("detect ran once: the pipeline's run on the same input is reused")
        .containsExactly(SampleWarehouse.RUN_ID);
    assertThat(bt.filter("as_of >= takedown_date").count())
        .as("only dates before each takedown")
        .isZero();

    // Warning = takedown date - first date caught; a campaign is caught on its first caught date.
    List<Row> caught =
        bt.filter("first_caught_as_of is not null")
            .select("campaign_id", "takedown_date", "first_caught_as_of", "days_of_warning")
            .distinct()
            .collectAsList();
    assertThat(caught).as("some planted campaigns are flagged before their takedown").isNotEmpty();
    for (Row r : caught) {
      assertThat((long) r.getInt(3))
          .isEqualTo(
              ChronoUnit.DAYS.between(r.getDate(2).toLocalDate(), r.getDate(1).toLocalDate()));
      assertThat(
              bt.filter(
                      col("campaign_id")
                          .equalTo(r.getString(0))
                          .and(col("as_of").equalTo(r.getDate(2)))
                          .and(col("caught")))
                  .count())
          .isEqualTo(1);
    }
    // Labels known at each date: no model trained before the first takedown, one after.
    List<String> models =
        bt.orderBy("as_of")
            .select("as_of", "model_version")
            .distinct()
            .orderBy("as_of")
            .select("model_version")
            .as(Encoders.STRING())
            .collectAsList();
    assertThat(models.get(0))
        .as("no takedown before 2022-07-20: the shipped default model")
        .isEqualTo(ModelStore.defaultVersion());
    String lastDate = bt.agg(max("as_of")).first().getDate(0).toString();
    assertThat(models.get(models.size() - 1))
        .as("trained on the takedowns known at the last date")
        .startsWith("model-" + lastDate);
    assertThat(
            wh.read(Warehouse.RUNS)
                .filter("job = 'backtest' and status = 'succeeded'")
                .filter(col("run_id").equalTo(SampleWarehouse.BACKTEST_RUN_ID))
                .count())
        .isEqualTo(1);
  }
}
