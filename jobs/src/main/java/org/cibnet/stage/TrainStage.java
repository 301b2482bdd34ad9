package org.cibnet.stage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.features.NetworkFeatures;
import org.cibnet.features.PersonaTraits;
import org.cibnet.io.Inputs;
import org.cibnet.io.RunLog;
import org.cibnet.io.Runs;
import org.cibnet.io.Warehouse;
import org.cibnet.model.Flags;
import org.cibnet.model.Labels;
import org.cibnet.model.LinearModel;
import org.cibnet.model.Metrics;
import org.cibnet.model.ModelStore;
import org.cibnet.model.PositiveUnlabelled;
import org.cibnet.model.Trainer;
import org.cibnet.network.Fingerprint;
import org.cibnet.review.Reviews;
import org.cibnet.schema.Schemas;
import org.cibnet.spark.Kept;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The train stage: labels from takedowns and verdicts, the classifier trained with
 * leave-campaign-out folds, the model saved with its metadata, out-of-fold scores and metrics.
 */
public final class TrainStage {
  private TrainStage() {}

  /** Whether the input's labels can train a model (two campaigns, both classes). */
  public static boolean trainable(SparkSession spark, Inputs in, JobOptions o, String runId) {
    return labelled(spark, in, o, runId) != null;
  }

  /**
   * Labels of the run's networks: takedowns dated before the as-of date, plus analyst verdicts
   * given on scores up to it (confirmed = positive of its own campaign, benign = negative).
   */
  private static Dataset<Row> labelled(SparkSession spark, Inputs in, JobOptions o, String runId) {
    Warehouse wh = new Warehouse(spark, o.warehouse());
    Dataset<Row> verdicts =
        wh.exists(Warehouse.NETWORK_REVIEWS)
            ? Reviews.latest(wh.read(Warehouse.NETWORK_REVIEWS), in.asOf())
            : null;
    if (!in.hasTakedowns() && verdicts == null) {
      return null;
    }
    Dataset<Row> members = Runs.ofRun(wh.require(Warehouse.NETWORKS, "detect"), runId);
    return Labels.forTraining(
        members, in.takedowns(), verdicts, o.settings().getDouble(SettingKeys.POSITIVE_SHARE));
  }

  public static String execute(SparkSession spark, Inputs in, JobOptions o, RunLog log) {
    Settings s = o.settings();
    Warehouse wh = new Warehouse(spark, o.warehouse());
    String runId = log.runId();
    Dataset<Row> labels = labelled(spark, in, o, runId);
    if (labels == null) {
      throw Errors.noLabels(in.asOf().toString());
    }
    labels = labels.transform(Kept::keep);
    List<String> campaigns =
        labels
            .filter(col("label").equalTo(1.0))
            .select("campaign_id")
            .distinct()
            .orderBy("campaign_id")
            .as(Encoders.STRING())
            .collectAsList();
    int folds = Math.max(2, Math.min(s.getInt(SettingKeys.FOLDS), campaigns.size()));
    Dataset<Row> features =
        wh.require(Warehouse.NETWORK_FEATURES, "features").filter(Runs.isRun(runId));
    // Kept: the trainer reads the labelled networks many times, and each read would join the
    // labels with the feature table again.
    Dataset<Row> data =
        Labels.withFolds(labels, campaigns, folds)
            .join(features, "network_id")
            .withColumn(
                Flags.ELIGIBLE, Flags.eligible(s.getDouble(SettingKeys.MAX_COMMERCIAL_SHARE)))
            .transform(PersonaTraits::orNone)
            .withColumn(
                PositiveUnlabelled.PERSONA_EVIDENCE,
                Flags.personaFires(RuleSettings.flagRules(s)).and(col(Flags.ELIGIBLE)))
            .transform(Kept::keep);
    log.input("labelled_networks", data.count());

    Trainer.Result r =
        Trainer.train(
            data,
            NetworkFeatures.DIRECTIONS,
            NetworkFeatures.EXPLANATIONS,
            new Trainer.Params(
                folds,
                s.getLong(SettingKeys.TRAIN_SEED),
                s.getInt(SettingKeys.GBT_MAX_ITER),
                s.getInt(SettingKeys.GBT_MAX_DEPTH),
                s.getDouble(SettingKeys.TARGET_PRECISION),
                s.getDouble(SettingKeys.MAX_NEGATIVE_FLAG_RATE),
                s.getDouble(SettingKeys.MAX_THRESHOLD),
                s.getBoolean(SettingKeys.TRAIN_TREES),
                s.getDouble(SettingKeys.PU_SPY_QUANTILE),
                s.getDouble(SettingKeys.PU_MAX_LIKELY_SHARE),
                s.getDouble(SettingKeys.LOGISTIC_REG),
                s.getDouble(SettingKeys.EVIDENCE_FLOOR)));
    String fingerprint = Fingerprint.ofLabels(labels);
    String version = o.get("--model-version").orElse("model-" + in.asOf() + "-" + fingerprint);
    ModelStore store = new ModelStore(spark, o.warehouse());
    Map<String, Object> metrics = new LinkedHashMap<>(r.chosen().asMap());
    r.families().forEach((name, m) -> metrics.put(name, m.asMap()));
    Map<String, Long> roles = roleCounts(r);
    metrics.put("networks_by_role", roles);
    Map<String, Double> coefficients = new LinkedHashMap<>();
    for (int i = 0; i < r.linear().features().size(); i++) {
      coefficients.put(r.linear().features().get(i), r.linear().coefficients().get(i));
    }
    // log-odds per standard deviation of each feature: what the logistic model learned, with signs
    metrics.put("logistic_coefficients", coefficients);
    store.save(
        r.model(),
        new ModelStore.Metadata(
            version,
            r.kind(),
            NetworkFeatures.FEATURES,
            r.chosen().threshold(),
            in.asOf().toString(),
            runId,
            fingerprint,
            r.importances(),
            metrics,
            r.params()));

    wh.replaceWhere(
        Warehouse.OOF_SCORES,
        r.outOfFold().withColumn("model_version", lit(version)).withColumn("run_id", lit(runId)),
        "model_version = '" + version + "'");
    wh.replaceWhere(
        Warehouse.MODEL_METRICS,
        metricsRows(spark, version, in.asOf().toString(), r),
        "model_version = '" + version + "'");
    o.get("--export-default")
        .ifPresent(path -> exportDefault(store, r, path, in.asOf() + "-" + fingerprint));
    print(version, r, campaigns.size(), roles);
    log.output("models/" + version, 1);
    Kept.release(data);
    Kept.release(labels);
    return version;
  }

  private static void exportDefault(
      ModelStore store, Trainer.Result r, String path, String trainedOn) {
    LinearModel.Spec l = r.linear();
    LinearModel.Spec spec =
        new LinearModel.Spec(
            "default-linear-" + trainedOn,
            l.features(),
            l.means(),
            l.stds(),
            l.coefficients(),
            l.intercept(),
            l.threshold(),
            null,
            r.baseline().asMap(),
            l.references());
    try {
      store.writeJson(path, spec);
      System.out.println("default model written to " + path);
    } catch (IOException e) {
      throw Errors.cannotWrite("the default model", String.valueOf(path), e);
    }
  }

  private static Dataset<Row> metricsRows(
      SparkSession spark, String version, String asOf, Trainer.Result r) {
    List<Row> rows = new ArrayList<>();
    for (var e : r.families().entrySet()) {
      Metrics.Summary m = e.getValue();
      List<Row> curve = new ArrayList<>();
      for (double[] p : m.prCurve()) {
        curve.add(RowFactory.create(p[0], p[1], p[2]));
      }
      rows.add(
          RowFactory.create(
              version,
              asOf,
              e.getKey(),
              m.prAuc(),
              m.rocAuc(),
              m.threshold(),
              m.precision(),
              m.recall(),
              m.positives(),
              m.negatives(),
              CollectionConverters.asScala(m.campaignRecall()),
              curve));
    }
    return spark.createDataFrame(rows, Schemas.MODEL_METRICS_SCHEMA);
  }

  /**
   * Networks per PU role, and those of each role the kept model flags out of fold (keys "flagged_"
   * + role): how many unlabelled networks score like the removed campaigns.
   */
  public static Map<String, Long> roleCounts(Trainer.Result r) {
    Map<String, Long> m = new TreeMap<>();
    double t = r.chosen().threshold();
    for (Row row :
        r.outOfFold()
            .groupBy(col(PositiveUnlabelled.ROLE))
            .agg(count("*"), sum(when(col("score").geq(t), 1L).otherwise(0L)))
            .collectAsList()) {
      m.put(row.getString(0), row.getLong(1));
      m.put("flagged_" + row.getString(0), row.getLong(2));
    }
    return m;
  }

  private static void print(
      String version, Trainer.Result r, int campaigns, Map<String, Long> roles) {
    System.out.printf(
        "train: model %s on %d positive networks (%d campaigns) against %d negatives;"
            + " %d unlabelled networks that score like the campaigns or show inauthentic personas"
            + " were not used as negatives%n",
        version,
        r.baseline().positives(),
        campaigns,
        r.baseline().negatives(),
        roles.getOrDefault(PositiveUnlabelled.LIKELY_POSITIVE, 0L));
    System.out.println(
        "  every figure is leave-campaign-out: what to expect on a campaign the model has never"
            + " seen");
    for (var e : r.families().entrySet()) {
      Metrics.Summary m = e.getValue();
      System.out.printf(
          "  %-18s PR-AUC %.3f  ROC-AUC %.3f  threshold %.3f (campaign bootstrap 10-90%%:"
              + " %.3f-%.3f)  precision %.2f  recall %.2f  (recall at precision 0.95: %.2f)%n",
          e.getKey(),
          m.prAuc(),
          m.rocAuc(),
          m.threshold(),
          m.thresholdInterval()[0],
          m.thresholdInterval()[1],
          m.precision(),
          m.recall(),
          m.recallAtPrecision(0.95));
    }
    System.out.println(
        "  kept: " + r.kind() + "; " + campaignRecallLine(r.chosen().campaignRecall()));
    long unlabelled =
        roles.getOrDefault(PositiveUnlabelled.LIKELY_POSITIVE, 0L)
            + roles.getOrDefault(PositiveUnlabelled.RELIABLE_NEGATIVE, 0L);
    long flagged =
        roles.getOrDefault("flagged_" + PositiveUnlabelled.LIKELY_POSITIVE, 0L)
            + roles.getOrDefault("flagged_" + PositiveUnlabelled.RELIABLE_NEGATIVE, 0L);
    System.out.printf(
        "  unlabelled networks above the threshold (out of fold): %d of %d; they are"
            + " either operations nobody removed yet or false alarms, and only a review can tell%n",
        flagged, unlabelled);
  }

  /**
   * Out-of-fold recall per campaign, readable at any number of campaigns: all of them when few,
   * else how many were found and the first missed ones (the full map is in the metadata).
   */
  public static String campaignRecallLine(Map<String, Double> recall) {
    if (recall.size() <= 12) {
      return "recall per campaign (out of fold): " + recall;
    }
    List<String> missed =
        recall.entrySet().stream()
            .filter(e -> e.getValue() == 0.0)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    long found = recall.values().stream().filter(v -> v > 0.0).count();
    return String.format(
        "held-out campaigns with a network above the threshold: %d of %d; missed: %s%s",
        found,
        recall.size(),
        String.join(", ", missed.subList(0, Math.min(10, missed.size()))),
        missed.size() > 10
            ? " and " + (missed.size() - 10) + " more (all in the model's metadata.json)"
            : "");
  }
}
