package org.cibnet.job;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.io.Inputs;
import org.cibnet.io.RunLog;
import org.cibnet.io.Runs;
import org.cibnet.io.TableRegistry;
import org.cibnet.io.ValidationReport;
import org.cibnet.io.Warehouse;
import org.cibnet.quality.Pseudonymizer;
import org.cibnet.stage.DetectStage;
import org.cibnet.stage.FeaturesStage;
import org.cibnet.stage.Progress;
import org.cibnet.stage.ScoreStage;
import org.cibnet.stage.TrainStage;

/**
 * pipeline: validate, detect, features, train (when the labels allow) and score under one run_id,
 * with a progress line per stage and, at the end, the top flagged networks and their reasons. The
 * pipeline's runs row turns `succeeded` only after the last stage committed; the newest such row
 * names the latest complete result.
 */
public final class PipelineJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new PipelineJob(), args);
  }

  @Override
  public String name() {
    return "pipeline";
  }

  @Override
  public String description() {
    return "validate, detect, features, train (when needed) and score in order (--input DIR"
        + " --warehouse DIR)";
  }

  @Override
  public Set<String> options() {
    return Set.of(
        "--input",
        "--warehouse",
        "--as-of",
        "--since",
        "--until",
        "--run-id",
        "--pseudonymize",
        "--model-version");
  }

  @Override
  public Set<String> required() {
    return Set.of("--input", "--warehouse");
  }

  @Override
  public void run(SparkSession spark, JobOptions options) {
    JobOptions o = options.with("--run-id", JobRun.runId(options));
    JobRun.recorded(
        spark,
        o,
        log -> {
          execute(spark, o, log);
          return null;
        });
  }

  static void execute(SparkSession spark, JobOptions o, RunLog pipelineLog) {
    Timestamp started = Timestamp.from(Instant.now());
    Inputs.Validated v =
        stage(
            spark,
            o,
            "validate",
            log -> {
              Inputs.Validated val =
                  Inputs.validate(
                          spark,
                          o.input(),
                          started,
                          o.settings().getInt(SettingKeys.MIN_YEAR),
                          Pseudonymizer.of(o))
                      .persisted();
              try {
                List<ValidationReport.Counts> counts =
                    ValidationReport.write(new Warehouse(spark, o.warehouse()), val, log);
                ValidationReport.print(counts);
                ValidationReport.enforce(
                    counts, o.settings().getDouble(SettingKeys.MAX_REJECT_SHARE), o.input());
                return val;
              } catch (RuntimeException e) {
                val.unpersist();
                throw e;
              }
            });
    // One validation for every stage: the accepted rows are kept from the checked ones, which are
    // then released.
    Inputs in;
    try {
      in =
          Inputs.window(spark, v, o.asOf(), o.since(), o.until())
              .persisted()
              .materialized()
              .requirePosts(o.since(), o.until());
    } finally {
      v.unpersist();
    }
    try {
      System.out.println("as of " + in.asOf());
      stage(spark, o, "detect", log -> DetectStage.execute(spark, in, o, log));
      stage(spark, o, "features", log -> FeaturesStage.execute(spark, in, o, log));
      boolean trainable = TrainStage.trainable(spark, in, o, pipelineLog.runId());
      if (trainable) {
        stage(spark, o, "train", log -> TrainStage.execute(spark, in, o, log));
      } else {
        System.out.println(
            "train: skipped, the input has no usable takedown labels; scoring with the default"
                + " model");
      }
      stage(spark, o, "score", log -> ScoreStage.execute(spark, o, log));
    } finally {
      in.unpersist();
    }
    printTopFlagged(spark, o, pipelineLog.runId());
    Warehouse wh = new Warehouse(spark, o.warehouse());
    if (TableRegistry.hasMetastore(spark)) {
      TableRegistry.register(spark, wh, o.settings().get(SettingKeys.DATABASE));
    } else {
      System.out.println(
          "to query the tables by name: bin/cibnet register --warehouse "
              + wh.root()
              + " (creates them in a metastore, or prints the CREATE TABLE statements)");
    }
  }

  /** Runs one stage under its own runs row; a failure names the stage. */
  private static <T> T stage(
      SparkSession spark, JobOptions o, String name, Function<RunLog, T> body) {
    long t0 = System.nanoTime();
    try {
      T result = JobRun.recorded(spark, o.withJob(name), body);
      Progress.progress("stage " + name + " done", t0);
      return result;
    } catch (RuntimeException e) {
      throw Errors.stageFailed(name, e);
    }
  }

  static void printTopFlagged(SparkSession spark, JobOptions o, String runId) {
    Warehouse wh = new Warehouse(spark, o.warehouse());
    List<Row> top =
        wh.read(Warehouse.NETWORK_SCORES)
            .filter(Runs.isRun(runId).and(col("flagged")))
            .orderBy(col("score").desc(), col("network_id"))
            .limit(10)
            .collectAsList();
    System.out.println();
    System.out.println("Top flagged networks (a flag means: review this network, not remove it)");
    if (top.isEmpty()) {
      System.out.println("  none above the threshold");
    }
    for (Row r : top) {
      System.out.printf(
          "  %s  score %.3f  %d accounts  evidence: %s  nearest removed campaign: %s%n",
          r.<String>getAs("network_id"),
          r.<Double>getAs("score"),
          r.<Long>getAs("n_accounts"),
          r.<String>getAs("flag_evidence"),
          r.getAs("nearest_campaign") == null ? "none" : r.getAs("nearest_campaign"));
      for (String reason : r.<String>getList(r.fieldIndex("top_reasons"))) {
        System.out.println("      - " + reason);
      }
    }
    System.out.println("run_id " + runId + "; tables in " + wh.root());
  }
}
