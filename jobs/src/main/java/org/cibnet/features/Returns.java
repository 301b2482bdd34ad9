package org.cibnet.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.schema.Schemas.Takedown;
import org.cibnet.spark.Cols;

/**
 * Recidivism: a network whose accounts hold the indicators of a removed campaign (its sites,
 * photos, payers) is likely that campaign coming back. Kept apart from the classifier: it is
 * evidence from the labels, read by a rule of its own and shown in its own columns and reason.
 */
public final class Returns {
  private Returns() {}

  /** The columns of {@link #of}, empty: when no campaign has indicators. */
  public static Dataset<Row> none(Dataset<Row> networks) {
    return networks
        .withColumn("return_campaign", lit(null).cast("string"))
        .withColumn("return_share", lit(0.0))
        .withColumn("return_indicator_count", lit(0L))
        .withColumn("return_indicators", lit(null).cast("array<string>"));
  }

  /**
   * network_id, return_campaign, return_share (share of the network's accounts that hold one of its
   * indicators), return_indicator_count, return_indicators (up to five): per network, the removed
   * campaign other than its own whose indicators most of its accounts hold (ties to more
   * indicators, then the campaign id). Networks holding none get no row.
   *
   * @param assets account_id, asset (as {@link Indicators#assetUses})
   * @param indicators campaign_id, asset (as {@link Indicators#asAssets})
   */
  public static Dataset<Row> of(
      Dataset<Row> members, Dataset<Row> assets, Dataset<Row> indicators, Dataset<Row> takedowns) {
    Dataset<Row> sizes = members.groupBy("network_id").agg(count("*").as("n"));
    Dataset<Row> held =
        members
            .select("network_id", "account_id")
            .join(assets.select("account_id", "asset"), "account_id")
            .join(indicators.select(Takedown.CAMPAIGN_ID, "asset"), "asset");
    if (takedowns != null) {
      held =
          held.join(
                  CampaignSimilarity.ownCampaign(members, takedowns),
                  Cols.seq("network_id"),
                  "left")
              .filter(
                  col("own_campaign")
                      .isNull()
                      .or(col(Takedown.CAMPAIGN_ID).notEqual(col("own_campaign"))));
    }
    return held.groupBy("network_id", Takedown.CAMPAIGN_ID)
        .agg(
            countDistinct("account_id").as("holders"),
            countDistinct("asset").as("return_indicator_count"),
            slice(sort_array(collect_set("asset")), 1, 5).as("return_indicators"))
        .join(sizes, "network_id")
        .withColumn("return_share", col("holders").divide(col("n")))
        .withColumn(
            "r",
            expr(
                "row_number() over (partition by network_id"
                    + " order by return_share desc, return_indicator_count desc, campaign_id)"))
        .filter("r = 1")
        .select(
            col("network_id"),
            col(Takedown.CAMPAIGN_ID).as("return_campaign"),
            col("return_share"),
            col("return_indicator_count"),
            col("return_indicators"));
  }
}
