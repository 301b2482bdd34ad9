package org.cibnet.job;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.features.LikelyOrigin;
import org.cibnet.features.Reference;
import org.cibnet.io.RunLog;
import org.cibnet.io.Warehouse;
import org.cibnet.model.LinearModel;
import org.cibnet.model.ModelStore;
import org.cibnet.model.Reasons;
import org.cibnet.model.ScoringModel;
import org.cibnet.review.Reviews;

/**
 * score: gives every network of a detect run exactly one network_scores row for its as-of date:
 * score, flagged, reasons in words, nearest removed campaign, model version. Networks the model
 * was trained on get their out-of-fold score. MERGE keyed (network_id, as_of): re-running the same
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
  public void run(SparkSession spark, JobOptions options) {
    JobOptions o = Runs.onLatestDetect(spark, options);
    JobRun.recorded(spark, o, log -> execute(spark, o, log));
  }

  public static long execute(SparkSession spark, JobOptions o, RunLog log) {
    Settings s = o.settings();
    Warehouse wh = new Warehouse(spark, o.warehouse());
    String runId = log.runId();
    Dataset<Row> features = wh.require(Warehouse.NETWORK_FEATURES, "features").filter(col("run_id").equalTo(runId));
    Row first = features.select("as_of").limit(1).collectAsList().stream().findFirst().orElse(null);
    String asOf = first == null ? o.asOf().map(Object::toString).orElse("2004-01-01") : first.getDate(0).toString();
    ModelStore store = new ModelStore(spark, o.warehouse());
    ScoringModel model = store.choose(o.get("--model-version"), asOf).orElseGet(LinearModel::shippedDefault);

    Dataset<Row> scored = model.score(features);
    if (wh.exists("oof_scores")) {
      // Labelled networks keep the score of the fold model that never saw their campaign.
      Dataset<Row> oof = wh.read("oof_scores").filter(col("model_version").equalTo(model.version()))
          .select(col("network_id"), col("score").as("oof_score"));
      scored = scored.join(oof, org.cibnet.spark.Cols.seq("network_id"), "left")
          .withColumn("score", coalesce(col("oof_score"), col("score")))
          .withColumn("scored_out_of_fold", col("oof_score").isNotNull())
          .drop("oof_score");
    } else {
      scored = scored.withColumn("scored_out_of_fold", lit(false));
    }
    Dataset<Row> sizes = wh.read(Warehouse.NETWORKS).filter(col("run_id").equalTo(runId))
        .groupBy("network_id").agg(org.apache.spark.sql.functions.collect_list("account_id").as("members"));
    Column allowed = allowlisted(s, org.cibnet.quality.Pseudonymizer.of(o));
    Dataset<Row> verdicts = wh.exists(Warehouse.NETWORK_REVIEWS)
        ? Reviews.latest(wh.read(Warehouse.NETWORK_REVIEWS), java.time.LocalDate.parse(asOf))
        : spark.createDataFrame(List.of(), Reviews.SCHEMA);
    Dataset<Row> out = Reasons.withReasons(scored, model.importances(), s.getInt(SettingKeys.TOP_REASONS))
        .transform(d -> LikelyOrigin.withLikelyOrigin(d, Reference.countries(spark, s)))
        .join(sizes, "network_id")
        .transform(d -> Reviews.withVerdicts(d, verdicts, s.getDouble(SettingKeys.REFLAG_JACCARD)))
        .withColumn("allowlisted", allowed)
        .withColumn("flagged", col("score").geq(model.threshold())
            .and(col("allowlisted").equalTo(false)).and(col("suppressed").equalTo(false)))
        .withColumn("top_reasons", when(col("suppressed"),
            concat(array(Reviews.suppressionReason()), col("top_reasons"))).otherwise(col("top_reasons")))
        .select(
            col("network_id"),
            col("as_of"),
            col("run_id"),
            col("score"),
            col("flagged"),
            col("n_accounts").cast("long").as("n_accounts"),
            col("top_reasons"),
            col("nearest_campaign"),
            col("campaign_similarity"),
            col("shared_assets"),
            col("likely_utc_offset"),
            col("likely_origin_country"),
            lit(model.version()).as("model_version"),
            lit(model.threshold()).as("threshold"),
            col("scored_out_of_fold"),
            col("review_verdict"),
            col("reviewed_by"));
    wh.merge(Warehouse.NETWORK_SCORES, out, List.of("network_id", "as_of"));
    long n = wh.read(Warehouse.NETWORK_SCORES).filter(col("run_id").equalTo(runId)).count();
    long flagged = wh.read(Warehouse.NETWORK_SCORES).filter(col("run_id").equalTo(runId).and(col("flagged"))).count();
    log.output(Warehouse.NETWORK_SCORES, n);
    log.output("flagged", flagged);
    System.out.printf("score: %d networks scored with %s (threshold %.3f), %d flagged for review%n", n,
        model.version(), model.threshold(), flagged);
    return n;
  }

  /** Networks with an allowlisted member are never flagged (review.allow_accounts). */
  private static Column allowlisted(Settings s, java.util.Optional<org.cibnet.quality.Pseudonymizer> pseudonyms) {
    String list = s.get(SettingKeys.ALLOW_ACCOUNTS);
    if (list.isBlank()) {
      return lit(false);
    }
    Column any = lit(false);
    for (String a : Arrays.stream(list.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList()) {
      // with --pseudonymize the members are pseudonyms, so the listed ids are too
      any = any.or(array_contains(col("members"), pseudonyms.map(p -> p.accountId(a)).orElse(a)));
    }
    return when(any, true).otherwise(false);
  }
}
