package org.cibnet.network;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.schema.Schemas.Post;

/**
 * Amplification: one account resharing or replying to another's posts again and again, minutes to
 * hours later, so that no two of them act in one co-action window. A directed interaction from the
 * amplifier to the author, counted in distinct posts of the author; it weighs more when the author
 * has few amplifiers (a ring, not an audience), when the amplifier spends much of its attention on
 * that author, and when the boost is fast. Linear in the reshares and replies: an influencer
 * reshared by 100,000 accounts gives 100,000 directed rows to it, and no pair among them.
 */
public final class Amplification {
  private Amplification() {}

  /** Minimum distinct posts, minimum weight, and the delay under which a boost counts fully. */
  public record Params(int minSupport, double minWeight, long fastSeconds) {}

  /**
   * Edges in coordination_edges' columns: signal, account_a &lt; account_b, support (distinct posts
   * either amplified of the other), weight (summed over both directions), first_at, last_at,
   * evidence (the first boosts, up to four post ids).
   */
  public static Dataset<Row> edges(Dataset<Row> posts, Params p) {
    Dataset<Row> boosts =
        posts
            .filter(col(Post.RESHARE_OF).isNotNull().or(col(Post.REPLY_TO).isNotNull()))
            .select(
                col(Post.ACCOUNT_ID).as("amplifier"),
                col(Post.POST_ID).as("boost"),
                unix_seconds(col(Post.CREATED_AT)).as("boost_ts"),
                coalesce(col(Post.RESHARE_OF), col(Post.REPLY_TO)).as("target"));
    Dataset<Row> authored =
        posts.select(
            col(Post.POST_ID).as("target"),
            col(Post.ACCOUNT_ID).as("author"),
            unix_seconds(col(Post.CREATED_AT)).as("target_ts"));
    Dataset<Row> acts =
        boosts
            .join(authored, "target")
            .filter(col("amplifier").notEqual(col("author")))
            .withColumn(
                "fast",
                when(col("boost_ts").minus(col("target_ts")).leq(p.fastSeconds()), 1.0)
                    .otherwise(0.5));
    // How many accounts amplify each author, and how many boosts each amplifier makes in all.
    Dataset<Row> audience = acts.groupBy("author").agg(countDistinct("amplifier").as("amplifiers"));
    Dataset<Row> attention = acts.groupBy("amplifier").agg(count("*").as("boosts"));
    Dataset<Row> directed =
        acts.groupBy("amplifier", "author")
            .agg(
                countDistinct("target").as("posts"),
                count("*").as("n"),
                sum("fast").as("fast_sum"),
                min("boost_ts").as("first_ts"),
                max("boost_ts").as("last_ts"),
                slice(sort_array(collect_list("boost")), 1, 4).as("ids"))
            .join(audience, "author")
            .join(attention, "amplifier")
            .withColumn(
                "w",
                col("fast_sum")
                    .multiply(col("n").divide(col("boosts")))
                    .divide(log(2.0, col("amplifiers").plus(1))));
    return directed
        .groupBy(
            least(col("amplifier"), col("author")).as("account_a"),
            greatest(col("amplifier"), col("author")).as("account_b"))
        .agg(
            sum("posts").as("support"),
            sum("w").as("weight"),
            min("first_ts").as("first_ts"),
            max("last_ts").as("last_ts"),
            slice(sort_array(array_distinct(flatten(collect_list("ids")))), 1, 4).as("evidence"))
        .filter(col("support").geq(p.minSupport()).and(col("weight").geq(p.minWeight())))
        .select(
            lit(Signal.AMPLIFICATION).as("signal"),
            col("account_a"),
            col("account_b"),
            col("support").cast("long").as("support"),
            col("weight"),
            timestamp_seconds(col("first_ts")).as("first_at"),
            timestamp_seconds(col("last_ts")).as("last_at"),
            col("evidence"));
  }
}
