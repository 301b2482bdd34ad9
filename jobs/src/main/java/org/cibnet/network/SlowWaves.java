package org.cibnet.network;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.spark.Cols;
import org.cibnet.spark.Kept;

/**
 * Co-action at the time scale of people: two accounts acting on the same link, reshared or
 * replied-to post or hashtag set within minutes (more than the fast window apart, at most the slow
 * one), as operators working down a shared task list do. A longer window meets far more pairs by
 * chance, so only objects few accounts act on over the whole input take part, and a pair is kept
 * only when it co-acts far more often than chance would have it (a null model, as synchronised
 * activity uses): given how many such objects each of the two acts on and how concentrated the
 * objects' popularity is, the expected count is k_a k_b (sum of n_o squared / N squared) f_w, where
 * f_w is the share of same-object pairs of accounts that fall inside the window.
 */
public final class SlowWaves {
  private SlowWaves() {}

  /** The windows (seconds), the popularity bound, minimum support and lift, and the burst cap. */
  public record Params(
      long fastWindow,
      long slowWindow,
      long maxObjectAccounts,
      int minSupport,
      double minLift,
      long cap) {}

  /**
   * Candidate pairs (as PairBuilder.windowed) of slow co-actions that beat chance; see the class.
   */
  public static PairBuilder.Pairs pairs(Dataset<Row> actions, Params p) {
    Dataset<Row> slow =
        actions
            .withColumn(CoordinationSignals.SIGNAL, lit(Signal.SLOW_WAVE))
            .withColumn(
                PairBuilder.OBJECT_KEY,
                PairBuilder.objectKey(
                    col(CoordinationSignals.SIGNAL), col(CoordinationSignals.OBJECT)));
    // Accounts per object over the whole input; the uncommon objects take part.
    Dataset<Row> popularity =
        slow.groupBy(PairBuilder.OBJECT_KEY)
            .agg(countDistinct(CoordinationSignals.ACCOUNT).as("n_o"))
            .filter(col("n_o").geq(2).and(col("n_o").leq(p.maxObjectAccounts())))
            .transform(Kept::keep);
    Dataset<Row> uncommon =
        slow.join(
                popularity.select(PairBuilder.OBJECT_KEY).hint("shuffle_hash"),
                Cols.seq(PairBuilder.OBJECT_KEY),
                "left_semi")
            .drop(PairBuilder.OBJECT_KEY)
            .transform(Kept::keep);
    // Pairs inside the fast window are left to the co-action signals, inside the self-join.
    PairBuilder.Pairs windowed =
        PairBuilder.windowed(
            uncommon,
            p.slowWindow(),
            p.cap(),
            new PairBuilder.Pairing(
                null,
                null,
                abs(col("l." + CoordinationSignals.TS).minus(col("r." + CoordinationSignals.TS)))
                    .gt(p.fastWindow())));
    Dataset<Row> candidates = windowed.pairs().transform(Kept::keep);
    // The null model's constants: N and the sum of n_o squared over the uncommon objects, and the
    // share f_w of their same-object account pairs that fall in the window.
    Row totals =
        popularity
            .agg(
                sum("n_o").cast("double"),
                sum(col("n_o").multiply(col("n_o"))).cast("double"),
                sum(col("n_o").multiply(col("n_o").minus(1)).divide(2)).cast("double"))
            .first();
    double n = totals.isNullAt(0) ? 0 : totals.getDouble(0);
    double squares = totals.isNullAt(1) ? 0 : totals.getDouble(1);
    double samePairs = totals.isNullAt(2) ? 0 : totals.getDouble(2);
    long inWindow =
        candidates.select(PairBuilder.OBJECT_KEY, PairBuilder.A, PairBuilder.B).distinct().count();
    double perPair =
        n == 0 || samePairs == 0 ? 0 : squares / (n * n) * Math.min(1.0, inWindow / samePairs);
    Dataset<Row> activity =
        uncommon
            .groupBy(CoordinationSignals.ACCOUNT)
            .agg(countDistinct(CoordinationSignals.OBJECT).as("k"));
    Dataset<Row> support =
        candidates
            .groupBy(PairBuilder.A, PairBuilder.B)
            .agg(countDistinct(PairBuilder.OBJECT_KEY).as("s"))
            .join(
                activity.select(
                    col(CoordinationSignals.ACCOUNT).as(PairBuilder.A), col("k").as("k_a")),
                PairBuilder.A)
            .join(
                activity.select(
                    col(CoordinationSignals.ACCOUNT).as(PairBuilder.B), col("k").as("k_b")),
                PairBuilder.B)
            .filter(
                col("s")
                    .geq(p.minSupport())
                    .and(
                        col("s")
                            .geq(col("k_a").multiply(col("k_b")).multiply(perPair * p.minLift()))))
            .select(PairBuilder.A, PairBuilder.B);
    Dataset<Row> kept =
        candidates.join(support, Cols.seq(PairBuilder.A, PairBuilder.B), "left_semi");
    Dataset<Row> considered = windowed.considered();
    return new PairBuilder.Pairs(kept, windowed.bursts(), considered);
  }
}
