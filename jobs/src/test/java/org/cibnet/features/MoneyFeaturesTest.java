package org.cibnet.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cibnet.config.Settings;
import org.cibnet.testing.RowBuilder;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spend in USD by date-valid FX rates; a currency without a rate counts for no spend. */
@ExtendWith(SparkExtension.class)
class MoneyFeaturesTest {
  @Test
  void spendWithoutAnFxRateIsLeftOutOfUsdFeatures(SparkSession spark) {
    Dataset<Row> members =
        spark.createDataFrame(
            List.of(RowFactory.create("n1", "a1"), RowFactory.create("n1", "a2")),
            new StructType().add("network_id", "string").add("account_id", "string"));
    Dataset<Row> accounts =
        RowBuilder.frame(
            spark,
            RowBuilder.account("a1").set("kind", "page").set("declared_country", "US"),
            RowBuilder.account("a2").set("kind", "page").set("declared_country", "US"));
    Dataset<Row> ads =
        RowBuilder.frame(
            spark,
            RowBuilder.ad("usd")
                .set("account_id", "a1")
                .set("spend", "99.00")
                .set("currency", "USD")
                .set("target_countries", new String[] {"US"})
                .set("funding_entity", "Acme"),
            RowBuilder.ad("none")
                .set("account_id", "a2")
                .set("spend", "5000.00")
                .set("currency", "XXX")
                .set("target_countries", new String[] {"US"}));
    Settings s = Settings.defaults();
    NetworkFeatures.Sources src =
        new NetworkFeatures.Sources(
            members,
            null,
            accounts,
            ads,
            null,
            Reference.countries(spark, s),
            Reference.fxRates(spark, s),
            null,
            null,
            null,
            25,
            List.of(),
            null,
            60,
            3);
    Row r = NetworkFeatures.money(NetworkFeatures.memberAccounts(src), src).first();
    assertThat(r.<Double>getAs("ad_spend_usd_log"))
        .as("only the 99 USD: XXX has no rate")
        .isCloseTo(Math.log10(100), within(1e-9));
    assertThat(r.<Double>getAs("foreign_currency_spend_share")).isZero();
    assertThat(r.<Double>getAs("missing_funder_share"))
        .as("the XXX ad still counts for its payer")
        .isEqualTo(0.5);
  }
}
