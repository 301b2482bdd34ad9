package org.cibnet.network;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.cibnet.spark.Cols;

/**
 * CooRTweet-compatible coordinated sharing at Spark scale: detect_groups followed by
 * generate_coordinated_network of the R package (2.1), on a share table (object_id, account_id,
 * content_id, timestamp_share in epoch seconds; optionally object_kind), with cibnet's bucketed
 * pairing (no all-pairs comparison).
 *
 * <p>As in the package: accounts with fewer than min_participation shares are dropped; two shares
 * of one object by different accounts at most time_window seconds apart form a pair (inclusive);
 * pairs where the object is one of the two shares themselves are removed; a pair is kept when one
 * of its shares belongs to an account with at least min_participation input rows among the shares
 * that are in some pair (rows, not distinct shares). The network counts each account pair's pairs
 * (weight), the mean seconds between them, the distinct older and newer shares and their symmetry,
 * and keeps pairs whose weight is above the edge_weight quantile (R's default, linear
 * interpolation) of all pair weights.
 *
 * <p>Per object kind (the published reproductions do this for URLs and image hashes): the first
 * three steps run separately for each kind (object_kind, else the object_id before its first
 * underscore, as in url_123), and the pairs of all kinds make one network.
 */
public final class CooRTweet {
  private CooRTweet() {}

  /** Column of a share's kind of object. */
  public static final String KIND = "object_kind";

  /** Column of a share's position in the input (ties between simultaneous shares follow it). */
  public static final String ROW = "input_row";

  /**
   * The kind of each share: object_kind when the table has it, else the object_id's prefix before
   * its first underscore (the whole id when it has none).
   */
  public static Dataset<Row> withKinds(Dataset<Row> shares) {
    if (Arrays.asList(shares.columns()).contains(KIND)) {
      return shares;
    }
    return shares.withColumn(KIND, expr("substring_index(object_id, '_', 1)"));
  }

  /**
   * Pairs of shares as detect_groups reports them: object_id, content_id (the older share),
   * content_id_y (the newer), time_delta (seconds), account_id, account_id_y. With perKind each
   * kind of object is its own detect_groups run. `shares` needs input_row (its order in the input)
   * so simultaneous shares are ordered as the package orders them.
   */
  public static Dataset<Row> groups(
      Dataset<Row> shares, long timeWindow, int minParticipation, boolean perKind) {
    Column kind = perKind ? col(KIND) : lit("all");
    // The package's minimum-participation filter groups the rows by account (in order of each
    // account's first row), and pairs follow that order: (first row of the account, row) orders
    // shares made in the same second.
    Dataset<Row> input =
        shares
            .withColumn("run_kind", kind)
            .withColumn("n", count("*").over(Window.partitionBy("run_kind", "account_id")))
            .withColumn(
                "account_first", min(ROW).over(Window.partitionBy("run_kind", "account_id")))
            .filter(col("n").geq(minParticipation))
            .drop("n");
    // A share of the object itself (content_id = object_id) pairs with nothing in CooRTweet:
    // leaving its action out drops exactly the pairs it would be in.
    Dataset<Row> actions =
        input
            .filter(col("object_id").notEqual(col("content_id")))
            .select(
                lit("coortweet").as(CoordinationSignals.SIGNAL),
                expr("concat(run_kind, '\u0001', object_id)").as(CoordinationSignals.OBJECT),
                col("account_id").as(CoordinationSignals.ACCOUNT),
                expr("concat_ws('\u0001', content_id, cast(account_first as string), cast("
                        + ROW
                        + " as string))")
                    .as(CoordinationSignals.EVIDENCE),
                col("timestamp_share").cast("long").as(CoordinationSignals.TS));
    Dataset<Row> pairs =
        PairBuilder.windowed(actions, timeWindow, Long.MAX_VALUE)
            .pairs()
            .select(
                col(PairBuilder.OBJECT_KEY),
                col("account_a"),
                col("account_b"),
                expr("substring_index(evidence_a, '\u0001', 1)").as("content_a"),
                expr("cast(split(evidence_a, '\u0001')[1] as long)").as("first_a"),
                expr("cast(substring_index(evidence_a, '\u0001', -1) as long)").as("row_a"),
                expr("substring_index(evidence_b, '\u0001', 1)").as("content_b"),
                expr("cast(split(evidence_b, '\u0001')[1] as long)").as("first_b"),
                expr("cast(substring_index(evidence_b, '\u0001', -1) as long)").as("row_b"),
                col("ts_a"),
                col("ts_b"))
            .filter(col("content_a").notEqual(col("content_b")));
    Dataset<Row> objects =
        actions
            .select(col(CoordinationSignals.OBJECT))
            .distinct()
            .withColumn(
                PairBuilder.OBJECT_KEY,
                PairBuilder.objectKey(lit("coortweet"), col(CoordinationSignals.OBJECT)))
            .select(
                col(PairBuilder.OBJECT_KEY),
                expr("substring_index(object, '\u0001', 1)").as("run_kind"),
                expr("substring(object, length(substring_index(object, '\u0001', 1)) + 2)")
                    .as("object_id"));
    Dataset<Row> named = pairs.join(objects, PairBuilder.OBJECT_KEY);
    // Participation: per kind and account, its input rows whose share is in some pair.
    Dataset<Row> paired =
        named
            .select(col("run_kind"), col("content_a").as("content_id"))
            .union(named.select(col("run_kind"), col("content_b").as("content_id")))
            .distinct();
    Dataset<Row> participating =
        input
            .join(paired, Cols.seq("run_kind", "content_id"), "left_semi")
            .withColumn("p", count("*").over(Window.partitionBy("run_kind", "account_id")))
            .filter(col("p").geq(minParticipation))
            .select("run_kind", "content_id")
            .distinct()
            .withColumn("kept", lit(true));
    Dataset<Row> kept =
        named
            .join(
                participating
                    .withColumnRenamed("content_id", "content_a")
                    .withColumnRenamed("kept", "kept_a"),
                Cols.seq("run_kind", "content_a"),
                "left")
            .join(
                participating
                    .withColumnRenamed("content_id", "content_b")
                    .withColumnRenamed("kept", "kept_b"),
                Cols.seq("run_kind", "content_b"),
                "left")
            .filter(col("kept_a").isNotNull().or(col("kept_b").isNotNull()));
    // The older share first; of two in the same second, the one the package pairs first (it swaps
    // only when the first is strictly later).
    Column aEarlierRow =
        col("first_a")
            .lt(col("first_b"))
            .or(col("first_a").equalTo(col("first_b")).and(col("row_a").lt(col("row_b"))));
    Column aFirst =
        col("ts_a").lt(col("ts_b")).or(col("ts_a").equalTo(col("ts_b")).and(aEarlierRow));
    return kept.select(
        col("object_id"),
        when(aFirst, col("content_a")).otherwise(col("content_b")).as("content_id"),
        when(aFirst, col("content_b")).otherwise(col("content_a")).as("content_id_y"),
        expr("abs(ts_a - ts_b)").as("time_delta"),
        when(aFirst, col("account_a")).otherwise(col("account_b")).as("account_id"),
        when(aFirst, col("account_b")).otherwise(col("account_a")).as("account_id_y"));
  }

  /** As {@link #groups(Dataset, long, int, boolean)}, all objects as one kind. */
  public static Dataset<Row> groups(Dataset<Row> shares, long timeWindow, int minParticipation) {
    return groups(shares, timeWindow, minParticipation, false);
  }

  /**
   * generate_coordinated_network(groups, edge_weight, subgraph = 1): one row per undirected account
   * pair above the edge_weight quantile of pair weights: from &lt; to, weight, avg_time_delta,
   * n_content_id, n_content_id_y, edge_symmetry_score, weight_threshold (1: every kept edge).
   */
  public static Dataset<Row> network(Dataset<Row> groups, double edgeWeight) {
    Dataset<Row> weights =
        groups
            .groupBy(
                least(col("account_id"), col("account_id_y")).as("from"),
                greatest(col("account_id"), col("account_id_y")).as("to"))
            .agg(
                count("*").as("weight"),
                avg("time_delta").as("avg_time_delta"),
                countDistinct("content_id").as("n_content_id"),
                countDistinct("content_id_y").as("n_content_id_y"))
            .withColumn(
                "edge_symmetry_score",
                least(col("n_content_id"), col("n_content_id_y"))
                    .cast("double")
                    .divide(greatest(col("n_content_id"), col("n_content_id_y"))));
    Row t = weights.agg(expr("percentile(weight, " + edgeWeight + ")")).first();
    double threshold = t.isNullAt(0) ? 0 : t.getDouble(0);
    return weights.filter(col("weight").gt(threshold)).withColumn("weight_threshold", lit(1));
  }

  /** The vertices of a network: every account of a kept edge. */
  public static Dataset<Row> vertices(Dataset<Row> network) {
    return network
        .select(col("from").as("name"))
        .union(network.select(col("to").as("name")))
        .distinct();
  }
}
