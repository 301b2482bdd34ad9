package org.cibnet.model;

import static org.apache.spark.sql.functions.countDistinct;
import static org.assertj.core.api.Assertions.assertThat;

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

/** Labels from takedowns, and leave-campaign-out folds. */
@ExtendWith(SparkExtension.class)
class LabelsTest {
  private static final StructType MEMBERS =
      new StructType().add("network_id", "string").add("account_id", "string");
  private static final StructType TAKEDOWNS =
      new StructType().add("account_id", "string").add("campaign_id", "string");

  private static Dataset<Row> members(SparkSession spark, String... networkAccount) {
    List<Row> rows =
        java.util.Arrays.stream(networkAccount)
            .map(s -> RowFactory.create(s.split(":")[0], s.split(":")[1]))
            .toList();
    return spark.createDataFrame(rows, MEMBERS);
  }

  @Test
  void aNetworkIsPositiveFromTheShareRemovedUnlabelledOnlyWithNoneAndLeftOutInBetween(
      SparkSession spark) {
    Dataset<Row> members =
        members(
            spark, "n1:a1", "n1:a2", "n1:a3", "n2:b1", "n2:b2", "n3:c1", "n3:c2", "n3:c3", "n3:c4");
    Dataset<Row> takedowns =
        spark.createDataFrame(
            List.of(
                RowFactory.create("a1", "op-x"),
                RowFactory.create("a2", "op-y"),
                RowFactory.create("a3", "op-y"),
                RowFactory.create("c1", "op-z")),
            TAKEDOWNS);

    Map<String, Row> byNetwork =
        Labels.of(members, takedowns, 0.5).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r));

    assertThat(byNetwork).containsOnlyKeys("n1", "n2");
    Row n1 = byNetwork.get("n1");
    assertThat(n1.<Double>getAs("label")).isEqualTo(1.0);
    assertThat(n1.<String>getAs("campaign_id"))
        .as("the campaign most members belong to")
        .isEqualTo("op-y");
    assertThat(n1.<Double>getAs("removed_share")).isEqualTo(1.0);
    Row n2 = byNetwork.get("n2");
    assertThat(n2.<Double>getAs("label")).isEqualTo(0.0);
    assertThat(n2.<String>getAs("campaign_id")).isEqualTo("neg");
    assertThat(n2.<Boolean>getAs("verified_negative")).isFalse();
  }

  @Test
  void aCampaignNeverSpansTwoFoldsAndFoldsAreStable(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("network_id", "string")
            .add("label", "double")
            .add("campaign_id", "string");
    List<Row> rows = new java.util.ArrayList<>();
    List<String> campaigns = List.of("op-a", "op-b", "op-c", "op-d", "op-e");
    for (int i = 0; i < 40; i++) {
      rows.add(RowFactory.create("p" + i, 1.0, campaigns.get(i % campaigns.size())));
      rows.add(RowFactory.create("n" + i, 0.0, "neg"));
    }
    Dataset<Row> labels = spark.createDataFrame(rows, schema);

    Dataset<Row> folded = Labels.withFolds(labels, campaigns, 3);

    assertThat(
            folded
                .filter("label = 1.0")
                .groupBy("campaign_id")
                .agg(countDistinct("fold").as("folds"))
                .filter("folds > 1")
                .count())
        .as("campaigns seen in two folds")
        .isZero();
    assertThat(folded.filter("label = 1.0").select("fold").distinct().count())
        .as("five campaigns over three folds")
        .isEqualTo(3);
    assertThat(folded.filter("label = 0.0").select("fold").distinct().count())
        .as("negatives spread over every fold")
        .isEqualTo(3);
    assertThat(folded.filter("fold < 0 or fold >= 3 or fold is null").count()).isZero();
    assertThat(Labels.withFolds(labels, campaigns, 3).orderBy("network_id").collectAsList())
        .as("same labels, same folds")
        .isEqualTo(folded.orderBy("network_id").collectAsList());
  }
}
