package org.cibnet.job;

import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.stage.FeaturesStage;

/**
 * features: one row per network of a detect run in network_features, one column per feature
 * (docs/features.md), plus each network's nearest previously removed campaign. Also refreshes
 * known_indicators with the domains removed accounts linked to. Works on the run named by --run-id,
 * else the newest successful detect run.
 */
public final class FeaturesJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new FeaturesJob(), args);
  }

  @Override
  public String name() {
    return "features";
  }

  @Override
  public String description() {
    return "computes per-network features and similarity to removed campaigns";
  }

  @Override
  public Set<String> options() {
    return Set.of(
        "--input", "--warehouse", "--as-of", "--since", "--until", "--run-id", "--pseudonymize");
  }

  @Override
  public Set<String> required() {
    return Set.of("--input", "--warehouse");
  }

  @Override
  public void run(SparkSession spark, JobOptions options) {
    JobRun.onLatestDetect(spark, options, (in, o, log) -> FeaturesStage.execute(spark, in, o, log));
  }
}
