package org.cibnet.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.job.ImportJob;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each public format converts into the input contract; bad rows are rejected, counts reconcile. */
@ExtendWith(SparkExtension.class)
class ImportJobTest {
  @TempDir Path dir;

  static Map<String, ImportJob.Counts> byDataset(List<ImportJob.Counts> counts) {
    Map<String, ImportJob.Counts> m = new HashMap<>();
    counts.forEach(
        c -> {
          assertThat(c.read())
              .as("%s reconciles", c.dataset())
              .isEqualTo(c.written() + c.rejected());
          m.put(c.dataset(), c);
        });
    return m;
  }

  @Test
  void fiveThirtyEightIraTweetsAuthorsAndTakedownDates(SparkSession spark) throws Exception {
    Path src = Files.createDirectories(dir.resolve("ira"));
    Files.writeString(
        src.resolve("ira_tweets_sample.csv"),
        String.join(
                "\n",
                "author_id,content,region,language,publish_date,harvested_date,following,followers,updates,post_type,retweet",
                "TEN_GOP,Vote! https://t.co/abc #MAGA #Election,United States,English,2016-11-06"
                    + " 10:00:00,x,1,2,3,,0",
                "Pamela_Moore13,Vote! https://t.co/def #maga,United States,English,2016-11-06"
                    + " 10:00:00,x,1,2,3,R,1",
                "Pamela_Moore13,no date here,United States,English,,x,1,2,3,,0")
            + "\n");
    Files.writeString(
        src.resolve("authors.csv"),
        String.join(
                "\n",
                "author_id,author,external_author_id,account_type,account_category,new_june_2018,congress_2017_id,in_congress_2017,in_congress_2018",
                "ten_gop,TEN_GOP,1,Right,RightTroll,0,1,1,1",
                "pamela_moore13,Pamela_Moore13,2,Right,RightTroll,1,2,0,1")
            + "\n");
    Path out = dir.resolve("out");
    Map<String, ImportJob.Counts> c =
        byDataset(
            ImportJob.importTo(spark, "fivethirtyeight-ira", src.toString(), out.toString(), 2004));
    assertThat(c.get("posts").written()).isEqualTo(2);
    assertThat(c.get("posts").rejected()).as("the row without a date").isEqualTo(1);
    Dataset<Row> posts = spark.read().parquet(out + "/posts");
    Row first = posts.filter("account_id = 'ten_gop'").first();
    assertThat(first.getList(first.fieldIndex("hashtags"))).containsExactly("maga", "election");
    assertThat(first.getList(first.fieldIndex("urls"))).containsExactly("https://t.co/abc");
    assertThat(first.<String>getAs("lang")).isEqualTo("en");
    Dataset<Row> rejects = spark.read().parquet(out + "/_rejects/posts");
    assertThat(rejects.first().<String>getAs("reason")).contains("created_at");
    List<Row> takedowns =
        spark.read().parquet(out + "/takedowns").orderBy("account_id").collectAsList();
    assertThat(takedowns).hasSize(2);
    assertThat(takedowns.get(0).getDate(takedowns.get(0).fieldIndex("takedown_date")).toString())
        .isEqualTo("2018-06-18");
    assertThat(takedowns.get(1).getDate(takedowns.get(1).fieldIndex("takedown_date")).toString())
        .isEqualTo("2017-11-01");
    assertThat(
            spark
                .read()
                .parquet(out + "/accounts")
                .select("persona")
                .as(Encoders.STRING())
                .collectAsList())
        .containsOnly("RightTroll");
  }

  @Test
  void coortweetSharesBecomeResharesOfTheObject(SparkSession spark) throws Exception {
    Path f = dir.resolve("coord.csv");
    Files.writeString(
        f,
        "\"object_id\",\"account_id\",\"content_id\",\"timestamp_share\"\n"
            + "\"o1\",\"a1\",\"c1\",1623881091\n\"o1\",\"a2\",\"c2\",1623881100\n");
    Map<String, ImportJob.Counts> c =
        byDataset(
            ImportJob.importTo(
                spark, "coortweet", f.toString(), dir.resolve("out").toString(), 2004));
    assertThat(c.get("posts").written()).isEqualTo(2);
    assertThat(c.get("accounts").written()).isEqualTo(2);
    Row p =
        spark.read().parquet(dir.resolve("out/posts").toString()).filter("post_id = 'c2'").first();
    assertThat(p.<String>getAs("reshare_of")).isEqualTo("o1");
    assertThat(p.getTimestamp(p.fieldIndex("created_at")).toInstant().getEpochSecond())
        .isEqualTo(1623881100L);
  }

  @Test
  void iraAdsReadMultiLineTextNaNullsThousandsDotsAndMissingCurrency(SparkSession spark)
      throws Exception {
    Path f = dir.resolve("ads.csv");
    Files.writeString(
        f,
        "document_name,ad_id,ad_text,ad_landing_page,ad_impressions,ad_clicks,ad_spend,currency,ad_creation_date,ad_end_date,location_country,ad_targeting_fulltext\n"
            + "(1)1.pdf,5,\"WHERE is your\n"
            + "VOICE?\",https://www.facebook.com/GovSpending/,21.093,201,3714.15,RUB,2016-06-15T03:39:52Z,NA,United"
            + " States,Placements: News Feed\n"
            + "(1)2.pdf,6,NA,https://www.facebook.com/GovSpending/,0,0,12.00,NA,2016-07-01T00:00:00Z,NA,United"
            + " States,Instagram Feed\n");
    Map<String, ImportJob.Counts> c =
        byDataset(
            ImportJob.importTo(
                spark, "ira-ads", f.toString(), dir.resolve("out").toString(), 2004));
    assertThat(c.get("ads").written()).isEqualTo(2);
    List<Row> ads =
        spark
            .read()
            .parquet(dir.resolve("out/ads").toString())
            .orderBy("start_date")
            .collectAsList();
    assertThat(ads.get(0).<Long>getAs("impressions")).isEqualTo(21093L);
    assertThat(ads.get(0).<String>getAs("ad_text")).isEqualTo("WHERE is your\nVOICE?");
    assertThat(ads.get(1).<String>getAs("currency"))
        .as("missing currency with a spend: RUB")
        .isEqualTo("RUB");
    assertThat(ads.get(1).<String>getAs("platform")).isEqualTo("instagram");
    assertThat(c.get("accounts").written()).as("one advertiser page").isEqualTo(1);
  }

  @Test
  void metaIndicatorsOfBothGenerationsAreRefanged(SparkSession spark) throws Exception {
    Path src = Files.createDirectories(dir.resolve("meta"));
    Files.writeString(
        src.resolve("2022_09_china_and_russia.csv"),
        "indicator_type,indicator_value,comment,ds\n"
            + "domain_name,Bild.pics,Germany-targeting CIB domain,2022-09-27\n");
    Files.writeString(
        src.resolve("Q2_2023_Q2_2023_Doppelganger.csv"),
        "Tactic ,Technique,Procedure,Indicator,Comments\n"
            + "0. Acquiring assets,0.6 Acquiring domains,0.6.2 x,artichoc[.]cc,\"Registration\n"
            + "date\"\n"
            + "0. Acquiring assets,0.9 Acquiring social media accounts,0.9.4"
            + " x,https://twitter[.]com/GarciaJasmyn1/,\n"
            + "0. Acquiring assets,0.1 accounts,0.1.1 x,\"7,704 Facebook accounts\",\n");
    Map<String, ImportJob.Counts> c =
        byDataset(
            ImportJob.importTo(
                spark, "meta-indicators", src.toString(), dir.resolve("out").toString(), 2004));
    List<Row> ind =
        spark
            .read()
            .parquet(dir.resolve("out/known_indicators").toString())
            .orderBy("value")
            .collectAsList();
    assertThat(ind)
        .extracting(r -> r.getString(r.fieldIndex("value")))
        .containsExactly("artichoc.cc", "bild.pics", "https://twitter.com/GarciaJasmyn1/");
    assertThat(ind)
        .extracting(r -> r.getString(r.fieldIndex("campaign_id")))
        .containsExactly(
            "meta:Q2_2023_Q2_2023_Doppelganger",
            "meta:2022_09_china_and_russia",
            "meta:Q2_2023_Q2_2023_Doppelganger");
    assertThat(ind.get(0).getDate(ind.get(0).fieldIndex("first_seen")).toString())
        .isEqualTo("2023-04-01");
    assertThat(c.get("known_indicators").written()).isEqualTo(3);
  }

  @Test
  void twitterIoArchiveRowsBecomePostsAndAccounts(SparkSession spark) throws Exception {
    Path f = dir.resolve("io.csv");
    Files.writeString(
        f,
        "tweetid,userid,user_display_name,user_screen_name,user_reported_location,user_profile_description,follower_count,following_count,account_creation_date,account_language,tweet_language,tweet_text,tweet_time,tweet_client_name,in_reply_to_tweetid,is_retweet,retweet_tweetid,like_count,retweet_count,reply_count,hashtags,urls\n"
            + "1,u1,A,a,Moscow,bio,10,5,2014-01-01,ru,en,\"RT hi\",2016-11-06"
            + " 10:00,Web,,True,99,0,0,0,\"[MAGA, vote]\",\"[https://x.org/a]\"\n"
            + "2,u1,A,a,Moscow,bio,11,5,2014-01-01,ru,en,hello,2016-11-06"
            + " 11:00,Web,,False,,1,0,0,[],[]\n");
    Map<String, ImportJob.Counts> c =
        byDataset(
            ImportJob.importTo(
                spark, "twitter-io", f.toString(), dir.resolve("out").toString(), 2004));
    assertThat(c.get("posts").written()).isEqualTo(2);
    assertThat(c.get("accounts").written()).isEqualTo(1);
    Row rt =
        spark.read().parquet(dir.resolve("out/posts").toString()).filter("post_id = '1'").first();
    assertThat(rt.<String>getAs("reshare_of")).isEqualTo("99");
    assertThat(rt.getList(rt.fieldIndex("hashtags"))).containsExactly("maga", "vote");
    Row u = spark.read().parquet(dir.resolve("out/accounts").toString()).first();
    assertThat(u.<Long>getAs("follower_count")).as("the latest snapshot").isEqualTo(11L);
  }
}
