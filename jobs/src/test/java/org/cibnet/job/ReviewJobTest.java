package org.cibnet.job;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.config.Settings;
import org.cibnet.io.Warehouse;
import org.cibnet.testing.SampleWarehouse;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.Seq;

/**
 * Analyst verdicts recorded with `review` change the next score: a benign network is not
 * re-flagged.
 */
class ReviewJobTest {
  @TempDir Path dir;

  static JobOptions review(String warehouse, String network, String verdict) {
    return JobOptions.of(
        "review",
        Map.of(
            "--warehouse",
            warehouse,
            "--network-id",
            network,
            "--verdict",
            verdict,
            "--reviewer",
            "ana",
            "--note",
            "a fan club"),
        Settings.defaults());
  }

  @Test
  void aFlaggedNetworkReviewedBenignIsNotFlaggedAgainAndTheVerdictIsRecordedOnce() {
    SparkSession spark = SparkExtension.spark();
    Warehouse wh = new Warehouse(spark, SampleWarehouse.copyTo(dir));
    Row top =
        wh.read(Warehouse.NETWORK_SCORES)
            .filter("flagged")
            .orderBy(col("score").desc(), col("network_id"))
            .first();
    String network = top.getAs("network_id");

    new ReviewJob().run(spark, review(wh.root(), network, "benign"));
    new ReviewJob().run(spark, review(wh.root(), network, "BENIGN"));
    List<Row> reviews = wh.read(Warehouse.NETWORK_REVIEWS).collectAsList();
    assertThat(reviews).as("the same verdict recorded twice is one row").hasSize(1);
    assertThat(reviews.get(0).<String>getAs("verdict")).isEqualTo("benign");
    assertThat(reviews.get(0).<Seq<String>>getAs("members").size())
        .isEqualTo(((Number) top.getAs("n_accounts")).intValue());

    JobOptions o = SampleWarehouse.options("score", wh.root(), SampleWarehouse.RUN_ID);
    new ScoreJob().run(spark, o);
    Row after =
        wh.read(Warehouse.NETWORK_SCORES).filter(col("network_id").equalTo(network)).first();
    assertThat(after.<Boolean>getAs("flagged")).isFalse();
    assertThat(after.<String>getAs("review_verdict")).isEqualTo("benign");
    assertThat(after.<Seq<String>>getAs("top_reasons").head())
        .startsWith("reviewed as benign by ana (a fan club); not flagged again");
    assertThat(after.getDouble(after.fieldIndex("score")))
        .as("the score itself is kept")
        .isEqualTo(top.getDouble(top.fieldIndex("score")));
    assertThat(wh.read(Warehouse.NETWORK_SCORES).count())
        .as("rows updated in place")
        .isEqualTo(
            new Warehouse(spark, SampleWarehouse.warehouse())
                .read(Warehouse.NETWORK_SCORES)
                .count());
  }

  @Test
  void unknownNetworksAndVerdictsAreRefusedWithAClearMessage() {
    SparkSession spark = SparkExtension.spark();
    String wh = SampleWarehouse.warehouse();
    assertThatThrownBy(() -> new ReviewJob().run(spark, review(wh, "no-such-network", "benign")))
        .hasMessageContaining("No network no-such-network");
    assertThatThrownBy(() -> new ReviewJob().run(spark, review(wh, "x", "remove")))
        .hasMessageContaining("--verdict");
  }
}
