package org.cibnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The organic side of each feature, and the clip the logistic model reads. */
@ExtendWith(SparkExtension.class)
class OrganicReferenceTest {
  private static final StructType NETWORKS =
      new StructType()
          .add("label", "double")
          .add("digits_handle_share", "double")
          .add("account_age_log_days", "double")
          .add("commercial_share", "double");

  private static final Map<String, Integer> DIRECTIONS = directions();

  private static Map<String, Integer> directions() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("digits_handle_share", 2);
    m.put("account_age_log_days", -2);
    m.put("commercial_share", -2);
    return m;
  }

  /** Eight negatives (two of them operations nobody removed) and two positives. */
  private static Dataset<Row> training(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    double[][] negatives = {
      {0.00, 7.6},
      {0.00, 7.4},
      {0.02, 7.2},
      {0.05, 7.0},
      {0.10, 6.8},
      {0.20, 6.5},
      {0.90, 4.2},
      {0.95, 3.9}
    };
    for (double[] n : negatives) {
      rows.add(RowFactory.create(0.0, n[0], n[1], 0.0));
    }
    rows.add(RowFactory.create(1.0, 1.0, 3.0, 0.0));
    rows.add(RowFactory.create(1.0, 0.9, 3.5, 0.0));
    return spark.createDataFrame(rows, NETWORKS);
  }

  @Test
  void theReferenceIsTheNegativesOnTheirOrganicSideAndExplanationsStayTwoSided(SparkSession spark) {
    Map<String, Double> refs =
        OrganicReference.of(training(spark), DIRECTIONS, Set.of("commercial_share"));

    assertThat(refs).containsOnlyKeys("digits_handle_share", "account_age_log_days");
    assertThat(refs.get("digits_handle_share"))
        .as(
            "higher is suspicious: the lower quartile of the negatives, not pulled up by the"
                + " two hidden operations or the positives")
        .isCloseTo(0.0, within(0.021));
    assertThat(refs.get("account_age_log_days"))
        .as("lower is suspicious: the upper quartile of the negatives")
        .isCloseTo(7.4, within(0.21));
  }

  @Test
  void aNetworkLackingATraitReadsAsOrganicAndAMissingValueAsTheReference(SparkSession spark) {
    Map<String, Double> refs = Map.of("digits_handle_share", 0.05, "account_age_log_days", 7.0);
    StructType schema =
        new StructType()
            .add("network_id", "string")
            .add("digits_handle_share", "double")
            .add("account_age_log_days", "double")
            .add("commercial_share", "double");
    Dataset<Row> networks =
        spark.createDataFrame(
            List.of(
                RowFactory.create("fan-club", 0.0, 7.8, 0.0),
                RowFactory.create("operation", 0.9, 4.0, 0.0),
                RowFactory.create("shop", null, null, 0.8)),
            schema);

    Map<String, List<Object>> clipped = new LinkedHashMap<>();
    for (Row r :
        OrganicReference.clipper(DIRECTIONS, refs)
            .transform(networks)
            .select(
                "network_id",
                "clip_digits_handle_share",
                "clip_account_age_log_days",
                "clip_commercial_share")
            .collectAsList()) {
      clipped.put(r.getString(0), Arrays.asList(r.get(1), r.get(2), r.get(3)));
    }

    assertThat(clipped.get("fan-club"))
        .as("below the reference on the organic side: the reference itself")
        .containsExactly(0.05, 7.0, 0.0);
    assertThat(clipped.get("operation")).containsExactly(0.9, 4.0, 0.0);
    assertThat(clipped.get("shop"))
        .as("missing reads as organic; an explanation passes through unclipped")
        .containsExactly(0.05, 7.0, 0.8);
  }

  @Test
  void theExportedModelClipsAsThePipelineDoes(SparkSession spark) {
    LinearModel.Spec spec =
        new LinearModel.Spec(
            "t",
            List.of("digits_handle_share", "account_age_log_days", "commercial_share"),
            List.of(0.5, 5.0, 0.1),
            List.of(0.4, 1.5, 0.3),
            List.of(1.0, -1.0, -1.0),
            0.0,
            0.5,
            null,
            Map.of(),
            Arrays.asList(0.05, 7.0, null));
    StructType schema =
        new StructType()
            .add("digits_handle_share", "double")
            .add("account_age_log_days", "double")
            .add("commercial_share", "double");
    Dataset<Row> networks =
        spark.createDataFrame(
            List.of(RowFactory.create(0.0, 7.8, 0.1), RowFactory.create(0.05, 7.0, 0.1)), schema);

    List<Double> scores =
        new LinearModel(spec)
            .score(networks).select("score").collectAsList().stream()
                .map(r -> r.getDouble(0))
                .toList();

    assertThat(scores.get(0))
        .as("no digits and old accounts score as the organic reference does")
        .isCloseTo(scores.get(1), within(1e-12));
  }
}
