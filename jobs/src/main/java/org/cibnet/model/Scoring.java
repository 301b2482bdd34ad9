package org.cibnet.model;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.features.LikelyOrigin;
import org.cibnet.review.Reviews;
import org.cibnet.spark.Cols;

/**
 * The network_scores rows of one run: the classifier's score (out of fold for every network the
 * model was trained on), the persona and recidivism rules, the reasons in words, the likely origin,
 * analysts' verdicts and allowlists, and the flag with the evidence that raised it.
 */
public final class Scoring {
  private Scoring() {}

  /** Reasons per network, reflag overlap of reviews, the rules, allowlisted accounts. */
  public record Params(
      int topReasons,
      double reflagJaccard,
      Flags.Rules rules,
      double maxCommercialShare,
      List<String> allowAccounts) {}

  /**
   * @param features the run's network_features rows
   * @param outOfFold the model's oof_scores (network_id, score), or null
   * @param members network_id, members (array of account ids)
   * @param verdicts the verdicts in force (Reviews.latest)
   * @param countries the reference countries (for the likely origin)
   */
  public static Dataset<Row> score(
      Dataset<Row> features,
      ScoringModel model,
      Dataset<Row> outOfFold,
      Dataset<Row> members,
      Dataset<Row> verdicts,
      Dataset<Row> countries,
      Params p) {
    Dataset<Row> scored = model.score(features);
    if (outOfFold != null) {
      // Networks the model was trained on keep the score of the fold model that never saw them.
      scored =
          scored
              .join(
                  outOfFold.select(col("network_id"), col("score").as("oof_score")),
                  Cols.seq("network_id"),
                  "left")
              .withColumn("score", coalesce(col("oof_score"), col("score")))
              .withColumn("scored_out_of_fold", col("oof_score").isNotNull())
              .drop("oof_score");
    } else {
      scored = scored.withColumn("scored_out_of_fold", lit(false));
    }
    return Reasons.withReasons(scored, model.importances(), p.topReasons())
        .transform(d -> LikelyOrigin.withLikelyOrigin(d, countries))
        .join(members, "network_id")
        .transform(d -> Reviews.withVerdicts(d, verdicts, p.reflagJaccard()))
        .withColumn("allowlisted", allowlisted(p.allowAccounts()))
        .withColumn(Flags.ELIGIBLE, Flags.eligible(p.maxCommercialShare()))
        .transform(d -> Flags.withFlags(d, model.threshold(), p.rules()))
        .transform(d -> Reasons.withPersonaReason(d, p.topReasons()))
        .transform(d -> Reasons.withReturnReason(d, p.topReasons()))
        .transform(d -> Reasons.withCommercialReason(d, p.topReasons(), model.threshold()))
        .withColumn(
            "top_reasons",
            when(col("suppressed"), concat(array(Reviews.suppressionReason()), col("top_reasons")))
                .otherwise(col("top_reasons")))
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
            col("reviewed_by"),
            col("coordination_score"),
            col("flag_evidence"),
            col("persona_traits"),
            col("return_campaign"),
            col("return_share"),
            col("return_indicators"));
  }

  /** Networks with an allowlisted member are never flagged (review.allow_accounts). */
  private static Column allowlisted(List<String> accounts) {
    Column any = lit(false);
    for (String a : accounts) {
      any = any.or(array_contains(col("members"), a));
    }
    return any;
  }
}
