package org.cibnet.model;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
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

/** The three kinds of evidence, one score and flag, and the reasons that say which fired. */
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
        Flags.withFlags(
                scored
                    .withColumn(Flags.ELIGIBLE, Flags.eligible(0.5))
                    // features of a run made before persona traits: the rule cannot fire
                    .withColumn("n_accounts", lit(10L))
                    .withColumn("digits_handle_share", lit(1.0))
                    .withColumn("gender_mismatch_share", lit(1.0)),
                0.5,
                new Flags.Rules(0.3, 0.3, 2))
            .transform(d -> Reasons.withReturnReason(d, 3))
            .transform(d -> Reasons.withCommercialReason(d, 3, 0.5));
    Map<String, Row> byId =
        flagged.collectAsList().stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("network_id"), r -> r));

    assertThat(evidence(byId, "coordinated")).isEqualTo(Flags.COORDINATION);
    assertThat(evidence(byId, "returning")).isEqualTo(Flags.RECIDIVISM);
    assertThat(evidence(byId, "both")).isEqualTo("coordination+recidivism");
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

  @Test
  void personaTraitsFlagOnTheirOwnAndSayAgainstWhat(SparkSession spark) {
    StructType schema =
        SCORED
            .add("n_accounts", "long")
            .add("digits_handle_share", "double")
            .add("gender_mismatch_share", "double")
            .add("young_account_share", "double")
            .add(
                "persona_reference",
                new StructType()
                    .add("digits_handle", "double")
                    .add("gender_mismatch", "double")
                    .add("young_account", "double")
                    .add("young_account_days", "double"));
    Row reference = RowFactory.create(0.07, 0.03, 0.1, 290.0);
    Dataset<Row> scored =
        spark.createDataFrame(
            List.of(
                persona("fresh-digits", 0.1, 0.0, 53L, 0.91, 0.0, 0.7, reference),
                persona("one-trait", 0.1, 0.0, 53L, 0.91, 0.0, 0.2, reference),
                persona("selling", 0.1, 0.8, 40L, 1.0, 0.0, 1.0, reference),
                persona("fresh-digits-coordinated", 0.9, 0.0, 10L, 1.0, 0.0, 1.0, reference)),
            schema);
    Map<String, Row> byId =
        Flags.withFlags(
                scored.withColumn(Flags.ELIGIBLE, Flags.eligible(0.5)),
                0.5,
                new Flags.Rules(0.3, 0.3, 2))
            .transform(d -> Reasons.withPersonaReason(d, 3))
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("network_id"), r -> r));

    Row fresh = byId.get("fresh-digits");
    assertThat(fresh.<String>getAs("flag_evidence")).isEqualTo(Flags.PERSONA);
    assertThat(fresh.<Boolean>getAs("flagged")).isTrue();
    assertThat(fresh.getList(fresh.fieldIndex("persona_traits")))
        .containsExactly("digits_handle", "young_account");
    assertThat(fresh.<Double>getAs("score"))
        .as("threshold + (1 - threshold) x the traits' mean share")
        .isCloseTo(0.5 + 0.5 * (0.91 + 0.7) / 2, within(1e-9));
    assertThat(fresh.getList(fresh.fieldIndex("top_reasons")).get(0))
        .isEqualTo(
            "accounts unlike the rest of the data: 91% of handles end in digits (7% outside"
                + " networks); 70% of accounts were under 290 days old at their first post (10%"
                + " outside networks)");
    assertThat(evidence(byId, "one-trait")).as("one trait is not enough").isNull();
    assertThat(byId.get("one-trait").<Double>getAs("score")).isEqualTo(0.1);
    assertThat(evidence(byId, "selling")).as("a network that sells is spam").isNull();
    assertThat(evidence(byId, "fresh-digits-coordinated")).isEqualTo("coordination+persona");
  }

  private static Row persona(
      String id,
      double score,
      double commercial,
      long n,
      double digits,
      double gender,
      double young,
      Row reference) {
    Row base = network(id, score, 0.0, commercial);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < base.length(); i++) {
      values.add(base.get(i));
    }
    values.addAll(Arrays.asList(n, digits, gender, young, reference));
    return RowFactory.create(values.toArray());
  }

  private static String evidence(Map<String, Row> byId, String id) {
    return byId.get(id).getAs("flag_evidence");
  }
}
