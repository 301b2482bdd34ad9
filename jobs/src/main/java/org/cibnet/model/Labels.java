package org.cibnet.model;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.review.Reviews;

/**
 * Training labels of networks. Positive: at least `positiveShare` of the network's accounts were
 * removed in takedowns dated before the as-of date (its campaign is the one most of them belong
 * to). Negative: none of its accounts were removed. That is "unlabelled", not proven benign, and
 * the docs say so. Networks in between are left out of training.
 */
public final class Labels {
  private Labels() {}

  /**
   * network_id, label (1.0 positive, 0.0 unlabelled), campaign_id (positives; "neg" otherwise),
   * removed_share, verified_negative (false: only an analyst's benign verdict verifies one).
   */
  public static Dataset<Row> of(
      Dataset<Row> members, Dataset<Row> takedowns, double positiveShare) {
    Dataset<Row> removed =
        takedowns.select("account_id", "campaign_id").dropDuplicates("account_id");
    Dataset<Row> perCampaign =
        members
            .join(removed, "account_id")
            .groupBy("network_id", "campaign_id")
            .agg(count("*").as("k"))
            .withColumn(
                "r",
                expr("row_number() over (partition by network_id order by k desc, campaign_id)"))
            .withColumn("removed", expr("sum(k) over (partition by network_id)"))
            .filter("r = 1")
            .select("network_id", "campaign_id", "removed");
    return members
        .groupBy("network_id")
        .agg(count("*").as("n"))
        .join(perCampaign, "network_id", "left")
        .withColumn("removed_share", expr("coalesce(removed, 0) / n"))
        .withColumn(
            "label",
            when(col("removed_share").geq(positiveShare), 1.0)
                .when(col("removed_share").equalTo(0.0), 0.0))
        .filter(col("label").isNotNull())
        .select(
            col("network_id"),
            col("label"),
            when(col("label").equalTo(1.0), col("campaign_id"))
                .otherwise(lit("neg"))
                .as("campaign_id"),
            col("removed_share"),
            lit(false).as("verified_negative"));
  }

  /**
   * The labels a model trains on: takedowns (account_id, campaign_id) plus analysts' latest
   * verdicts (confirmed = positive of its own campaign, benign = verified negative; null when there
   * are none). Null when they cannot train a model: fewer than two campaigns or no negative.
   */
  public static Dataset<Row> forTraining(
      Dataset<Row> members, Dataset<Row> takedowns, Dataset<Row> verdicts, double positiveShare) {
    Dataset<Row> removed = takedowns.select("account_id", "campaign_id");
    if (verdicts != null) {
      removed = removed.unionByName(Reviews.confirmedAsTakedowns(verdicts));
    }
    Dataset<Row> labels = of(members, removed, positiveShare);
    if (verdicts != null) {
      labels = Reviews.withBenignNegatives(labels, verdicts, members);
    }
    long campaigns =
        labels.filter(col("label").equalTo(1.0)).select("campaign_id").distinct().count();
    long negatives = labels.filter(col("label").equalTo(0.0)).count();
    return campaigns >= 2 && negatives >= 1 ? labels : null;
  }

  /**
   * Leave-campaign-out folds: all networks of one campaign share a fold, so a model is never tested
   * on a campaign it saw; negatives are spread over folds by a hash of their id.
   */
  public static Dataset<Row> withFolds(Dataset<Row> labels, List<String> campaigns, int folds) {
    StringBuilder cases = new StringBuilder("case");
    for (int i = 0; i < campaigns.size(); i++) {
      cases
          .append(" when campaign_id = '")
          .append(campaigns.get(i).replace("'", "''"))
          .append("' then ")
          .append(i % folds);
    }
    cases.append(" end");
    return labels.withColumn(
        "fold",
        when(col("label").equalTo(1.0), expr(cases.toString()))
            .otherwise(pmod(abs(xxhash64(col("network_id"))), lit(folds)).cast("int")));
  }
}
