package org.cibnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The two kinds of evidence, one score and flag, and the reasons that say which fired. */
@ExtendWith(SparkExtension.class)
class FlagsTest {
  private static final StructType SCORED =
      new StructType()
          .add("network_id", "string")
          .add("score", "double")
          .add("return_share", "double")
          .add("return_campaign", "string")
          .add("return_indicators", DataTypes.createArrayType(DataTypes.StringType))
          .add("commercial_share", "double")
          .add("allowlisted", "boolean")
          .add("suppressed", "boolean")
          .add("top_reasons", DataTypes.createArrayType(DataTypes.StringType));

  private static Row network(String id, double score, double returnShare, double commercial) {
    return RowFactory.create(
        id,
        score,
        returnShare,
        returnShare > 0 ? "op-ru-00" : null,
        returnShare > 0 ? List.of("domain:bild.vip", "photo:42", "payer:truth network ltd") : null,
        commercial,
        false,
        false,
        List.of("a reason of the model"));
  }

  @Test
  void eitherEvidenceFlagsAndTheScoreStaysAboveTheThresholdWhenItDoes(SparkSession spark) {
    Dataset<Row> scored =
        spark.createDataFrame(
            List.of(
                network("coordinated", 0.8, 0.0, 0.0),
                network("returning", 0.2, 0.6, 0.0),
                network("both", 0.9, 0.4, 0.0),
                network("neither", 0.3, 0.1, 0.0),
                network("selling", 0.95, 0.0, 0.8),
                network("selling-returning", 0.95, 0.5, 0.8)),
            SCORED);
    Dataset<Row> flagged =
        Flags.withFlags(scored.withColumn(Flags.ELIGIBLE, Flags.eligible(0.5)), 0.5, 0.3)
            .transform(d -> Reasons.withReturnReason(d, 3))
            .transform(d -> Reasons.withCommercialReason(d, 3, 0.5));
    Map<String, Row> byId =
        flagged.collectAsList().stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("network_id"), r -> r));

    assertThat(evidence(byId, "coordinated")).isEqualTo(Flags.COORDINATION);
    assertThat(evidence(byId, "returning")).isEqualTo(Flags.RECIDIVISM);
    assertThat(evidence(byId, "both")).isEqualTo(Flags.BOTH);
    assertThat(evidence(byId, "neither")).isNull();
    assertThat(evidence(byId, "selling"))
        .as("a network that sells is not flagged for coordination")
        .isNull();
    assertThat(evidence(byId, "selling-returning"))
        .as("but a return still flags it")
        .isEqualTo(Flags.RECIDIVISM);
    assertThat(
            byId.values().stream()
                .filter(r -> r.<Boolean>getAs("flagged"))
                .map(r -> r.<String>getAs("network_id")))
        .containsExactlyInAnyOrder("coordinated", "returning", "both", "selling-returning");

    Row returning = byId.get("returning");
    assertThat(returning.<Double>getAs("coordination_score")).isEqualTo(0.2);
    assertThat(returning.<Double>getAs("score"))
        .as("threshold + (1 - threshold) x share")
        .isEqualTo(0.8);
    assertThat(byId.get("both").<Double>getAs("score")).as("the higher of the two").isEqualTo(0.9);
    assertThat(byId.get("neither").<Double>getAs("score")).isEqualTo(0.3);

    List<String> reasons = returning.getList(returning.fieldIndex("top_reasons"));
    assertThat(reasons.get(0))
        .isEqualTo(
            "60% of accounts hold indicators of removed campaign op-ru-00 (bild.vip, a reused"
                + " profile photo, ad payer 'truth network ltd'): a likely return of that"
                + " campaign");
    assertThat(reasons).hasSize(2).contains("a reason of the model");
    List<String> selling =
        byId.get("selling").getList(byId.get("selling").fieldIndex("top_reasons"));
    assertThat(selling.get(0))
        .isEqualTo(
            "80% of posts sell something: commercial spam or marketing,"
                + " not flagged as an influence operation");
  }

  private static String evidence(Map<String, Row> byId, String id) {
    return byId.get(id).getAs("flag_evidence");
  }
}
