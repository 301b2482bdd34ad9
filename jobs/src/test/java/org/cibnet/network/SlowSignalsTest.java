package org.cibnet.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Setting;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Coordination at the time scale of people: slow waves (the same uncommon objects minutes apart,
 * against chance) and amplification (boosting each other's posts), each alone.
 */
@ExtendWith(SparkExtension.class)
class SlowSignalsTest {
  private static final long T0 = 1654077600L; // 2022-06-01 10:00 UTC

  private static Settings only(Setting... on) {
    Settings s = Settings.defaults();
    for (Setting signal :
        List.of(
            SettingKeys.COLINK,
            SettingKeys.CORESHARE,
            SettingKeys.COREPLY,
            SettingKeys.COTEXT,
            SettingKeys.NEARTEXT,
            SettingKeys.HASHTAGS,
            SettingKeys.PHOTO,
            SettingKeys.PERSONA,
            SettingKeys.PAYER,
            SettingKeys.SYNC,
            SettingKeys.SLOW,
            SettingKeys.AMPLIFY)) {
      s = s.with(signal, List.of(on).contains(signal));
    }
    return s;
  }

  /** Posts from a SQL select over spark.range(n), every column of the posts contract. */
  private static Dataset<Row> posts(SparkSession spark, long n, String... columns) {
    return spark
        .range(n)
        .selectExpr(columns)
        .selectExpr(
            "post_id",
            "account_id",
            "'twitter' as platform",
            "timestamp_seconds(ts) as created_at",
            "cast(null as string) as text",
            "cast(null as string) as lang",
            "urls",
            "cast(null as array<string>) as hashtags",
            "reshare_of",
            "cast(null as string) as reply_to",
            "0L as like_count",
            "0L as share_count",
            "0L as comment_count");
  }

  private static Dataset<Row> edges(SparkSession spark, Dataset<Row> posts, Settings s) {
    return CoordinationGraph.detect(posts, CoordinationSignalsTest.accounts(spark, "x"), null, s)
        .edges();
  }

  @Test
  void operatorsPostingTheSameUncommonLinksMinutesApartArePairedOrganicSharersAreNot(
      SparkSession spark) {
    // Three operators work down a list of six links, each 5 to 15 minutes after the previous one:
    // never within the 60-second co-action window, always within the slow window.
    Dataset<Row> operators =
        posts(
            spark,
            18,
            "concat('op-post', id) as post_id",
            "concat('op', id % 3) as account_id",
            "1654077600L + (id div 3) * 7200 + (id % 3) * (300 + 150 * (id % 3)) as ts",
            "array(concat('https://task.example/item', id div 3)) as urls",
            "cast(null as string) as reshare_of");
    // 150 organic accounts each share 4 of 40 links at random hours over two weeks.
    Dataset<Row> organic =
        posts(
            spark,
            600,
            "concat('org-post', id) as post_id",
            "concat('org', id % 150) as account_id",
            "1654077600L + cast(pmod(xxhash64(id, 7), 1209600) as long) as ts",
            "array(concat('https://news.example/story', pmod(xxhash64(id, 11), 40))) as urls",
            "cast(null as string) as reshare_of");

    Dataset<Row> e = edges(spark, operators.unionByName(organic), only(SettingKeys.SLOW));

    assertThat(
            e.filter("signal = 'slow_wave'")
                .selectExpr("account_a", "account_b")
                .orderBy("account_a", "account_b")
                .collectAsList())
        .extracting(r -> r.getString(0) + "-" + r.getString(1))
        .as("the three operators, pair by pair, and nobody else")
        .containsExactly("op0-op1", "op0-op2", "op1-op2");
  }

  @Test
  void aRingBoostingItsOwnPostsIsLinkedAnInfluencersHundredThousandResharersAreNot(
      SparkSession spark) {
    // Four accounts each post four times and reshare every post of the other three an hour later.
    Dataset<Row> ringPosts =
        posts(
            spark,
            16,
            "concat('ring-post', id) as post_id",
            "concat('ring', id % 4) as account_id",
            "1654077600L + id * 86400 as ts",
            "cast(null as array<string>) as urls",
            "cast(null as string) as reshare_of");
    Dataset<Row> ringBoosts =
        posts(
            spark,
            16 * 3,
            "concat('ring-boost', id) as post_id",
            "concat('ring', (id div 16 + 1 + id % 4) % 4) as account_id",
            "1654077600L + (id % 16) * 86400 + 3600 as ts",
            "cast(null as array<string>) as urls",
            "concat('ring-post', id % 16) as reshare_of");
    // An influencer posts five times; 100,000 accounts reshare one of them each, and one fan all.
    Dataset<Row> influencer =
        posts(
            spark,
            5,
            "concat('star-post', id) as post_id",
            "'star' as account_id",
            "1654077600L + id * 86400 as ts",
            "cast(null as array<string>) as urls",
            "cast(null as string) as reshare_of");
    Dataset<Row> audience =
        posts(
            spark,
            100_000,
            "concat('fan-boost', id) as post_id",
            "concat('fan', id) as account_id",
            "1654077600L + (id % 5) * 86400 + 60 + id % 3000 as ts",
            "cast(null as array<string>) as urls",
            "concat('star-post', id % 5) as reshare_of");
    Dataset<Row> superfan =
        posts(
            spark,
            5,
            "concat('superfan-boost', id) as post_id",
            "'superfan' as account_id",
            "1654077600L + id * 86400 + 30 as ts",
            "cast(null as array<string>) as urls",
            "concat('star-post', id) as reshare_of");

    Dataset<Row> e =
        edges(
                spark,
                ringPosts
                    .unionByName(ringBoosts)
                    .unionByName(influencer)
                    .unionByName(audience)
                    .unionByName(superfan),
                only(SettingKeys.AMPLIFY))
            .filter("signal = 'amplification'");

    assertThat(e.filter("account_a like 'ring%' and account_b like 'ring%'").count())
        .as("every pair of the ring")
        .isEqualTo(6);
    assertThat(e.count())
        .as(
            "no pair among the resharers, none with the influencer, even for the one who boosts"
                + " every post: an audience is not a ring")
        .isEqualTo(6);
  }

  @Test
  void amplificationAloneBlocksNothingAndSaysSo(SparkSession spark) {
    // Amplification pairs authors with their amplifiers directly, without blocking keys: with no
    // other signal on, detect has no burst and no pair considered, as empty tables rather than
    // none (bench and detect print and write both). Two accounts reshare each other's posts.
    Dataset<Row> originals =
        posts(
            spark,
            6,
            "concat('orig', id) as post_id",
            "concat('ring', id % 2) as account_id",
            "1654077600L + id * 600 as ts",
            "cast(null as array<string>) as urls",
            "cast(null as string) as reshare_of");
    Dataset<Row> boosts =
        posts(
            spark,
            6,
            "concat('boost', id) as post_id",
            "concat('ring', (id + 1) % 2) as account_id",
            "1654077600L + id * 600 + 60 as ts",
            "cast(null as array<string>) as urls",
            "concat('orig', id) as reshare_of");
    CoordinationGraph.Detection d =
        CoordinationGraph.detect(
            originals.unionByName(boosts),
            CoordinationSignalsTest.accounts(spark, "x"),
            null,
            only(SettingKeys.AMPLIFY));

    assertThat(d.bursts().count()).as("bursts").isZero();
    assertThat(d.bursts().columns())
        .containsExactly("signal", "object", "window_start", "n_accounts", "n_actions");
    assertThat(d.considered().count()).as("pairs considered").isZero();
    assertThat(d.considered().columns()).containsExactly("signal", "pairs_considered");
    assertThat(d.edges().select("signal", "account_a", "account_b").collectAsList())
        .extracting(Row::toString)
        .containsExactly("[amplification,ring0,ring1]");
  }
}
