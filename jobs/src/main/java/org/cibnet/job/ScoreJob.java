package org.cibnet.job;

import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.stage.ScoreStage;

/**
 * score: gives every network of a detect run exactly one network_scores row for its as-of date:
 * score, flagged, reasons in words, nearest removed campaign, model version. Networks the model was
 * trained on get their out-of-fold score. MERGE keyed (network_id, as_of): re-running the same
 * as-of updates rows in place. A flag means "review this", not "remove this".
 */
public final class ScoreJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new ScoreJob(), args);
  }

  @Override
  public String name() {
    return "score";
  }

  @Override
  public String description() {
    return "scores networks and writes network_scores";
  }

  @Override
  public Set<String> options() {
    return Set.of(
        "--input", "--warehouse", "--as-of", "--run-id", "--pseudonymize", "--model-version");
  }

  @Override
  public Set<String> required() {
    return Set.of("--warehouse");
  }

  @Override
  public void run(SparkSession spark, JobOptions options) {
    JobOptions o = JobRun.withLatestDetect(spark, options);
    JobRun.recorded(spark, o, log -> ScoreStage.execute(spark, o, log));
  }
}
