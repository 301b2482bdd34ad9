package org.cibnet.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * For fault-tolerance tests on a cluster: makes the first attempt of partition 0 of a stage fail,
 * deterministically, so Spark's task retry is exercised and the result can be compared with an
 * undisturbed run. Off unless the setting names the stage; never use it in production runs.
 */
public final class FaultInjection {
  private FaultInjection() {}

  public static final String MESSAGE = "cibnet injected task failure (first attempt)";

  public static Dataset<Row> failFirstAttempt(Dataset<Row> rows, String stage, String configured) {
    if (!stage.equals(configured)) {
      return rows;
    }
    MapPartitionsFunction<Row, Row> f =
        it -> {
          TaskContext tc = TaskContext.get();
          if (tc != null && tc.partitionId() == 0 && tc.attemptNumber() == 0) {
            throw new IllegalStateException(MESSAGE + " in " + stage);
          }
          return it;
        };
    return rows.mapPartitions(f, Encoders.row(rows.schema()));
  }
}
