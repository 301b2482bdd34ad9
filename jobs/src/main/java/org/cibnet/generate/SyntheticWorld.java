package org.cibnet.generate;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.schema.Schemas;

/** The datasets of a planned world, each made by executors from account ids. */
public final class SyntheticWorld {
  private SyntheticWorld() {}

  private static Dataset<Long> accountIds(SparkSession spark, World w) {
    int partitions = (int) Math.max(2, Math.min(2000, w.accounts / 5_000));
    return spark.range(0, w.accounts, 1, partitions);
  }

  public static Dataset<Row> accounts(SparkSession spark, World w) {
    return accountIds(spark, w)
        .map(
            (MapFunction<Long, Row>) a -> WorldRows.account(w, a),
            Encoders.row(Schemas.ACCOUNTS_SCHEMA));
  }

  public static Dataset<Row> posts(SparkSession spark, World w) {
    return accountIds(spark, w)
        .flatMap(
            (FlatMapFunction<Long, Row>) a -> WorldRows.posts(w, a),
            Encoders.row(Schemas.POSTS_SCHEMA));
  }

  public static Dataset<Row> ads(SparkSession spark, World w) {
    return accountIds(spark, w)
        .flatMap(
            (FlatMapFunction<Long, Row>) a -> WorldRows.ads(w, a),
            Encoders.row(Schemas.ADS_SCHEMA));
  }

  public static Dataset<Row> takedowns(SparkSession spark, World w) {
    return accountIds(spark, w)
        .flatMap(
            (FlatMapFunction<Long, Row>) a -> WorldRows.takedown(w, a),
            Encoders.row(Schemas.TAKEDOWNS_SCHEMA));
  }

  public static Dataset<Row> groundTruth(SparkSession spark, World w) {
    return accountIds(spark, w)
        .map(
            (MapFunction<Long, Row>) a -> WorldRows.groundTruth(w, a),
            Encoders.row(Schemas.GROUND_TRUTH_SCHEMA));
  }
}
