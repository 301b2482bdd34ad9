package org.cibnet.job;

import java.util.UUID;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.io.RunLog;
import org.cibnet.io.Warehouse;

/** Runs a job body under its `runs` row: running, then succeeded, or failed with the reason. */
public final class JobRun {
  private JobRun() {}

  /** The run id: --run-id when a pipeline passes its own, else a new random one. */
  public static String runId(JobOptions o) {
    return o.get("--run-id").orElseGet(() -> UUID.randomUUID().toString());
  }

  public static <T> T recorded(
      SparkSession spark, JobOptions o, Function<RunLog, T> body) {
    Warehouse wh = new Warehouse(spark, o.warehouse());
    RunLog log = new RunLog(spark, wh, runId(o), o.job(), o.parameters());
    log.started();
    try {
      T result = body.apply(log);
      log.succeeded();
      return result;
    } catch (RuntimeException | Error e) {
      try {
        log.failed(Errors.firstLine(String.valueOf(e.getMessage())));
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
