package org.cibnet.review;

import static org.apache.spark.sql.functions.array_intersect;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.spark.Cols;

/**
 * Analyst verdicts on flagged networks (the network_reviews table) and what they change: a
 * confirmed network's members become positives of their own campaign in the next training, a benign
 * one becomes a negative, and a benign or dismissed network is not flagged again while its
 * membership stays about the same. A flag means "review this", not "remove this".
 */
public final class Reviews {
  private Reviews() {}

  public static final String CONFIRMED = "confirmed";
  public static final String BENIGN = "benign";
  public static final String DISMISSED = "dismissed";
  public static final Set<String> VERDICTS = Set.of(CONFIRMED, BENIGN, DISMISSED);

  /** Campaign id given to a confirmed network's members when they train the next model. */
  public static final String CAMPAIGN_PREFIX = "review:";

  /**
   * The verdict in force per network at an as-of date: the newest review of scores dated on or
   * before it (a retrospective run never sees verdicts given on later data). Ties on review_id.
   */
  public static Dataset<Row> latest(Dataset<Row> reviews, LocalDate asOf) {
    return reviews
        .filter(col("as_of").leq(lit(Date.valueOf(asOf))))
        .withColumn(
            "r",
            expr(
                "row_number() over (partition by network_id order by as_of desc, reviewed_at desc,"
                    + " review_id desc)"))
        .filter("r = 1")
        .drop("r");
  }

  /**
   * Confirmed networks as takedown-like rows (account_id, campaign_id) so Labels treats their
   * members as removed accounts of a campaign of their own.
   */
  public static Dataset<Row> confirmedAsTakedowns(Dataset<Row> latest) {
    return latest
        .filter(col("verdict").equalTo(CONFIRMED))
        .select(
            explode(col("members")).as("account_id"),
            concat(lit(CAMPAIGN_PREFIX), col("network_id")).as("campaign_id"));
  }

  /**
   * Applies benign verdicts to training labels (network_id, label, campaign_id, ...): a network
   * reviewed benign is a negative unless takedowns make it a positive (a platform's takedown
   * outranks an analyst's reading). Benign networks that the takedown share left out become
   * negatives.
   */
  public static Dataset<Row> withBenignNegatives(
      Dataset<Row> labels, Dataset<Row> latest, Dataset<Row> members) {
    Dataset<Row> benign =
        latest.filter(col("verdict").equalTo(BENIGN)).select("network_id").distinct();
    Dataset<Row> present = members.select("network_id").distinct().join(benign, "network_id");
    Dataset<Row> missing =
        present
            .join(labels.select("network_id"), Cols.seq("network_id"), "left_anti")
            .select(
                col("network_id"),
                lit(0.0).as("label"),
                lit("neg").as("campaign_id"),
                lit(null).cast("double").as("removed_share"),
                lit(true).as("verified_negative"));
    // a benign verdict makes an unlabelled network a verified negative; a takedown outranks it
    Dataset<Row> marked =
        labels
            .join(present.withColumn("benign", lit(true)), Cols.seq("network_id"), "left")
            .withColumn(
                "verified_negative",
                col("verified_negative")
                    .or(coalesce(col("benign"), lit(false)).and(col("label").equalTo(0.0))))
            .drop("benign");
    return marked.unionByName(missing);
  }

  /**
   * Adds review_verdict, reviewed_by and suppressed to scored networks (network_id, members):
   * suppressed when the verdict in force is benign or dismissed and the member overlap (Jaccard)
   * with the reviewed membership is at least `reflagBelow`.
   */
  public static Dataset<Row> withVerdicts(
      Dataset<Row> scored, Dataset<Row> latest, double reflagBelow) {
    Dataset<Row> v =
        latest.select(
            col("network_id"),
            col("verdict").as("review_verdict"),
            col("reviewer").as("reviewed_by"),
            col("members").as("reviewed_members"),
            col("note").as("review_note"));
    Column overlap =
        size(array_intersect(col("members"), col("reviewed_members")))
            .divide(size(array_union(col("members"), col("reviewed_members"))));
    return scored
        .join(v, Cols.seq("network_id"), "left")
        .withColumn("review_overlap", when(col("reviewed_members").isNotNull(), overlap))
        .withColumn(
            "suppressed",
            coalesce(
                col("review_verdict")
                    .isin(BENIGN, DISMISSED)
                    .and(col("review_overlap").geq(reflagBelow)),
                lit(false)))
        .drop("reviewed_members");
  }

  /** The sentence put first among a suppressed network's reasons. */
  public static Column suppressionReason() {
    return concat(
        lit("reviewed as "),
        col("review_verdict"),
        lit(" by "),
        col("reviewed_by"),
        coalesce(concat(lit(" ("), col("review_note"), lit(")")), lit("")),
        lit("; not flagged again while its membership stays the same ("),
        expr("cast(round(100 * review_overlap) as int)").cast("string"),
        lit("% of members unchanged)"));
  }
}
