package org.cibnet.model;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.features.NetworkFeatures;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sentences an analyst reads beside a score, with the network's own figures. */
@ExtendWith(SparkExtension.class)
class ReasonsTest {
  /** One network with every feature at zero but the ones given. */
  private static Dataset<Row> network(SparkSession spark, Map<String, Double> features) {
    Dataset<Row> row = spark.range(1).selectExpr("'net-1' as network_id");
    for (String f : NetworkFeatures.FEATURES) {
      row = row.withColumn(f, lit(features.getOrDefault(f, 0.0)));
    }
    for (String f : NetworkFeatures.DESCRIPTIVE) {
      row = row.withColumn(f, lit(features.getOrDefault(f, 0.0)));
    }
    return row.withColumn("declared_offset", lit(features.getOrDefault("declared_offset", 0.0)))
        .withColumn(
            "likely_utc_offset", lit(features.getOrDefault("likely_utc_offset", 0.0).intValue()))
        .withColumn("ad_spend_usd_log", lit(features.getOrDefault("ad_spend_usd_log", 0.0)));
  }

  private static List<String> reasons(
      Dataset<Row> network, Map<String, Double> importances, int n) {
    return Reasons.withReasons(network, importances, n).first().getList(network.columns().length);
  }

  @Test
  void eachStandingOutFeatureIsASentenceWithItsFigureStrongestFirst(SparkSession spark) {
    Dataset<Row> net =
        network(
            spark,
            Map.of(
                "gender_mismatch_share", 0.71,
                "digits_handle_share", 0.93,
                "clock_offset_gap_hours", 6.0,
                "likely_utc_offset", 8.0,
                "declared_offset", 2.0));

    List<String> reasons = reasons(net, Map.of(), 5);

    assertThat(reasons)
        .contains("71% of accounts pair a name of one gender with a profile photo of the other")
        .contains("93% of handles are a name followed by digits")
        .anySatisfy(r -> assertThat(r).contains("UTC+8").contains("UTC+2"));
    assertThat(reasons(net, Map.of(), 1)).as("at most n").hasSize(1);
    assertThat(reasons(net, Map.of("gender_mismatch_share", 5.0), 5).get(0))
        .as("the model's important features weigh more")
        .startsWith("71% of accounts pair");
  }

  @Test
  void aNetworkWhereNothingStandsOutHasNoReason(SparkSession spark) {
    assertThat(reasons(network(spark, Map.of("digits_handle_share", 0.05)), Map.of(), 3)).isEmpty();
  }
}
