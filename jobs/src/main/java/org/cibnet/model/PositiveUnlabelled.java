package org.cibnet.model;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.cibnet.spark.Cols;

/**
 * Positive-unlabelled learning with spies (Liu et al. 2002; Bekker and Davis 2020): the networks of
 * removed campaigns are positives; every other network is unlabelled, and some unlabelled ones are
 * operations nobody has removed yet. The held-out scores of the positives act as spies: an
 * unlabelled network that a model which never saw it scores at least as high as a typical removed
 * campaign (a quantile of the positives' out-of-fold scores) is a likely positive and is not
 * trained on as a negative, up to a share of the unlabelled networks. Networks an analyst called
 * benign stay negatives whatever they score.
 */
public final class PositiveUnlabelled {
  private PositiveUnlabelled() {}

  /** Column naming each training network's role. */
  public static final String ROLE = "pu_role";

  public static final String POSITIVE = "positive";
  public static final String VERIFIED_NEGATIVE = "verified_negative";
  public static final String RELIABLE_NEGATIVE = "reliable_negative";
  public static final String LIKELY_POSITIVE = "likely_positive";

  /**
   * Column: the persona rule fires on an unlabelled network that does not mostly sell ({@link
   * Flags#personaFires}). Such a network is set aside as a likely positive whatever the first step
   * scores it: by the rule's own reading it is an operation, and training on it as a negative would
   * teach the model that fresh accounts with digit handles are organic.
   */
  public static final String PERSONA_EVIDENCE = "persona_evidence";

  /** Adds verified_negative (false) when the labels have none. */
  static Dataset<Row> withVerified(Dataset<Row> labelled) {
    return Arrays.asList(labelled.columns()).contains("verified_negative")
        ? labelled.withColumn("verified_negative", coalesce(col("verified_negative"), lit(false)))
        : labelled.withColumn("verified_negative", lit(false));
  }

  /**
   * The spy cutoff: the q quantile of the positives' out-of-fold scores (exact, from the few
   * positives). Infinity (nobody is a likely positive) when q is 0 or there are no positives.
   */
  static double spyCutoff(Dataset<Row> outOfFold, double q) {
    if (q <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    double[] cut =
        outOfFold
            .filter(col("label").equalTo(1.0))
            .stat()
            .approxQuantile("score", new double[] {q}, 0.0);
    return cut.length == 0 ? Double.POSITIVE_INFINITY : cut[0];
  }

  /**
   * Adds pu_role: positive; verified_negative (benign verdict); likely_positive (unlabelled, and
   * the persona rule fires on it or its first-step out-of-fold score is at least the cutoff and
   * among the maxLikelyShare of unlabelled networks that score highest); reliable_negative (the
   * other unlabelled). The cap bounds what a weak first step can take from the negatives: with a
   * dozen campaigns one of them scoring low moves the cutoff a long way.
   */
  static Dataset<Row> withRoles(
      Dataset<Row> data, Dataset<Row> firstStepOutOfFold, double cutoff, double maxLikelyShare) {
    Dataset<Row> first = firstStepOutOfFold.select(col("network_id"), col("score").as("pu_score"));
    Column unlabelled = col("label").equalTo(0.0).and(col("verified_negative").equalTo(false));
    Column rank =
        row_number()
            .over(
                Window.partitionBy(unlabelled)
                    .orderBy(col("pu_score").desc_nulls_last(), col("network_id")));
    Column unlabelledCount = count("*").over(Window.partitionBy(unlabelled));
    return data.join(first, Cols.seq("network_id"), "left")
        .withColumn("pu_rank", rank)
        .withColumn("pu_unlabelled", unlabelledCount)
        .withColumn(
            ROLE,
            when(col("label").equalTo(1.0), lit(POSITIVE))
                .when(col("verified_negative"), lit(VERIFIED_NEGATIVE))
                .when(personaEvidence(data), lit(LIKELY_POSITIVE))
                .when(
                    coalesce(col("pu_score"), lit(0.0))
                        .geq(cutoff)
                        .and(col("pu_rank").leq(col("pu_unlabelled").multiply(maxLikelyShare))),
                    lit(LIKELY_POSITIVE))
                .otherwise(lit(RELIABLE_NEGATIVE)))
        .drop("pu_score", "pu_rank", "pu_unlabelled");
  }

  private static Column personaEvidence(Dataset<Row> data) {
    return Arrays.asList(data.columns()).contains(PERSONA_EVIDENCE)
        ? coalesce(col(PERSONA_EVIDENCE), lit(false))
        : lit(false);
  }

  /**
   * The networks metrics and thresholds compare: positives and the negatives kept, among those
   * coordination may flag (a network that mostly sells is never flagged, so it cannot be a false
   * alarm).
   */
  static Dataset<Row> evaluated(Dataset<Row> outOfFold) {
    Dataset<Row> kept = outOfFold.filter(col(ROLE).notEqual(LIKELY_POSITIVE));
    return Arrays.asList(kept.columns()).contains(Flags.ELIGIBLE)
        ? kept.filter(col(Flags.ELIGIBLE).or(col("label").equalTo(1.0)))
        : kept;
  }
}
