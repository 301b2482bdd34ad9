package org.cibnet.io;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;

/** Reads the `runs` table: which run is the latest complete result of a job. */
public final class Runs {
  private Runs() {}

  /**
   * The newest run whose row for one of `jobs` succeeded, preferring the jobs in the order given
   * (a pipeline run over a lone score run), then the latest start, then the run id.
   */
  public static Optional<String> newestSucceeded(Warehouse wh, List<String> jobs) {
    if (!wh.exists(Warehouse.RUNS)) {
      return Optional.empty();
    }
    org.apache.spark.sql.Column preference = org.apache.spark.sql.functions.lit(jobs.size());
    for (int i = jobs.size() - 1; i >= 0; i--) {
      preference = org.apache.spark.sql.functions.when(col("job").equalTo(jobs.get(i)), i)
          .otherwise(preference);
    }
    List<Row> rows = wh.read(Warehouse.RUNS)
        .filter(col("job").isin(jobs.toArray()).and(col("status").equalTo(RunLog.SUCCEEDED)))
        .orderBy(preference.asc(), col("started_at").desc(), col("run_id").desc())
        .select("run_id").limit(1).collectAsList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).getString(0));
  }
}
