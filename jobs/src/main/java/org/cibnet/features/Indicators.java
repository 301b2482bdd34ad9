package org.cibnet.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.network.UrlNormalizer;
import org.cibnet.schema.Schemas.Account;
import org.cibnet.schema.Schemas.Ad;
import org.cibnet.schema.Schemas.Post;
import org.cibnet.schema.Schemas.Takedown;
import org.cibnet.spark.Cols;

/**
 * Indicators of removed campaigns: the assets (linked and advertised domains, profile photos, ad
 * payers) their accounts held and few others did, as known_indicators rows; and the assets every
 * account holds, as "type:value" strings both sides are compared on.
 */
public final class Indicators {
  private Indicators() {}

  /** Asset types an indicator can be. Hashtags are shared by whole topics, so they are none. */
  public static final String DOMAIN = "domain";

  public static final String PHOTO = "photo";
  public static final String PAYER = "payer";

  /** A funder's name as payers are compared: lower case, single spaces. */
  public static Column payerName(Column funder) {
    return lower(trim(regexp_replace(funder, "\\s+", " ")));
  }

  /**
   * account_id, asset ("type:value"), first_used (date): every asset an account holds and when it
   * first used it. Domains it linked in posts (date of the first post), of its profile website and
   * of its ads' landing pages; its profile photo and its ads' payers (the account's creation date,
   * the first ad's start). Hashtags too (tag:), for similarity; they are never indicators.
   */
  public static Dataset<Row> assetUses(
      Dataset<Row> posts, Dataset<Row> accounts, Dataset<Row> ads) {
    Dataset<Row> linked =
        posts
            .filter(col(Post.URLS).isNotNull())
            .select(
                col(Post.ACCOUNT_ID).as("account_id"),
                to_date(col(Post.CREATED_AT)).as("used"),
                explode(col(Post.URLS)).as("u"))
            .select(
                col("account_id"),
                concat(lit(DOMAIN + ":"), UrlNormalizer.host(col("u"))).as("asset"),
                col("used"));
    Dataset<Row> tags =
        posts
            .filter(col(Post.HASHTAGS).isNotNull())
            .select(
                col(Post.ACCOUNT_ID).as("account_id"),
                to_date(col(Post.CREATED_AT)).as("used"),
                explode(col(Post.HASHTAGS)).as("tag"))
            .select(col("account_id"), concat(lit("tag:"), col("tag")).as("asset"), col("used"));
    Column created = to_date(col(Account.CREATED_AT));
    Dataset<Row> photos =
        accounts
            .filter(col(Account.PROFILE_IMAGE_HASH).isNotNull())
            .select(
                col(Account.ACCOUNT_ID),
                concat(lit(PHOTO + ":"), col(Account.PROFILE_IMAGE_HASH).cast("string"))
                    .as("asset"),
                created.as("used"));
    Dataset<Row> sites =
        accounts
            .filter(col(Account.WEBSITE).isNotNull())
            .select(
                col(Account.ACCOUNT_ID),
                concat(lit(DOMAIN + ":"), UrlNormalizer.host(col(Account.WEBSITE))).as("asset"),
                created.as("used"));
    Dataset<Row> all = linked.union(tags).union(photos).union(sites);
    if (ads != null) {
      all =
          all.union(
                  ads.filter(col(Ad.FUNDING_ENTITY).isNotNull())
                      .select(
                          col(Ad.ACCOUNT_ID),
                          concat(lit(PAYER + ":"), payerName(col(Ad.FUNDING_ENTITY))).as("asset"),
                          col(Ad.START_DATE).as("used")))
              .union(
                  ads.filter(col(Ad.AD_URLS).isNotNull())
                      .select(
                          col(Ad.ACCOUNT_ID).as("account_id"),
                          col(Ad.START_DATE).as("used"),
                          explode(col(Ad.AD_URLS)).as("u"))
                      .select(
                          col("account_id"),
                          concat(lit(DOMAIN + ":"), UrlNormalizer.host(col("u"))).as("asset"),
                          col("used")));
    }
    return all.filter(expr("asset is not null and asset not like '%:'"))
        .groupBy("account_id", "asset")
        .agg(min("used").as("first_used"));
  }

  /**
   * known_indicators rows derived from takedowns: an asset is an indicator of a removed campaign
   * when at least two of its removed accounts held it and they were at least half of the accounts
   * that had used it before the campaign's takedown (so youtube.com is none, and a later return of
   * the campaign, posting the same site again, does not dilute its own indicator). It is known from
   * the takedown on: first_seen is the takedown date, so a run as of an earlier date never reads
   * it. Output: campaign_id, indicator_type, value, first_seen, source.
   */
  public static Dataset<Row> fromTakedowns(Dataset<Row> uses, Dataset<Row> takedowns) {
    Dataset<Row> removed =
        takedowns
            .groupBy(Takedown.ACCOUNT_ID, Takedown.CAMPAIGN_ID)
            .agg(min(Takedown.TAKEDOWN_DATE).as("taken_down"));
    Dataset<Row> candidateUses =
        uses.filter(
            col("asset")
                .startsWith(DOMAIN + ":")
                .or(col("asset").startsWith(PHOTO + ":"))
                .or(col("asset").startsWith(PAYER + ":")));
    Dataset<Row> byCampaign =
        candidateUses
            .join(removed, "account_id")
            .groupBy(col(Takedown.CAMPAIGN_ID), col("asset"))
            .agg(countDistinct("account_id").as("n_removed"), min("taken_down").as("taken_down"));
    Dataset<Row> holdersBefore =
        candidateUses
            .join(byCampaign.select("campaign_id", "asset", "taken_down"), "asset")
            .filter(col("first_used").lt(col("taken_down")))
            .groupBy(Takedown.CAMPAIGN_ID, "asset")
            .agg(countDistinct("account_id").as("n_before"));
    return byCampaign
        .join(holdersBefore, Cols.seq(Takedown.CAMPAIGN_ID, "asset"))
        .filter(col("n_removed").geq(2).and(col("n_removed").multiply(2).geq(col("n_before"))))
        .select(
            col(Takedown.CAMPAIGN_ID),
            expr("substring_index(asset, ':', 1)").as("indicator_type"),
            expr("substring(asset, length(substring_index(asset, ':', 1)) + 2)").as("value"),
            col("taken_down").as("first_seen"),
            lit("takedowns").as("source"));
  }

  /**
   * campaign_id, asset: known indicators (derived or imported) as assets. Domains and URLs become
   * their host; photos and payers keep their value; other types (handles, ...) are left out.
   */
  public static Dataset<Row> asAssets(Dataset<Row> knownIndicators) {
    Column type = col("indicator_type");
    Column asset =
        when(
                type.isin("domain", "url"),
                concat(lit(DOMAIN + ":"), UrlNormalizer.host(col("value"))))
            .when(type.equalTo(PHOTO), concat(lit(PHOTO + ":"), col("value")))
            .when(type.equalTo(PAYER), concat(lit(PAYER + ":"), payerName(col("value"))));
    return knownIndicators
        .select(col(Takedown.CAMPAIGN_ID), asset.as("asset"))
        .filter(expr("asset is not null and asset not like '%:'"))
        .distinct();
  }
}
