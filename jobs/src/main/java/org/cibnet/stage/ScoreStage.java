package org.cibnet.stage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.features.Reference;
import org.cibnet.io.RunLog;
import org.cibnet.io.Runs;
import org.cibnet.io.Warehouse;
import org.cibnet.model.Flags;
import org.cibnet.model.LinearModel;
import org.cibnet.model.ModelStore;
import org.cibnet.model.Scoring;
import org.cibnet.model.ScoringModel;
import org.cibnet.quality.Pseudonymizer;
import org.cibnet.review.Reviews;
import org.cibnet.schema.Schemas;

/**
 * The score stage: every network of the newest detect run scored with the chosen model, out-of-fold
 * scores where the model was trained on the network, verdicts and allowlists applied, reasons and
 * the recidivism rule added; written to network_scores.
 */
public final class ScoreStage {
  private ScoreStage() {}

  public static long execute(SparkSession spark, JobOptions o, RunLog log) {
    Settings s = o.settings();
    Warehouse wh = new Warehouse(spark, o.warehouse());
    String runId = log.runId();
    Dataset<Row> features =
        wh.require(Warehouse.NETWORK_FEATURES, "features").filter(Runs.isRun(runId));
    Row first = features.select("as_of").limit(1).collectAsList().stream().findFirst().orElse(null);
    String asOf =
        first == null
            ? o.asOf().map(Object::toString).orElse("2004-01-01")
            : first.getDate(0).toString();
    ModelStore store = new ModelStore(spark, o.warehouse());
    ScoringModel model =
        store.choose(o.get("--model-version"), asOf).orElseGet(LinearModel::shippedDefault);

    Dataset<Row> oof =
        wh.exists(Warehouse.OOF_SCORES)
            ? wh.read(Warehouse.OOF_SCORES).filter(col("model_version").equalTo(model.version()))
            : null;
    Dataset<Row> members =
        wh.read(Warehouse.NETWORKS)
            .filter(Runs.isRun(runId))
            .groupBy("network_id")
            .agg(collect_list("account_id").as("members"));
    Dataset<Row> verdicts =
        wh.exists(Warehouse.NETWORK_REVIEWS)
            ? Reviews.latest(wh.read(Warehouse.NETWORK_REVIEWS), LocalDate.parse(asOf))
            : spark.createDataFrame(List.of(), Schemas.NETWORK_REVIEWS_SCHEMA);
    Dataset<Row> out =
        Scoring.score(
            features,
            model,
            oof,
            members,
            verdicts,
            Reference.countries(spark, s),
            new Scoring.Params(
                s.getInt(SettingKeys.TOP_REASONS),
                s.getDouble(SettingKeys.REFLAG_JACCARD),
                RuleSettings.flagRules(s),
                s.getDouble(SettingKeys.MAX_COMMERCIAL_SHARE),
                allowedAccounts(s, Pseudonymizer.of(o))));
    wh.merge(Warehouse.NETWORK_SCORES, out, List.of("network_id", "as_of"));
    Row counts =
        wh.read(Warehouse.NETWORK_SCORES)
            .filter(Runs.isRun(runId))
            .agg(
                count("*"),
                sum(when(col("flagged"), 1L).otherwise(0L)),
                sum(when(col("flagged").and(Flags.fired(Flags.PERSONA)), 1L).otherwise(0L)),
                sum(when(col("flagged").and(Flags.fired(Flags.RECIDIVISM)), 1L).otherwise(0L)))
            .first();
    long n = counts.getLong(0);
    long flagged = counts.isNullAt(1) ? 0 : counts.getLong(1);
    long personas = counts.isNullAt(2) ? 0 : counts.getLong(2);
    long returns = counts.isNullAt(3) ? 0 : counts.getLong(3);
    log.output(Warehouse.NETWORK_SCORES, n);
    log.output("flagged", flagged);
    System.out.printf(
        "score: %d networks scored with %s (threshold %.3f), %d flagged for review"
            + " (%d of them for persona traits, %d as likely returns of removed campaigns)%n",
        n, model.version(), model.threshold(), flagged, personas, returns);
    return n;
  }

  /** review.allow_accounts, as the ids the members carry (pseudonyms under --pseudonymize). */
  private static List<String> allowedAccounts(Settings s, Optional<Pseudonymizer> pseudonyms) {
    return Arrays.stream(s.get(SettingKeys.ALLOW_ACCOUNTS).split(","))
        .map(String::trim)
        .filter(x -> !x.isEmpty())
        .map(a -> pseudonyms.map(p -> p.accountId(a)).orElse(a))
        .toList();
  }
}
