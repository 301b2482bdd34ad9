package org.cibnet.network;

import static org.apache.spark.sql.functions.array_intersect;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.unix_seconds;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.schema.Schemas.Post;
import org.cibnet.spark.Kept;

/**
 * Synchronised activity: accounts repeatedly active in the same short time bins beyond what their
 * activity levels explain. The null model is independent activity: two accounts active in n_a and
 * n_b of T bins share n_a*n_b/T bins by chance; a pair is kept when it shares at least minBins and
 * `lift` times that many.
 *
 * <p>Candidates come from MinHash/LSH over each account's set of active bins, not from the pairs
 * inside each bin: a bin holding c accounts has c(c-1)/2 pairs, and with ten times the posts in the
 * same months every bin holds ten times the accounts, a hundred times the pairs. Candidates are
 * then verified exactly (shared bins, lift). What LSH trades away: a pair whose bin sets overlap
 * little (Jaccard well under 0.2, e.g. a 10-bin account inside a 1,000-bin one) is rarely a
 * candidate, even when its lift is high.
 */
public final class SyncActivity {
  private SyncActivity() {}

  /** Edges in the shape of PairBuilder.edges, plus the bins and LSH buckets skipped as bursts. */
  public record Result(Dataset<Row> edges, PairBuilder.Pairs pairs) {}

  /** How candidates are found and which pairs are kept. */
  public record Params(
      long binSeconds, long cap, int minBins, double minLift, int bands, int rows) {}

  public static Result edges(Dataset<Row> posts, Params p) {
    Dataset<Row> bins =
        posts
            .select(
                col(Post.ACCOUNT_ID).as(CoordinationSignals.ACCOUNT),
                floor(unix_seconds(col(Post.CREATED_AT)).divide(p.binSeconds())).as("bin"))
            .distinct()
            .transform(Kept::keep);
    Row span = bins.agg(min("bin"), max("bin")).first();
    double totalBins = span.isNullAt(0) ? 1 : Math.max(1, span.getLong(1) - span.getLong(0) + 1);

    // A bin where more than `cap` accounts are active (a breaking-news minute) is a burst: it is
    // recorded and does not count as a shared bin, as crowded keys of the other signals.
    Dataset<Row> binSizes = bins.groupBy("bin").agg(count("*").as("n_accounts"));
    Dataset<Row> crowdedBins =
        binSizes
            .filter(col("n_accounts").gt(p.cap()))
            .select(
                lit(Signal.SYNC_ACTIVITY).as(CoordinationSignals.SIGNAL),
                col("bin").cast("string").as(CoordinationSignals.OBJECT),
                timestamp_seconds(col("bin").multiply(p.binSeconds())).as("window_start"),
                col("n_accounts"),
                col("n_accounts").as("n_actions"));
    Dataset<Row> activity = bins.groupBy(CoordinationSignals.ACCOUNT).agg(count("*").as("n_bins"));
    Dataset<Row> shareable =
        bins.join(binSizes.filter(col("n_accounts").leq(p.cap())).select("bin"), "bin")
            .groupBy(CoordinationSignals.ACCOUNT)
            .agg(sort_array(collect_list("bin")).as("bins"))
            .filter(size(col("bins")).geq(p.minBins()))
            .join(activity, CoordinationSignals.ACCOUNT)
            .transform(Kept::keep);

    // Accounts whose bin sets agree on a whole LSH band are candidates. Bins go in as their decimal
    // strings so that they are hashed exactly as near_text hashes shingles (one MinHash for both).
    Dataset<Row> bandKeys =
        shareable.select(
            lit(Signal.SYNC_ACTIVITY).as(CoordinationSignals.SIGNAL),
            explode(TextShingles.lshBands(col("bins").cast("array<string>"), p.bands(), p.rows()))
                .as(CoordinationSignals.OBJECT),
            col(CoordinationSignals.ACCOUNT),
            lit(null).cast("string").as(CoordinationSignals.EVIDENCE),
            lit(null).cast("long").as(CoordinationSignals.TS));
    PairBuilder.Pairs candidates = PairBuilder.assets(bandKeys, p.cap());

    Dataset<Row> a =
        shareable.select(
            col(CoordinationSignals.ACCOUNT).as("xa"),
            col("bins").as("bins_a"),
            col("n_bins").as("na"));
    Dataset<Row> b =
        shareable.select(
            col(CoordinationSignals.ACCOUNT).as("xb"),
            col("bins").as("bins_b"),
            col("n_bins").as("nb"));
    Dataset<Row> edges =
        candidates
            .pairs()
            .select(PairBuilder.A, PairBuilder.B)
            .distinct()
            .join(a, col(PairBuilder.A).equalTo(col("xa")))
            .join(b, col(PairBuilder.B).equalTo(col("xb")))
            .withColumn("shared", array_intersect(col("bins_a"), col("bins_b")))
            .withColumn("support", size(col("shared")).cast("long"))
            .withColumn("expected", col("na").multiply(col("nb")).divide(totalBins))
            .withColumn("lift", col("support").divide(col("expected")))
            .filter(col("support").geq(p.minBins()).and(col("lift").geq(p.minLift())))
            .select(
                lit(Signal.SYNC_ACTIVITY).as(CoordinationSignals.SIGNAL),
                col(PairBuilder.A),
                col(PairBuilder.B),
                col("support"),
                // weight: shared bins beyond chance, on the same log scale as co-actions
                log(2.0, col("lift"))
                    .multiply(col("support").minus(col("expected")))
                    .divide(col("support").plus(1))
                    .as("weight"),
                timestamp_seconds(array_min(col("shared")).multiply(p.binSeconds())).as("first_at"),
                timestamp_seconds(array_max(col("shared")).multiply(p.binSeconds())).as("last_at"),
                // the first six shared bins (their start, epoch seconds): where a person looks
                transform(
                        slice(col("shared"), 1, 6), x -> x.multiply(p.binSeconds()).cast("string"))
                    .as("evidence"));
    return new Result(
        edges,
        new PairBuilder.Pairs(
            candidates.pairs(),
            crowdedBins.unionByName(candidates.bursts()),
            candidates.considered()));
  }
}
