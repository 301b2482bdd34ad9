package org.cibnet.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A CooRTweet-compatible mode of detect's core transformation, over a plain share table (object_id,
 * account_id, content_id, timestamp_share in epoch seconds). It reproduces CooRTweet 2.1's
 * detect_groups + generate_coordinated_network: accounts with fewer than min_participation shares
 * are dropped; shares of one object by two accounts at most time_window seconds apart are paired
 * (inclusive; cibnet's bucketed join, so no all-pairs comparison); pairs involving an object that
 * is its own content are removed; a pair is kept when one side's account has at least
 * min_participation shares among the pairs; an account pair's weight is its number of co-shares,
 * and edges above the edge_weight quantile of all pair weights are kept. In cibnet's own terms:
 * CooRTweet's objects are co_reshare/co_link objects, its min_participation is cibnet's minimum
 * support counted per account rather than per pair, and its quantile threshold replaces
 * detect.min_coaction_weight.
 */
public final class CooRTweet {
  private CooRTweet() {}

  /** Share pairs as detect_groups reports them. */
  public static Dataset<Row> groups(Dataset<Row> shares, long timeWindow, int minParticipation) {
    Dataset<Row> active = shares
        .withColumn("n", count("*").over(org.apache.spark.sql.expressions.Window.partitionBy("account_id")))
        .filter(col("n").geq(minParticipation));
    // A share of the object itself (content_id = object_id) pairs with nothing in CooRTweet:
    // leaving its action out drops exactly the pairs it would be in.
    Dataset<Row> actions = active.filter(col("object_id").notEqual(col("content_id"))).select(
        lit("coortweet").as(CoordinationSignals.SIGNAL), col("object_id").as(CoordinationSignals.OBJECT),
        col("account_id").as(CoordinationSignals.ACCOUNT), col("content_id").as(CoordinationSignals.EVIDENCE),
        col("timestamp_share").cast("long").as(CoordinationSignals.TS));
    Dataset<Row> pairs = PairBuilder.windowed(actions, timeWindow, Long.MAX_VALUE).pairs();
    Dataset<Row> sides = pairs.select(col("account_a").as("account_id"), col("evidence_a").as("content_id"))
        .union(pairs.select(col("account_b").as("account_id"), col("evidence_b").as("content_id")));
    Dataset<Row> participation = sides.groupBy("account_id").agg(countDistinct("content_id").as("p"));
    return pairs
        .join(participation.select(col("account_id").as("account_a"), col("p").as("pa")), "account_a")
        .join(participation.select(col("account_id").as("account_b"), col("p").as("pb")), "account_b")
        .filter(col("pa").geq(minParticipation).or(col("pb").geq(minParticipation)))
        .drop("pa", "pb");
  }

  /** from &lt; to, weight: account pairs whose co-share count is above the edgeWeight quantile. */
  public static Dataset<Row> network(Dataset<Row> groups, double edgeWeight) {
    Dataset<Row> weights = groups.groupBy(col("account_a").as("from"), col("account_b").as("to"))
        .agg(count("*").as("weight"));
    double threshold = weights.agg(expr("percentile(weight, " + edgeWeight + ")")).first().getDouble(0);
    return weights.filter(col("weight").gt(threshold)).withColumn("weight_threshold", lit(threshold));
  }
}
