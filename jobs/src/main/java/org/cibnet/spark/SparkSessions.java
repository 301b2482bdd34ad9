package org.cibnet.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is built. Delta's extension and catalog are set before the first
 * session of the JVM exists: a session built without them is silently reused later and Delta
 * MERGE/history then fail with errors that never mention Delta.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * The session for a job: the cluster's master under spark-submit, an embedded local[*] otherwise.
   */
  public static SparkSession forJob(String appName) {
    SparkConf conf = new SparkConf(true);
    SparkSession.Builder b = SparkSession.builder().appName("cibnet " + appName);
    if (!conf.contains("spark.master")) {
      b.master("local[*]")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          // a -Dspark.sql.shuffle.partitions given to the JVM wins over this default
          .config("spark.sql.shuffle.partitions", conf.get("spark.sql.shuffle.partitions", "8"))
          // Kept datasets spill to the one local disk: compressed, detect's kept blocks and
          // shuffles at 10M posts fit in tens of GB instead of filling it (docs/benchmarks.md)
          .config("spark.rdd.compress", conf.get("spark.rdd.compress", "true"))
          .config("spark.io.compression.codec", conf.get("spark.io.compression.codec", "zstd"))
          // Delta rebuilds a table's snapshot state with 50 tasks by default, sized for clusters;
          // on one machine that is ~2 s per table version read (each run-log MERGE reads two)
          .config("spark.databricks.delta.snapshotPartitions", "4");
    }
    return configure(b).getOrCreate();
  }

  /** A small local session for tests and notebooks: few partitions, no UI. */
  public static SparkSession local(int cores) {
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("cibnet-local")
            .master("local[" + cores + "]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", String.valueOf(cores))
            .config("spark.default.parallelism", String.valueOf(cores))
            .config("spark.databricks.delta.snapshotPartitions", "2")
            .config("spark.sql.adaptive.enabled", "false");
    return configure(b).getOrCreate();
  }

  private static SparkSession.Builder configure(SparkSession.Builder b) {
    return b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        // INT64 TIMESTAMP(NANOS) columns are read as longs and converted by InputReader.
        .config("spark.sql.legacy.parquet.nanosAsLong", "true")
        .config("spark.sql.parquet.int96RebaseModeInRead", "CORRECTED")
        .config("spark.sql.parquet.datetimeRebaseModeInRead", "CORRECTED")
        .config("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED")
        .config("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED")
        .config("spark.databricks.delta.schema.autoMerge.enabled", "false")
        .config("spark.sql.ansi.enabled", "false");
  }
}
