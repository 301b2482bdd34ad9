package org.cibnet.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.ExpressionSet;
import org.apache.spark.sql.catalyst.plans.logical.Statistics;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.storage.StorageLevel;
import scala.Option;
import scala.collection.immutable.Seq;

/**
 * Keeps a dataset's rows in memory (spilling to disk) behind a plan of one node.
 *
 * <p>Why not plain {@code persist()}: Spark prints a kept dataset's whole plan inside every plan
 * that reads it, and detect keeps datasets built from kept datasets eight levels deep, so the plan
 * text rendered after every query stage grows to many megabytes and seconds of driver time. Here
 * the cache holds the rows of the dataset's RDD: the plan above it is one node, while the RDD's
 * lineage still recomputes blocks lost with an executor (unlike {@code localCheckpoint}). Under
 * adaptive execution a kept dataset reports no partitioning, so a join on it shuffles it again.
 *
 * <p>The rows are kept as Spark's serialized binary rows rather than in the column cache, whose
 * compressed batches cost more to build than they save here (docs/benchmarks.md). Kept rows are
 * released with {@link #release} (or their {@link Scope}); {@link #storageLevel} says whether a
 * dataset is kept. {@code Dataset.storageLevel} and {@code unpersist} know nothing of them.
 *
 * <p>It builds the node with Spark's internal classes (classic Dataset, LogicalRDD, SQLExecution)
 * of the pinned Spark 4.1.0, as {@code Dataset.checkpoint} does; {@code KeptTest} checks the rows,
 * the plan size, the partitioning and the recomputation, so a Spark upgrade that changes them fails
 * there first.
 */
public final class Kept {
  private static final ThreadLocal<Scope> OPEN = new ThreadLocal<>();

  private Kept() {}

  /**
   * Everything kept on this thread until {@link Scope#close()}, which releases it: a stage's
   * intermediate datasets (detect's blocking keys, pairs and graph) would otherwise stay cached
   * through the later stages of the same session.
   */
  public static final class Scope implements AutoCloseable {
    private final List<Dataset<Row>> kept = new ArrayList<>();
    private final Scope outer;

    private Scope(Scope outer) {
      this.outer = outer;
    }

    /** Datasets kept in this scope so far. */
    public int size() {
      return kept.size();
    }

    @Override
    public void close() {
      kept.forEach(Kept::release);
      kept.clear();
      OPEN.set(outer);
    }
  }

  /** Opens a scope on this thread (scopes nest; the innermost one collects). */
  public static Scope scope() {
    Scope s = new Scope(OPEN.get());
    OPEN.set(s);
    return s;
  }

  /** The same rows, kept serialized in memory and spilling to disk. */
  public static Dataset<Row> keep(Dataset<Row> d) {
    return keep(d, StorageLevel.MEMORY_AND_DISK_SER());
  }

  /** The same rows, kept at the given level; added to this thread's open {@link Scope}, if any. */
  @SuppressWarnings("unchecked")
  public static Dataset<Row> keep(Dataset<Row> d, StorageLevel level) {
    org.apache.spark.sql.classic.Dataset<Row> ds = (org.apache.spark.sql.classic.Dataset<Row>) d;
    QueryExecution qe = ds.queryExecution();
    // Planned under its own SQL execution, as Dataset.checkpoint does: adaptive execution runs the
    // shuffle stages below the rows now; the last stage runs when the cache is first filled.
    RDD<InternalRow> rows = SQLExecution.withNewExecutionId(qe, Option.apply("keep"), qe::toRdd);
    LogicalRDD origin =
        org.apache.spark.sql.execution.LogicalRDD$.MODULE$.fromDataset(rows, ds, false);
    // The same node without its sort order (Spark's column cache, which held these rows before,
    // failed on a sort key the output does not carry). Partitioning and statistics stay.
    Seq<Object> session = origin.otherCopyArgs();
    // Spark's plans reuse one row buffer per task: each row is copied before it is kept.
    RDD<InternalRow> keptRows = rows.toJavaRDD().map(InternalRow::copy).rdd().persist(level);
    LogicalRDD leaf =
        origin.copy(
            origin.output(),
            keptRows,
            origin.outputPartitioning(),
            scala.collection.immutable.List$.MODULE$.empty(),
            false,
            origin.stream(),
            (SparkSession) session.apply(0),
            (Option<Statistics>) session.apply(1),
            (Option<ExpressionSet>) session.apply(2));
    Dataset<Row> kept =
        org.apache.spark.sql.classic.Dataset$.MODULE$.ofRows(ds.sparkSession(), leaf);
    Scope scope = OPEN.get();
    if (scope != null) {
      scope.kept.add(kept);
    }
    return kept;
  }

  /** The rows {@link #keep} keeps for this dataset, or none when it was not made by keep. */
  private static Option<RDD<?>> keptRows(Dataset<Row> d) {
    if (d instanceof org.apache.spark.sql.classic.Dataset<Row> ds
        && ds.logicalPlan() instanceof LogicalRDD leaf) {
      return Option.apply(leaf.rdd());
    }
    return Option.empty();
  }

  /** The level its rows are kept at: NONE when released or not kept (by keep or persist). */
  public static StorageLevel storageLevel(Dataset<Row> d) {
    Option<RDD<?>> rows = keptRows(d);
    StorageLevel level = rows.isDefined() ? rows.get().getStorageLevel() : StorageLevel.NONE();
    return level.equals(StorageLevel.NONE()) ? d.storageLevel() : level;
  }

  /** Drops the kept rows (or the cache of a persisted dataset); the dataset stays readable. */
  public static void release(Dataset<Row> d) {
    Option<RDD<?>> rows = keptRows(d);
    if (rows.isDefined()) {
      rows.get().unpersist(false);
    }
    d.unpersist();
  }
}
