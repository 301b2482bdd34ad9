package org.cibnet.spark;

import org.apache.spark.sql.SparkSession;

/**
 * A runtime SQL setting changed for one block of a job and put back when it closes (to the value it
 * had, or unset), so that a job run inside a pipeline leaves the session as it found it.
 */
public final class SqlConfOverride implements AutoCloseable {
  private final SparkSession spark;
  private final String key;
  private final scala.Option<String> before;

  private SqlConfOverride(SparkSession spark, String key, String value) {
    this.spark = spark;
    this.key = key;
    this.before = spark.conf().getOption(key);
    spark.conf().set(key, value);
  }

  public static SqlConfOverride set(SparkSession spark, String key, String value) {
    return new SqlConfOverride(spark, key, value);
  }

  @Override
  public void close() {
    if (before.isDefined()) {
      spark.conf().set(key, before.get());
    } else {
      spark.conf().unset(key);
    }
  }
}
