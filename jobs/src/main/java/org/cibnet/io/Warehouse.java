package org.cibnet.io;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;

/**
 * The warehouse: one Delta table per folder under --warehouse. The only place that knows table
 * paths and save modes. Every write is one Delta commit, so a killed job leaves each table at its
 * last good version, and every write is idempotent for its key so re-runs never duplicate.
 */
public final class Warehouse {
  public static final String COORDINATION_EDGES = "coordination_edges";
  public static final String NETWORKS = "networks";
  public static final String NETWORK_FEATURES = "network_features";
  public static final String NETWORK_SCORES = "network_scores";
  public static final String RUNS = "runs";
  public static final String BURSTS = "bursts";
  public static final String CAMPAIGN_SIMILARITY = "campaign_similarity";
  public static final String MODEL_METRICS = "model_metrics";
  public static final String OOF_SCORES = "oof_scores";
  public static final String NETWORK_REVIEWS = "network_reviews";
  public static final String KNOWN_INDICATORS = "known_indicators";
  public static final String VALIDATION_COUNTS = "validation_counts";
  public static final String BACKTEST = "backtest";
  public static final String EVALUATION = "evaluation";
  public static final String CLEAN = "clean";
  public static final String REJECTED_FILES = "rejects/_files";

  /** The table of a dataset's rejected rows, each with its reason. */
  public static String rejects(String dataset) {
    return "rejects/" + dataset;
  }

  private final SparkSession spark;
  private final String root;

  public Warehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root.replaceAll("/+$", "");
  }

  /** The session the warehouse reads and writes with. */
  public SparkSession spark() {
    return spark;
  }

  public String root() {
    return root;
  }

  public String path(String table) {
    return root + "/" + table;
  }

  public boolean exists(String table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  public Dataset<Row> read(String table) {
    return spark.read().format("delta").load(path(table));
  }

  /** Reads a table another job must have written, or says which job to run. */
  public Dataset<Row> require(String table, String producer) {
    if (!exists(table)) {
      throw Errors.missingTable(table, root, producer);
    }
    return read(table);
  }

  /**
   * Replaces one run's rows of a run-keyed table in a single commit (idempotent: re-running the run
   * replaces, never duplicates).
   */
  public void replaceRun(String table, Dataset<Row> rows, String runId) {
    replaceWhere(table, rows, "run_id = '" + runId.replace("'", "''") + "'");
  }

  /** Overwrites the rows matching a predicate in one commit; creates the table when absent. */
  public void replaceWhere(String table, Dataset<Row> rows, String predicate) {
    if (!exists(table)) {
      rows.write().format("delta").mode("overwrite").save(path(table));
      return;
    }
    rows.write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", predicate)
        .option("mergeSchema", "true")
        .save(path(table));
  }

  /** Overwrites a whole table (derived tables whose every row belongs to one run). */
  public void overwrite(String table, Dataset<Row> rows) {
    rows.write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .save(path(table));
  }

  public void append(String table, Dataset<Row> rows) {
    rows.write().format("delta").mode("append").option("mergeSchema", "true").save(path(table));
  }

  /** Upserts rows by key with Delta MERGE: matched rows are updated, new ones inserted. */
  public void merge(String table, Dataset<Row> rows, List<String> keys) {
    if (!exists(table)) {
      rows.write().format("delta").mode("overwrite").save(path(table));
      return;
    }
    String on =
        keys.stream()
            .map(k -> "t.`" + k + "` = s.`" + k + "`")
            .collect(Collectors.joining(" AND "));
    DeltaTable.forPath(spark, path(table))
        .as("t")
        .merge(rows.as("s"), on)
        .whenMatched()
        .updateAll()
        .whenNotMatched()
        .insertAll()
        // columns added by a newer cibnet are added to an older table
        .withSchemaEvolution()
        .execute();
  }
}
