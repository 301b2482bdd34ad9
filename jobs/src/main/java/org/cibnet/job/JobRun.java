package org.cibnet.job;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.io.Inputs;
import org.cibnet.io.RunLog;
import org.cibnet.io.Runs;
import org.cibnet.io.Warehouse;

/** Runs a job body under its `runs` row: running, then succeeded, or failed with the reason. */
public final class JobRun {
  private JobRun() {}

  /** The run id: --run-id when a pipeline passes its own, else a new random one. */
  public static String runId(JobOptions o) {
    return o.get("--run-id").orElseGet(() -> UUID.randomUUID().toString());
  }

  /** A job body that works on the validated input of one detect run. */
  public interface OnInputs<T> {
    T apply(Inputs in, JobOptions options, RunLog log);
  }

  /**
   * Runs a body on the newest successful detect run (or --run-id) and its validated input, under
   * that run's runs row: what features and train share.
   */
  public static <T> T onLatestDetect(SparkSession spark, JobOptions options, OnInputs<T> body) {
    JobOptions o = withLatestDetect(spark, options);
    return recorded(
        spark, o, log -> body.apply(Inputs.load(spark, o, Timestamp.from(Instant.now())), o, log));
  }

  /**
   * features, train and score work on one detect run's networks: --run-id when given, else the
   * newest successful detect run.
   */
  static JobOptions withLatestDetect(SparkSession spark, JobOptions o) {
    if (o.get("--run-id").isPresent()) {
      return o;
    }
    Warehouse wh = new Warehouse(spark, o.warehouse());
    return o.with(
        "--run-id",
        Runs.requireNewestSucceeded(wh, List.of("detect"), "run 'detect' first (or 'pipeline')"));
  }

  public static <T> T recorded(SparkSession spark, JobOptions o, Function<RunLog, T> body) {
    Warehouse wh = new Warehouse(spark, o.warehouse());
    RunLog log =
        new RunLog(
            spark,
            wh,
            runId(o),
            o.job(),
            o.parameters(),
            o.settings().getInt(SettingKeys.HEARTBEAT_SECONDS));
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
