package org.cibnet.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.schema.Schemas.Truth;
import org.cibnet.spark.SparkSessions;

/**
 * For docs/benchmarks.md: whose posts near-text's candidate pairs are, on a generated world (its
 * posts/ and ground_truth/ as Parquet). Blocks the band actions as detect does with the default
 * settings (band key and one window's bucket, 2 to the cap of accounts) and prints, per kind of the
 * key's accounts (one kind, or "mixed"; "with operation" when one of them is an operation's) and
 * per key size, the keys, their band actions and the candidate pairs within one bucket.
 */
public final class NearTextCandidates {
  private NearTextCandidates() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: NearTextCandidates GENERATED_WORLD_DIR");
    }
    SparkSession spark = SparkSessions.local(2);
    spark.sparkContext().setLogLevel("WARN");
    Settings s = Settings.defaults();
    Dataset<Row> posts = spark.read().parquet(args[0] + "/posts");
    Dataset<Row> truth =
        spark.read().parquet(args[0] + "/ground_truth").select(Truth.ACCOUNT_ID, Truth.KIND);
    Dataset<Row> shingled =
        CoordinationSignals.shingled(posts, s.getInt(SettingKeys.NEARTEXT_MIN_SHINGLES));
    System.out.println("Posts long enough to judge, by kind of account:");
    shingled.join(truth, Truth.ACCOUNT_ID).groupBy(Truth.KIND).count().orderBy(Truth.KIND).show();

    Dataset<Row> bands =
        CoordinationSignals.nearTextBands(
                CoordinationSignals.nearTextSignatures(
                    shingled,
                    s.getInt(SettingKeys.NEARTEXT_BANDS),
                    s.getInt(SettingKeys.NEARTEXT_ROWS)))
            .withColumn(
                "bucket",
                floor(col(CoordinationSignals.TS).divide(s.getInt(SettingKeys.NEARTEXT_WINDOW))));
    Column actions = col("actions");
    Column kinds = col("kinds");
    Column withOperation = col("operation_actions").gt(0);
    Dataset<Row> keys =
        bands
            // band actions name their account as the truth does (account_id)
            .join(truth, CoordinationSignals.ACCOUNT)
            .groupBy(CoordinationSignals.OBJECT, "bucket")
            .agg(
                countDistinct(CoordinationSignals.ACCOUNT).as("accounts"),
                count("*").as("actions"),
                countDistinct(Truth.KIND).as("kinds"),
                min(Truth.KIND).as("kind"),
                sum(when(col(Truth.KIND).equalTo(Truth.OPERATION), 1).otherwise(0))
                    .as("operation_actions"))
            .filter(col("accounts").between(2, s.getInt(SettingKeys.MAX_KEY_MEMBERS)))
            .withColumn(
                "accounts_of",
                when(kinds.equalTo(1), col("kind"))
                    .when(withOperation, lit("mixed, with operation"))
                    .otherwise(lit("mixed")))
            .withColumn(
                "key_accounts",
                when(col("accounts").leq(5), lit("2-5"))
                    .when(col("accounts").leq(20), lit("6-20"))
                    .when(col("accounts").leq(60), lit("21-60"))
                    .otherwise(lit("61-" + s.getInt(SettingKeys.MAX_KEY_MEMBERS))));
    Column candidates = actions.multiply(actions.minus(1)).divide(2);
    System.out.println("Near-text blocking keys and candidate pairs within one bucket:");
    keys.groupBy("accounts_of", "key_accounts")
        .agg(
            count("*").as("keys"),
            sum(actions).as("band_actions"),
            sum(candidates).cast("long").as("candidate_pairs"))
        .withColumn(
            "share",
            round(
                col("candidate_pairs").divide(sum("candidate_pairs").over(Window.partitionBy())),
                4))
        .orderBy("accounts_of", "key_accounts")
        .show(50, false);
  }
}
