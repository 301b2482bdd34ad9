package org.cibnet.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns the two kinds of evidence into one score and flag. Inauthentic coordination: the
 * classifier's score (campaign-agnostic features) at or above its threshold. Recidivism: at least a
 * share of the network's accounts hold indicators of a removed campaign other than its own (a rule,
 * read from network_features' return_* columns). Either may flag on its own; flag_evidence says
 * which fired.
 */
public final class Flags {
  private Flags() {}

  /** flag_evidence values. */
  public static final String COORDINATION = "coordination";

  public static final String RECIDIVISM = "recidivism";
  public static final String BOTH = "both";

  /** Column: a network coordination can flag (it does not mostly sell; see commercial_share). */
  public static final String ELIGIBLE = "coordination_eligible";

  /**
   * Whether coordination may flag a network: one whose posts mostly sell (commercial_share at or
   * above maxCommercialShare) is spam or marketing, not an influence operation, however inauthentic
   * its accounts look.
   */
  public static Column eligible(double maxCommercialShare) {
    return org.apache
        .spark
        .sql
        .functions
        .coalesce(col("commercial_share"), lit(0.0))
        .lt(maxCommercialShare);
  }

  /**
   * Adds coordination_score (the classifier's), returning, score, flagged and flag_evidence. Input:
   * score (the classifier's), return_share, coordination_eligible, allowlisted and suppressed. The
   * score a person reads stays on the classifier's scale and is at least the threshold when a
   * return is found, rising with the share of accounts holding indicators, so flagged networks rank
   * above the others and `score >= threshold` still means flagged (unless allowlisted or suppressed
   * by a review).
   */
  public static Dataset<Row> withFlags(
      Dataset<Row> scored, double threshold, double returnMinShare) {
    Column coordination = col("coordination_score").geq(threshold).and(col(ELIGIBLE));
    Column returning = col("return_share").geq(returnMinShare);
    Column returnScore = lit(threshold).plus(lit(1.0 - threshold).multiply(col("return_share")));
    return scored
        .withColumnRenamed("score", "coordination_score")
        .withColumn("returning", returning)
        .withColumn(
            "score",
            when(returning, greatest(col("coordination_score"), returnScore))
                .otherwise(col("coordination_score")))
        .withColumn(
            "flag_evidence",
            when(coordination.and(returning), lit(BOTH))
                .when(returning, lit(RECIDIVISM))
                .when(coordination, lit(COORDINATION)))
        .withColumn(
            "flagged",
            col("flag_evidence")
                .isNotNull()
                .and(col("allowlisted").equalTo(false))
                .and(col("suppressed").equalTo(false)));
  }
}
