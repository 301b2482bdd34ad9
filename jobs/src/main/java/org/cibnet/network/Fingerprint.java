package org.cibnet.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.schema.Schemas.Post;

/**
 * A short, order-independent fingerprint of the posts a run saw: the same input, the same value.
 */
public final class Fingerprint {
  private Fingerprint() {}

  public static String of(Dataset<Row> posts) {
    Row r = posts.agg(count("*"), sum(xxhash64(col(Post.POST_ID)).cast("decimal(38,0)"))).first();
    String sum = r.isNullAt(1) ? "0" : r.getDecimal(1).toPlainString();
    return Long.toHexString(r.getLong(0))
        + "-"
        + Long.toHexString(sum.hashCode() * 31L + sum.length());
  }

  /** A fingerprint of training labels: which networks, with which label and campaign. */
  public static String ofLabels(Dataset<Row> labels) {
    Row r =
        labels
            .agg(
                count("*"),
                sum(
                    xxhash64(col("network_id"), col("label"), col("campaign_id"))
                        .cast("decimal(38,0)")))
            .first();
    String sum = r.isNullAt(1) ? "0" : r.getDecimal(1).toPlainString();
    return String.format("%08x", (sum + ":" + r.getLong(0)).hashCode());
  }
}
