package org.cibnet.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.cibnet.config.Errors;

/**
 * The one reader of the `runs` table: which run is the latest complete result of a job, and what a
 * run was given. A run counts only once its row says succeeded, so a killed or running run's rows
 * in other tables are never read as a result.
 */
public final class Runs {
  private Runs() {}

  /** The jobs whose runs hold scored networks, a pipeline run preferred over a lone score run. */
  public static final List<String> SCORED = List.of("pipeline", "score");

  /**
   * The newest run whose row for one of `jobs` succeeded, preferring the jobs in the order given (a
   * pipeline run over a lone score run), then the latest start, then the run id.
   */
  public static Optional<String> newestSucceeded(Warehouse wh, List<String> jobs) {
    return newestSucceeded(wh, jobs, lit(true), null);
  }

  /**
   * As {@link #newestSucceeded(Warehouse, List)}, among the runs that also satisfy `condition` (on
   * the runs table's columns) and, when `withRows` is given, have rows in it (a run_id column).
   */
  public static Optional<String> newestSucceeded(
      Warehouse wh, List<String> jobs, Column condition, Dataset<Row> withRows) {
    if (!wh.exists(Warehouse.RUNS)) {
      return Optional.empty();
    }
    Column preference = lit(jobs.size());
    for (int i = jobs.size() - 1; i >= 0; i--) {
      preference = when(col("job").equalTo(jobs.get(i)), i).otherwise(preference);
    }
    Dataset<Row> runs =
        wh.read(Warehouse.RUNS)
            .filter(col("job").isin(jobs.toArray()).and(col("status").equalTo(RunLog.SUCCEEDED)))
            .filter(condition);
    if (withRows != null) {
      runs = runs.join(withRows.select("run_id").distinct(), "run_id");
    }
    List<Row> rows =
        runs.orderBy(preference.asc(), col("started_at").desc(), col("run_id").desc())
            .select("run_id")
            .limit(1)
            .collectAsList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).getString(0));
  }

  /** The newest succeeded run of `jobs`, or an error that says what to run first. */
  public static String requireNewestSucceeded(Warehouse wh, List<String> jobs, String fix) {
    return newestSucceeded(wh, jobs)
        .orElseThrow(() -> Errors.noSucceededRun(String.join(" or ", jobs), wh.root(), fix));
  }

  /** The newest complete pipeline (else score) run: the result a reader should look at. */
  public static String newestResult(Warehouse wh) {
    return requireNewestSucceeded(wh, SCORED, "run 'pipeline' first");
  }

  /** The value a run was given for an option (e.g. --input), when it was given one. */
  public static Optional<String> parameter(Warehouse wh, String runId, String option) {
    if (!wh.exists(Warehouse.RUNS)) {
      return Optional.empty();
    }
    return ofRun(wh.read(Warehouse.RUNS), runId)
        .select(col("parameters").getItem(option))
        .as(Encoders.STRING())
        .collectAsList()
        .stream()
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** The rows a run wrote to a table. */
  public static Dataset<Row> ofRun(Dataset<Row> table, String runId) {
    return table.filter(isRun(runId));
  }

  /** A row of run `runId`, in any table keyed by run_id. */
  public static Column isRun(String runId) {
    return col("run_id").equalTo(runId);
  }
}
