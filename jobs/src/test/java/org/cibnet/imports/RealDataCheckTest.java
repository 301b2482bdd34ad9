package org.cibnet.imports;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cibnet.config.Settings;
import org.cibnet.features.CampaignSimilarity;
import org.cibnet.features.Indicators;
import org.cibnet.features.Returns;
import org.cibnet.job.ImportJob;
import org.cibnet.network.CoordinationGraph;
import org.cibnet.network.Networks;
import org.cibnet.schema.Schemas;
import org.cibnet.spark.Cols;
import org.cibnet.testing.RowBuilder;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * cibnet on real operations (../shared/data-real, not in the repository; skipped when absent): the
 * IRA election-week tweets through detect, the IRA ads' money, and Meta's indicators of the
 * September 2022 China/Russia takedown naming that takedown. Walk-through: docs/real-data.md.
 */
@ExtendWith(SparkExtension.class)
class RealDataCheckTest {
  static final Path REAL =
      Path.of(System.getenv().getOrDefault("CIBNET_SHARED", "../shared"), "data-real");
  @TempDir Path dir;

  static Path real(String file) {
    Path p = REAL.resolve(file);
    assumeTrue(
        Files.exists(p),
        "real-data check skipped: " + p + " is absent (see ../shared/data-real/README.md)");
    return p;
  }

  @Test
  void iraElectionWeekAccountsFallIntoCoordinationNetworks(SparkSession spark) {
    Path sample = real("ira-tweets-538/ira_tweets_2016-11-06_2016-11-09_sample.csv");
    String out = dir.resolve("ira").toString();
    ImportJob.importTo(spark, "fivethirtyeight-ira", sample.toString(), out, 2004);
    Dataset<Row> posts = spark.read().parquet(out + "/posts").persist();
    Dataset<Row> accounts = spark.read().parquet(out + "/accounts");
    CoordinationGraph.Detection d =
        CoordinationGraph.detect(posts, accounts, null, Settings.defaults());
    Dataset<Row> edges = d.edges().persist();
    Dataset<Row> members = Networks.membership(edges, 3, 10);
    Dataset<Row> active =
        posts
            .select("account_id")
            .distinct()
            .join(accounts.select("account_id", "persona"), "account_id");
    long nActive = active.count();
    // read three times below: the networks are found once
    Dataset<Row> inNetworks =
        members.select("account_id", "network_key").join(active, "account_id").persist();
    long nIn = inNetworks.count();
    System.out.printf(
        "IRA election week: %d posts, %d active accounts, %d in %d networks%n",
        posts.count(), nActive, nIn, inNetworks.select("network_key").distinct().count());
    active
        .join(
            inNetworks.select("account_id").withColumn("in_network", lit(1)),
            Cols.seq("account_id"),
            "left")
        .groupBy("persona")
        .agg(count("*").as("active"), count("in_network").as("in_networks"))
        .orderBy(col("active").desc())
        .show(false);
    edges
        .groupBy("signal")
        .agg(count("*").as("edges"), sum("support").as("shared_objects"))
        .orderBy(col("edges").desc())
        .show(false);
    assertThat(nIn).as("IRA accounts in coordination networks").isGreaterThan(nActive / 4);
    assertThat(edges.filter(col("signal").isin("co_text", "near_text", "hashtag_set")).count())
        .as("copy-paste and retweeted text tie the accounts")
        .isPositive();
  }

  @Test
  void iraAdsArePaidInRublesForUsAudiences(SparkSession spark) {
    Path ads = real("ira-facebook-ads/ira_facebook_ads_2015-2017.csv");
    String out = dir.resolve("ads").toString();
    List<ImportJob.Counts> counts = ImportJob.importTo(spark, "ira-ads", ads.toString(), out, 2004);
    counts.forEach(c -> System.out.println(c));
    Dataset<Row> rows = spark.read().parquet(out + "/ads");
    rows.groupBy(date_format(col("start_date"), "yyyy-MM").as("month"), col("currency"))
        .agg(count("*").as("ads"), sum("spend").as("spend"))
        .orderBy("month", "currency")
        .show(40, false);
    Row rub = rows.filter("currency = 'RUB'").agg(sum("spend"), count("*")).first();
    double rubSpend = rub.getDecimal(0).doubleValue();
    System.out.printf("RUB spend %.0f over %d ads%n", rubSpend, rub.getLong(1));
    assertThat(rubSpend).as("about 5.35 million RUB in all (SOURCE.md)").isBetween(5.0e6, 5.7e6);
    long usTargeted =
        rows.filter("currency = 'RUB' and array_contains(target_countries, 'US')").count();
    assertThat(usTargeted).as("rubles paying for US audiences").isGreaterThan(rub.getLong(1) / 2);
  }

  @Test
  void aNetworkLinkingToTheSeptember2022DomainsIsNearestToThatTakedown(SparkSession spark)
      throws Exception {
    Path file =
        real(
            "meta-cib-indicators/2022_09_removing_coordinated_inauthentic_behavior_from_china_and_russia.csv");
    String out = dir.resolve("meta").toString();
    ImportJob.importTo(spark, "meta-indicators", file.toString(), out, 2004);
    Dataset<Row> indicators = spark.read().parquet(out + "/known_indicators");
    List<String> domains =
        indicators
            .filter("indicator_type = 'domain'")
            .orderBy("value")
            .select("value")
            .as(Encoders.STRING())
            .collectAsList();
    assertThat(domains).contains("bild.pics");
    Dataset<Row> posts =
        RowBuilder.frame(
            spark,
            RowBuilder.post("p1")
                .set("account_id", "a1")
                .urls("https://" + domains.get(0) + "/story"),
            RowBuilder.post("p2").set("account_id", "a2").urls("https://bild.pics/2022/krieg"),
            RowBuilder.post("p3").set("account_id", "a3").urls("https://bild.pics/2022/gas"),
            RowBuilder.post("p4").set("account_id", "b1").urls("https://example.org/recipes"));
    Dataset<Row> accounts =
        RowBuilder.frame(
            spark,
            RowBuilder.account("a1"),
            RowBuilder.account("a2"),
            RowBuilder.account("a3"),
            RowBuilder.account("b1"));
    Dataset<Row> members =
        spark.createDataFrame(
            List.of(
                RowFactory.create("net-1", "a1"), RowFactory.create("net-1", "a2"),
                RowFactory.create("net-1", "a3"), RowFactory.create("net-2", "b1")),
            new StructType().add("network_id", "string").add("account_id", "string"));
    Dataset<Row> takedowns = RowBuilder.frame(spark, Schemas.TAKEDOWNS_SCHEMA, List.of());
    Dataset<Row> assets = Indicators.assetUses(posts, accounts, null).select("account_id", "asset");
    Dataset<Row> indicatorAssets = Indicators.asAssets(indicators);
    List<Row> nearest =
        CampaignSimilarity.nearest(members, assets, takedowns, indicatorAssets).collectAsList();
    // Meta's published domains alone make the network a likely return of that campaign
    List<Row> returns = Returns.of(members, assets, indicatorAssets, takedowns).collectAsList();
    assertThat(returns).hasSize(1);
    assertThat(returns.get(0).<Double>getAs("return_share")).isEqualTo(1.0);
    assertThat(nearest).hasSize(1);
    Row n = nearest.get(0);
    assertThat(n.<String>getAs("network_id")).isEqualTo("net-1");
    assertThat(n.<String>getAs("nearest_campaign"))
        .isEqualTo("meta:2022_09_removing_coordinated_inauthentic_behavior_from_china_and_russia");
    assertThat(n.getList(n.fieldIndex("shared_assets"))).contains("domain:bild.pics");
    System.out.println("nearest: " + n);
  }
}
