package org.cibnet.stage;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.features.CampaignSimilarity;
import org.cibnet.features.Indicators;
import org.cibnet.features.NetworkFeatures;
import org.cibnet.features.PersonaTraits;
import org.cibnet.features.Reference;
import org.cibnet.features.Returns;
import org.cibnet.io.InputReader;
import org.cibnet.io.Inputs;
import org.cibnet.io.RunLog;
import org.cibnet.io.Runs;
import org.cibnet.io.Warehouse;
import org.cibnet.network.UrlNormalizer;
import org.cibnet.spark.Cols;
import org.cibnet.spark.Kept;

/**
 * The features stage: per-network features of the newest detect run, written to network_features
 * under the run of `log`.
 */
public final class FeaturesStage {
  private FeaturesStage() {}

  public static long execute(SparkSession spark, Inputs input, JobOptions options, RunLog log) {
    boolean own = !input.isPersisted();
    Inputs in = own ? input.persisted() : input;
    try {
      return compute(spark, in, options, log);
    } finally {
      if (own) {
        in.unpersist();
      }
    }
  }

  private static long compute(SparkSession spark, Inputs in, JobOptions options, RunLog log) {
    Settings s = options.settings();
    Warehouse wh = new Warehouse(spark, options.warehouse());
    String runId = log.runId();
    Dataset<Row> members =
        wh.require(Warehouse.NETWORKS, "detect")
            .filter(Runs.isRun(runId))
            .select("network_id", "account_id")
            .transform(Kept::keep);
    Dataset<Row> edges =
        wh.require(Warehouse.COORDINATION_EDGES, "detect").filter(Runs.isRun(runId));

    // Read several times: indicators, similarity, returns.
    Dataset<Row> uses =
        Indicators.assetUses(in.posts(), in.accounts(), in.hasAds() ? in.ads() : null)
            .transform(Kept::keep);
    Dataset<Row> indicators = null;
    if (in.hasTakedowns()) {
      Dataset<Row> derived = Indicators.fromTakedowns(uses, in.takedowns());
      wh.merge(
          Warehouse.KNOWN_INDICATORS, derived, List.of("campaign_id", "indicator_type", "value"));
    }
    Dataset<Row> imported = InputReader.knownIndicators(spark, options.input());
    if (imported != null) {
      // public indicator files converted by `import --format meta-indicators`
      wh.merge(
          Warehouse.KNOWN_INDICATORS, imported, List.of("campaign_id", "indicator_type", "value"));
    }
    if (wh.exists(Warehouse.KNOWN_INDICATORS)) {
      // Only what was known before the as-of date.
      indicators =
          wh.read(Warehouse.KNOWN_INDICATORS)
              .filter(
                  col("first_seen").isNull().or(col("first_seen").lt(lit(Date.valueOf(in.asOf())))))
              .filter(
                  not(
                      Reference.isAllowedHost(
                          UrlNormalizer.host(col("value")), Reference.allowedDomains(s))));
    }
    NetworkFeatures.Sources src =
        new NetworkFeatures.Sources(
            members,
            in.posts(),
            in.accounts(),
            in.hasAds() ? in.ads() : null,
            edges,
            Reference.countries(spark, s),
            Reference.fxRates(spark, s),
            Reference.spoofDomains(spark, s),
            Reference.outlets(spark, s),
            indicators,
            s.getInt(SettingKeys.PHOTO_MAX_ACCOUNTS),
            Reference.allowedDomains(s),
            wh.exists(Warehouse.BURSTS)
                ? wh.read(Warehouse.BURSTS).filter(Runs.isRun(runId))
                : null,
            s.getInt(SettingKeys.WINDOW_SECONDS),
            s.getInt(SettingKeys.HASHTAGS_MIN));
    // Both read several times by the plan (six feature groups; idf, campaign and network assets).
    Dataset<Row> memberPosts = NetworkFeatures.memberPosts(src).transform(Kept::keep);
    Dataset<Row> assets = uses.select("account_id", "asset");
    Dataset<Row> indicatorAssets = indicators == null ? null : Indicators.asAssets(indicators);
    Dataset<Row> features = NetworkFeatures.compute(src, memberPosts);
    Dataset<Row> similarity =
        CampaignSimilarity.nearest(members, assets, in.takedowns(), indicatorAssets);
    Dataset<Row> returns =
        indicatorAssets == null
            ? null
            : Returns.of(
                members, assets, indicatorAssets, in.hasTakedowns() ? in.takedowns() : null);
    // One row per network: kept, since the behavioural fingerprint needs every network's features
    // (standardising, centroids) and the plan behind them is the costliest part of the job.
    Dataset<Row> computed =
        features
            .join(similarity, "network_id", "left")
            .withColumn("campaign_similarity", coalesce(col("campaign_similarity"), lit(0.0)))
            .transform(
                d ->
                    returns == null
                        ? Returns.none(d)
                        : d.join(returns, Cols.seq("network_id"), "left"))
            .withColumn("return_share", coalesce(col("return_share"), lit(0.0)))
            .join(
                PersonaTraits.of(members, in.accounts(), in.posts()),
                Cols.seq("network_id"),
                "left")
            .transform(Kept::keep);
    try {
      Dataset<Row> behaviour =
          in.hasTakedowns() && !in.takedowns().isEmpty()
              ? CampaignSimilarity.nearestByBehaviour(
                  computed,
                  members,
                  in.takedowns(),
                  NetworkFeatures.FEATURES,
                  s.getDouble(SettingKeys.POSITIVE_SHARE))
              : null;
      Dataset<Row> out =
          (behaviour == null
                  ? computed
                      .withColumn("behaviour_nearest_campaign", lit(null).cast("string"))
                      .withColumn("behaviour_distance", lit(null).cast("double"))
                  : computed.join(behaviour, Cols.seq("network_id"), "left"))
              .withColumn("run_id", lit(runId))
              .withColumn("as_of", lit(Date.valueOf(in.asOf())));
      wh.replaceRun(Warehouse.NETWORK_FEATURES, out, runId);
    } finally {
      Kept.release(computed);
      Kept.release(memberPosts);
      Kept.release(uses);
    }
    long n = wh.read(Warehouse.NETWORK_FEATURES).filter(Runs.isRun(runId)).count();
    log.output(Warehouse.NETWORK_FEATURES, n);
    System.out.printf(
        "features: %d networks, %d features each%n", n, NetworkFeatures.FEATURES.size());
    Kept.release(members);
    return n;
  }
}
