package org.cibnet.review;

import static org.cibnet.testing.DatasetAssert.assertRows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.assertj.core.api.Assertions;
import org.cibnet.model.Labels;
import org.cibnet.schema.Schemas;
import org.cibnet.testing.RowBuilder;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class ReviewsTest {
  static final StructType MEMBERS =
      new StructType().add("account_id", "string").add("network_id", "string");

  static RowBuilder review(
      String network, String asOf, String verdict, String reviewedAt, String... members) {
    return RowBuilder.of(Schemas.NETWORK_REVIEWS_SCHEMA)
        .set("review_id", network + verdict + reviewedAt)
        .set("network_id", network)
        .set("as_of", asOf)
        .set("run_id", "r")
        .set("verdict", verdict)
        .set("reviewer", "ana")
        .set("reviewed_at", reviewedAt)
        .set("members", members);
  }

  static Dataset<Row> members(SparkSession spark, String... accountNetwork) {
    List<RowBuilder> rows = new ArrayList<>();
    for (int i = 0; i < accountNetwork.length; i += 2) {
      rows.add(
          RowBuilder.of(MEMBERS)
              .set("account_id", accountNetwork[i])
              .set("network_id", accountNetwork[i + 1]));
    }
    return RowBuilder.frame(spark, MEMBERS, rows);
  }

  @Test
  void theNewestVerdictOnScoresUpToTheAsOfDateIsInForce(SparkSession spark) {
    Dataset<Row> reviews =
        RowBuilder.frame(
            spark,
            review("n1", "2022-01-01", "benign", "2026-01-01T00:00:00Z", "a"),
            review("n1", "2022-01-01", "confirmed", "2026-02-01T00:00:00Z", "a"),
            review("n2", "2022-06-01", "confirmed", "2026-01-01T00:00:00Z", "b"));
    assertRows(
        Reviews.latest(reviews, LocalDate.parse("2022-03-01")),
        List.of(List.of("n1", "confirmed")),
        "network_id",
        "verdict");
    assertRows(
        Reviews.latest(reviews, LocalDate.parse("2022-06-01")),
        List.of(List.of("n1", "confirmed"), List.of("n2", "confirmed")),
        "network_id",
        "verdict");
  }

  @Test
  void confirmedNetworksBecomePositivesOfTheirOwnCampaignAndBenignOnesNegatives(
      SparkSession spark) {
    Dataset<Row> members =
        members(spark, "a1", "n1", "a2", "n1", "b1", "n2", "b2", "n2", "c1", "n3", "c2", "n3");
    Dataset<Row> takedowns =
        RowBuilder.frame(spark, RowBuilder.takedown("c1", "cn-2022"))
            .select("account_id", "campaign_id");
    Dataset<Row> verdicts =
        RowBuilder.frame(
            spark,
            review("n1", "2022-01-01", "confirmed", "2026-01-01T00:00:00Z", "a1", "a2"),
            review("n3", "2022-01-01", "benign", "2026-01-01T00:00:00Z", "c1", "c2"));
    Dataset<Row> labels =
        Labels.of(members, takedowns.unionByName(Reviews.confirmedAsTakedowns(verdicts)), 0.5);
    labels = Reviews.withBenignNegatives(labels, verdicts, members);
    // n3 is half removed (positive by takedown share 0.5): the takedown outranks the benign
    // verdict.
    assertRows(
        labels,
        List.of(
            List.of("n1", 1.0, "review:n1"),
            List.of("n2", 0.0, "neg"),
            List.of("n3", 1.0, "cn-2022")),
        "network_id",
        "label",
        "campaign_id");
    Dataset<Row> strict = Labels.of(members, takedowns, 0.9);
    assertRows(
        Reviews.withBenignNegatives(strict, verdicts, members),
        List.of(List.of("n1", 0.0, "neg"), List.of("n2", 0.0, "neg"), List.of("n3", 0.0, "neg")),
        "network_id",
        "label",
        "campaign_id");
  }

  @Test
  void aBenignNetworkIsSuppressedUntilItsMembershipChanges(SparkSession spark) {
    StructType scoredSchema =
        new StructType()
            .add("network_id", "string")
            .add("members", DataTypes.createArrayType(DataTypes.StringType));
    Dataset<Row> scored =
        RowBuilder.frame(
            spark,
            scoredSchema,
            List.of(
                RowBuilder.of(scoredSchema)
                    .set("network_id", "same")
                    .set("members", new String[] {"a", "b", "c", "d"}),
                RowBuilder.of(scoredSchema)
                    .set("network_id", "grown")
                    .set("members", new String[] {"a", "x", "y", "z"}),
                RowBuilder.of(scoredSchema)
                    .set("network_id", "confirmed")
                    .set("members", new String[] {"k"}),
                RowBuilder.of(scoredSchema)
                    .set("network_id", "new")
                    .set("members", new String[] {"n"})));
    Dataset<Row> verdicts =
        RowBuilder.frame(
            spark,
            review("same", "2022-01-01", "benign", "2026-01-01T00:00:00Z", "a", "b", "c"),
            review("grown", "2022-01-01", "dismissed", "2026-01-01T00:00:00Z", "a", "b", "c"),
            review("confirmed", "2022-01-01", "confirmed", "2026-01-01T00:00:00Z", "k"));
    Dataset<Row> out = Reviews.withVerdicts(scored, verdicts, 0.5);
    assertRows(
        out,
        List.of(
            List.of("same", "benign", true),
            List.of("grown", "dismissed", false),
            List.of("confirmed", "confirmed", false),
            Arrays.asList("new", null, false)),
        "network_id",
        "review_verdict",
        "suppressed");
    String reason =
        out.filter("network_id = 'same'").select(Reviews.suppressionReason()).first().getString(0);
    Assertions.assertThat(reason)
        .isEqualTo(
            "reviewed as benign by ana; not flagged again while its membership stays the same (75%"
                + " of members unchanged)");
  }
}
