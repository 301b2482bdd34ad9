package org.cibnet.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.unix_seconds;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.schema.Schemas.Post;

/**
 * Synchronised activity: accounts repeatedly active in the same short time bins beyond what their
 * activity levels explain. The null model is independent activity: two accounts active in n_a and
 * n_b of T bins share n_a*n_b/T bins by chance; a pair is kept when it shares at least minBins and
 * `lift` times that many.
 */
public final class SyncActivity {
  private SyncActivity() {}

  /** Edges in the shape of PairBuilder.edges, plus the bins skipped as bursts. */
  public record Result(Dataset<Row> edges, PairBuilder.Pairs pairs) {}

  public static Result edges(Dataset<Row> posts, long binSeconds, long cap, int minBins, double minLift) {
    Dataset<Row> bins =
        posts.select(col(Post.ACCOUNT_ID).as(CoordinationSignals.ACCOUNT),
                floor(unix_seconds(col(Post.CREATED_AT)).divide(binSeconds)).as("bin"))
            .distinct();
    Row span = bins.agg(min("bin"), max("bin"), countDistinct("bin")).first();
    double totalBins = span.isNullAt(0) ? 1 : Math.max(1, span.getLong(1) - span.getLong(0) + 1);
    Dataset<Row> activity = bins.groupBy(CoordinationSignals.ACCOUNT).agg(count("*").as("n_bins"));
    Dataset<Row> actions =
        bins.select(lit(Signal.SYNC_ACTIVITY).as(CoordinationSignals.SIGNAL),
            col("bin").cast("string").as(CoordinationSignals.OBJECT),
            col(CoordinationSignals.ACCOUNT),
            col("bin").multiply(binSeconds).cast("string").as(CoordinationSignals.EVIDENCE),
            col("bin").multiply(binSeconds).as(CoordinationSignals.TS));
    PairBuilder.Pairs pairs = PairBuilder.assets(actions, cap);
    Dataset<Row> shared =
        pairs.pairs().groupBy(PairBuilder.A, PairBuilder.B)
            .agg(count("*").as("support"),
                min(col("evidence_a").cast("long")).as("first_s"),
                max(col("evidence_a").cast("long")).as("last_s"),
                org.apache.spark.sql.functions.slice(org.apache.spark.sql.functions.array_sort(
                    org.apache.spark.sql.functions.collect_list("evidence_a")), 1, 6).as("evidence"));
    Dataset<Row> na = activity.select(col(CoordinationSignals.ACCOUNT).as("xa"), col("n_bins").as("na"));
    Dataset<Row> nb = activity.select(col(CoordinationSignals.ACCOUNT).as("xb"), col("n_bins").as("nb"));
    Dataset<Row> edges =
        shared.join(na, col(PairBuilder.A).equalTo(col("xa")))
            .join(nb, col(PairBuilder.B).equalTo(col("xb")))
            .withColumn("expected", col("na").multiply(col("nb")).divide(totalBins))
            .withColumn("lift", col("support").divide(col("expected")))
            .filter(col("support").geq(minBins).and(col("lift").geq(minLift)))
            .select(
                lit(Signal.SYNC_ACTIVITY).as(CoordinationSignals.SIGNAL),
                col(PairBuilder.A), col(PairBuilder.B), col("support"),
                // weight: shared bins beyond chance, on the same log scale as co-actions
                log(2.0, col("lift")).multiply(col("support").minus(col("expected")))
                    .divide(col("support").plus(1)).as("weight"),
                org.apache.spark.sql.functions.timestamp_seconds(col("first_s")).as("first_at"),
                org.apache.spark.sql.functions.timestamp_seconds(col("last_s")).as("last_at"),
                col("evidence"));
    return new Result(edges, pairs);
  }
}
