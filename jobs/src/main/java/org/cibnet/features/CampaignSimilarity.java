package org.cibnet.features;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.schema.Schemas.Takedown;
import org.cibnet.spark.Cols;

/**
 * Similarity of each network to each previously removed campaign, from the assets they hold ({@link
 * Indicators#assetUses}: linked domains, hashtags, profile photos, websites, ad payers and landing
 * pages), plus the campaign's known indicators. Each asset counts by its rarity (idf), and
 * similarity is the share of the network's asset weight that the campaign also holds. The network's
 * own campaign (the one most of its accounts were removed with) is never its nearest.
 */
public final class CampaignSimilarity {
  private CampaignSimilarity() {}

  /** network_id, own_campaign: the campaign most of the network's removed accounts belong to. */
  public static Dataset<Row> ownCampaign(Dataset<Row> members, Dataset<Row> takedowns) {
    return members
        .join(takedowns.select(Takedown.ACCOUNT_ID, Takedown.CAMPAIGN_ID).distinct(), "account_id")
        .groupBy("network_id", Takedown.CAMPAIGN_ID)
        .agg(count("*").as("k"))
        .withColumn(
            "r", expr("row_number() over (partition by network_id order by k desc, campaign_id)"))
        .filter("r = 1")
        .select(col("network_id"), col(Takedown.CAMPAIGN_ID).as("own_campaign"));
  }

  /**
   * network_id, nearest_campaign, campaign_similarity in [0,1], shared_assets (a few examples).
   * Networks sharing nothing with any removed campaign get similarity 0 and no campaign.
   */
  public static Dataset<Row> nearest(
      Dataset<Row> members,
      Dataset<Row> assets,
      Dataset<Row> takedowns,
      Dataset<Row> indicatorAssets) {
    long accounts = Math.max(1, assets.select("account_id").distinct().count());
    Dataset<Row> idf =
        assets
            .groupBy("asset")
            .agg(count("*").as("df"))
            .withColumn("idf", log(lit((double) accounts + 1).divide(col("df"))));
    Dataset<Row> campaignAssets =
        assets
            .join(takedowns.select(Takedown.ACCOUNT_ID, Takedown.CAMPAIGN_ID), "account_id")
            .select(Takedown.CAMPAIGN_ID, "asset");
    if (indicatorAssets != null) {
      campaignAssets = campaignAssets.union(indicatorAssets.select(Takedown.CAMPAIGN_ID, "asset"));
    }
    campaignAssets = campaignAssets.distinct();
    Dataset<Row> networkAssets =
        members
            .select("network_id", "account_id")
            .join(assets, "account_id")
            .select("network_id", "asset")
            .distinct()
            .join(idf, "asset");
    Dataset<Row> totals = networkAssets.groupBy("network_id").agg(sum("idf").as("total"));
    Dataset<Row> own = ownCampaign(members, takedowns);
    Dataset<Row> shared =
        networkAssets
            .join(campaignAssets, "asset")
            .join(own, "network_id", "left")
            .filter(
                col("own_campaign")
                    .isNull()
                    .or(col(Takedown.CAMPAIGN_ID).notEqual(col("own_campaign"))))
            .groupBy("network_id", Takedown.CAMPAIGN_ID)
            .agg(
                sum("idf").as("w"),
                expr("slice(array_sort(collect_list(asset)), 1, 5)").as("shared_assets"))
            .join(totals, "network_id")
            .withColumn("sim", expr("least(1.0, w / greatest(total, 1e-9))"));
    return shared
        .withColumn(
            "r", expr("row_number() over (partition by network_id order by sim desc, campaign_id)"))
        .filter("r = 1")
        .select(
            col("network_id"),
            col(Takedown.CAMPAIGN_ID).as("nearest_campaign"),
            col("sim").as("campaign_similarity"),
            col("shared_assets"));
  }

  /**
   * The behavioural side of a campaign's fingerprint: the centroid of the standardised feature
   * vectors of the networks mostly (positiveShare) made of its removed accounts. Per network, the
   * nearest such campaign other than its own and the root-mean-square distance to it over the
   * features (0: behaves like that campaign; about 1.4: like an unrelated network). This catches a
   * campaign that returns with new domains and photos but the same way of working. Output:
   * network_id, behaviour_nearest_campaign, behaviour_distance.
   */
  public static Dataset<Row> nearestByBehaviour(
      Dataset<Row> features,
      Dataset<Row> members,
      Dataset<Row> takedowns,
      List<String> names,
      double positiveShare) {
    List<Column> stats = new ArrayList<>();
    for (String f : names) {
      stats.add(avg(col(f)).as("m_" + f));
      stats.add(stddev_pop(col(f)).as("s_" + f));
    }
    Row st =
        features.agg(stats.get(0), stats.subList(1, stats.size()).toArray(Column[]::new)).first();
    List<Column> z = new ArrayList<>();
    z.add(col("network_id"));
    for (String f : names) {
      double m = st.isNullAt(st.fieldIndex("m_" + f)) ? 0 : st.getDouble(st.fieldIndex("m_" + f));
      double sd = st.isNullAt(st.fieldIndex("s_" + f)) ? 0 : st.getDouble(st.fieldIndex("s_" + f));
      // a feature constant over the run says nothing: it contributes 0 everywhere
      z.add(sd < 1e-12 ? lit(0.0).as("z_" + f) : col(f).minus(m).divide(sd).as("z_" + f));
    }
    Dataset<Row> zs = features.select(z.toArray(Column[]::new));
    Dataset<Row> sizes = members.groupBy("network_id").agg(count("*").as("n"));
    Dataset<Row> campaignNetworks =
        members
            .join(
                takedowns.select(Takedown.ACCOUNT_ID, Takedown.CAMPAIGN_ID).distinct(),
                "account_id")
            .groupBy("network_id", Takedown.CAMPAIGN_ID)
            .agg(count("*").as("k"))
            .join(sizes, "network_id")
            .filter(col("k").geq(col("n").multiply(positiveShare)))
            .select("network_id", Takedown.CAMPAIGN_ID);
    List<Column> centre = new ArrayList<>();
    for (String f : names) {
      centre.add(avg(col("z_" + f)).as("c_" + f));
    }
    Dataset<Row> centroids =
        zs.join(campaignNetworks, "network_id")
            .groupBy(Takedown.CAMPAIGN_ID)
            .agg(centre.get(0), centre.subList(1, centre.size()).toArray(Column[]::new));
    Column squares = lit(0.0);
    for (String f : names) {
      squares = squares.plus(pow(col("z_" + f).minus(col("c_" + f)), 2));
    }
    return zs.crossJoin(broadcast(centroids))
        .join(ownCampaign(members, takedowns), Cols.seq("network_id"), "left")
        .filter(
            col("own_campaign")
                .isNull()
                .or(col(Takedown.CAMPAIGN_ID).notEqual(col("own_campaign"))))
        .withColumn("d", sqrt(squares.divide(names.size())))
        .withColumn(
            "r", expr("row_number() over (partition by network_id order by d, campaign_id)"))
        .filter("r = 1")
        .select(
            col("network_id"),
            col(Takedown.CAMPAIGN_ID).as("behaviour_nearest_campaign"),
            col("d").as("behaviour_distance"));
  }
}
