package org.cibnet.job;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.CibnetException;
import org.cibnet.config.JobOptions;
import org.cibnet.io.RunLog;
import org.cibnet.io.Warehouse;

/** Finding runs in the warehouse's runs table. */
final class Runs {
  private Runs() {}

  /**
   * features, train and score work on one detect run's networks: --run-id when given, else the
   * newest successful detect run.
   */
  static JobOptions onLatestDetect(SparkSession spark, JobOptions o) {
    if (o.get("--run-id").isPresent()) {
      return o;
    }
    Warehouse wh = new Warehouse(spark, o.warehouse());
    if (!wh.exists(Warehouse.RUNS)) {
      throw new CibnetException("No detect run in warehouse " + wh.root() + ": run 'detect' first (or 'pipeline').");
    }
    List<Row> rows = wh.read(Warehouse.RUNS)
        .filter(col("job").equalTo("detect").and(col("status").equalTo(RunLog.SUCCEEDED)))
        .orderBy(col("started_at").desc(), col("run_id").desc()).limit(1).collectAsList();
    if (rows.isEmpty()) {
      throw new CibnetException("No successful detect run in warehouse " + wh.root()
          + ": run 'detect' first (or 'pipeline').");
    }
    return o.with("--run-id", rows.get(0).<String>getAs("run_id"));
  }
}
