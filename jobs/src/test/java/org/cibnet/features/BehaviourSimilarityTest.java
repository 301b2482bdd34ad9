package org.cibnet.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The behavioural fingerprint: nearest removed campaign by standardised feature vector, never its
 * own.
 */
@ExtendWith(SparkExtension.class)
class BehaviourSimilarityTest {
  @Test
  void aNetworkThatWorksLikeARemovedCampaignIsNearestToItAndNoNetworkToItsOwn(SparkSession spark) {
    // two features; campaign A's network works fast and at night, B's slowly by day
    Dataset<Row> features =
        spark.createDataFrame(
            List.of(
                RowFactory.create("nA", 0.9, 1.0), RowFactory.create("nB", 0.1, 5.0),
                RowFactory.create("new", 0.85, 1.2), RowFactory.create("crowd", 0.2, 4.0)),
            new StructType()
                .add("network_id", "string")
                .add("night", "double")
                .add("gap", "double"));
    Dataset<Row> members =
        spark.createDataFrame(
            List.of(
                RowFactory.create("nA", "a1"),
                RowFactory.create("nA", "a2"),
                RowFactory.create("nB", "b1"),
                RowFactory.create("nB", "b2"),
                RowFactory.create("new", "x1"),
                RowFactory.create("crowd", "y1")),
            new StructType().add("network_id", "string").add("account_id", "string"));
    Dataset<Row> takedowns =
        spark.createDataFrame(
            List.of(
                RowFactory.create("a1", "A"),
                RowFactory.create("a2", "A"),
                RowFactory.create("b1", "B"),
                RowFactory.create("b2", "B")),
            new StructType().add("account_id", "string").add("campaign_id", "string"));

    Map<String, Row> nearest =
        CampaignSimilarity.nearestByBehaviour(
                features, members, takedowns, List.of("night", "gap"), 0.5)
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    assertThat(nearest.get("new").getString(1)).as("works like A").isEqualTo("A");
    assertThat(nearest.get("crowd").getString(1)).isEqualTo("B");
    assertThat(nearest.get("nA").getString(1)).as("never its own campaign").isEqualTo("B");
    assertThat(nearest.get("nB").getString(1)).isEqualTo("A");
    assertThat(nearest.get("new").getDouble(2)).isLessThan(nearest.get("crowd").getDouble(2));
    // root-mean-square over standardised features: nA to B's centroid (nB itself)
    assertThat(nearest.get("nA").getDouble(2))
        .isCloseTo(distance(features, "nA", "nB"), within(1e-9));
  }

  private static double distance(Dataset<Row> f, String a, String b) {
    List<Row> rows = f.collectAsList();
    double sum = 0;
    for (int i = 1; i <= 2; i++) {
      final int c = i;
      double mean = rows.stream().mapToDouble(r -> r.getDouble(c)).average().orElseThrow();
      double sd =
          Math.sqrt(
              rows.stream()
                  .mapToDouble(r -> Math.pow(r.getDouble(c) - mean, 2))
                  .average()
                  .orElseThrow());
      double za =
          (rows.stream()
                      .filter(r -> r.getString(0).equals(a))
                      .findFirst()
                      .orElseThrow()
                      .getDouble(c)
                  - mean)
              / sd;
      double zb =
          (rows.stream()
                      .filter(r -> r.getString(0).equals(b))
                      .findFirst()
                      .orElseThrow()
                      .getDouble(c)
                  - mean)
              / sd;
      sum += (za - zb) * (za - zb);
    }
    return Math.sqrt(sum / 2);
  }
}
