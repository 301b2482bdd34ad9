package org.cibnet.model;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.features.PersonaTraits;

/**
 * Turns the three kinds of evidence into one score and flag. Inauthentic coordination: the
 * classifier's score (campaign-agnostic features) at or above its threshold. Inauthentic personas:
 * at least a number of persona traits stand out among the network's accounts against the data's
 * unlinked accounts ({@link PersonaTraits}; a rule, no label read). Recidivism: at least a share of
 * the network's accounts hold indicators of a removed campaign other than its own (a rule, read
 * from network_features' return_* columns). Each may flag on its own; flag_evidence says which
 * fired.
 */
public final class Flags {
  private Flags() {}

  /** flag_evidence parts, joined by '+' in this order when several fire. */
  public static final String COORDINATION = "coordination";

  public static final String PERSONA = "persona";
  public static final String RECIDIVISM = "recidivism";

  /** Column: a network coordination or personas can flag (it does not mostly sell). */
  public static final String ELIGIBLE = "coordination_eligible";

  /** The rules beside the classifier: recidivism's share, the persona traits' margin and count. */
  public record Rules(double returnMinShare, double personaMargin, int personaMinTraits) {}

  /**
   * Whether coordination or personas may flag a network: one whose posts mostly sell
   * (commercial_share at or above maxCommercialShare) is spam or marketing, not an influence
   * operation, however inauthentic its accounts look.
   */
  public static Column eligible(double maxCommercialShare) {
    return coalesce(col("commercial_share"), lit(0.0)).lt(maxCommercialShare);
  }

  /**
   * Adds coordination_score (the classifier's), persona_traits, persona, returning, score, flagged
   * and flag_evidence. Input: score (the classifier's), the persona columns of network_features,
   * return_share, coordination_eligible, allowlisted and suppressed. The score a person reads stays
   * on the classifier's scale and is at least the threshold when a rule fires, rising with the
   * share of accounts that carry its evidence, so flagged networks rank above the others and `score
   * >= threshold` still means flagged (unless allowlisted or suppressed by a review).
   */
  public static Dataset<Row> withFlags(Dataset<Row> scored, double threshold, Rules rules) {
    Dataset<Row> withTraits =
        scored
            .transform(PersonaTraits::orNone)
            .withColumn("persona_traits", PersonaTraits.standingOut(rules.personaMargin()));
    Column coordination = col("coordination_score").geq(threshold).and(col(ELIGIBLE));
    Column persona = personaFires(col("persona_traits"), rules).and(col(ELIGIBLE));
    Column returning = col("return_share").geq(rules.returnMinShare());
    Column returnScore = lift(threshold, col("return_share"));
    Column personaScore = lift(threshold, personaShare());
    return withTraits
        .withColumnRenamed("score", "coordination_score")
        .withColumn("persona", persona)
        .withColumn("returning", returning)
        .withColumn(
            "score",
            greatest(
                col("coordination_score"),
                when(col("returning"), returnScore).otherwise(lit(0.0)),
                when(col("persona"), personaScore).otherwise(lit(0.0))))
        .withColumn(
            "flag_evidence",
            nullif(
                concat_ws(
                    "+",
                    when(coordination, lit(COORDINATION)),
                    when(col("persona"), lit(PERSONA)),
                    when(col("returning"), lit(RECIDIVISM))),
                lit("")))
        .withColumn(
            "flagged",
            col("flag_evidence")
                .isNotNull()
                .and(col("allowlisted").equalTo(false))
                .and(col("suppressed").equalTo(false)));
  }

  /**
   * Whether the persona rule fires on a network whose network_features columns are at hand
   * (ignoring commercial_share): enough of its persona traits stand out.
   */
  public static Column personaFires(Rules rules) {
    return personaFires(PersonaTraits.standingOut(rules.personaMargin()), rules);
  }

  private static Column personaFires(Column traits, Rules rules) {
    return lit(rules.personaMinTraits() > 0).and(size(traits).geq(rules.personaMinTraits()));
  }

  /** Whether an evidence part fired, read from flag_evidence. */
  public static Column fired(String part) {
    return array_contains(split(coalesce(col("flag_evidence"), lit("")), "\\+"), part);
  }

  private static Column lift(double threshold, Column share) {
    return lit(threshold).plus(lit(1.0 - threshold).multiply(share));
  }

  /** The mean share of accounts with the traits that stand out. */
  private static Column personaShare() {
    Column sum = lit(0.0);
    for (Map.Entry<String, String> t : PersonaTraits.SHARES.entrySet()) {
      sum =
          sum.plus(
              when(array_contains(col("persona_traits"), t.getKey()), col(t.getValue()))
                  .otherwise(lit(0.0)));
    }
    return sum.divide(greatest(size(col("persona_traits")), lit(1)));
  }
}
