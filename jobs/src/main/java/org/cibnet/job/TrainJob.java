package org.cibnet.job;

import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.stage.TrainStage;

/**
 * train: fits the classifier on the networks of a detect run labelled by takedowns dated before the
 * as-of date (leave-campaign-out cross-validation), saves it under models/ with its threshold,
 * metrics and out-of-fold scores, and records model_metrics. Fails with a clear message when the
 * labels cannot support training. --export-default FILE also writes the logistic baseline as the
 * JSON default model cibnet ships.
 */
public final class TrainJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new TrainJob(), args);
  }

  @Override
  public String name() {
    return "train";
  }

  @Override
  public String description() {
    return "trains and evaluates the classifier on takedown labels, saves the model with its"
        + " metrics";
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
        "--model-version",
        "--export-default");
  }

  @Override
  public Set<String> required() {
    return Set.of("--input", "--warehouse");
  }

  @Override
  public void run(SparkSession spark, JobOptions options) {
    JobRun.onLatestDetect(spark, options, (in, o, log) -> TrainStage.execute(spark, in, o, log));
  }
}
