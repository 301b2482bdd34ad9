package org.cibnet.features;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cibnet.testing.DatasetAssert.assertRows;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** review.allow_domains: a listed domain and its subdomains, never a look-alike of it. */
@ExtendWith(SparkExtension.class)
class AllowedDomainsTest {
  @Test
  void aListedDomainAndItsSubdomainsAreAllowedButNotLookalikes(SparkSession spark) {
    Settings s = Settings.defaults().with(SettingKeys.ALLOW_DOMAINS, " Example.org, www.gov.uk ,");
    List<String> allowed = Reference.allowedDomains(s);
    assertThat(allowed).containsExactly("example.org", "gov.uk");
    Dataset<Row> hosts =
        spark
            .createDataset(
                List.of(
                    "example.org",
                    "news.example.org",
                    "badexample.org",
                    "gov.uk",
                    "gov.uk.example.net"),
                Encoders.STRING())
            .toDF("host");
    assertRows(
        hosts.withColumn("allowed", Reference.isAllowedHost(col("host"), allowed)),
        Arrays.asList(
            List.of("example.org", true),
            List.of("news.example.org", true),
            List.of("badexample.org", false),
            List.of("gov.uk", true),
            List.of("gov.uk.example.net", false)),
        "host",
        "allowed");
    assertThat(Reference.allowedDomains(Settings.defaults())).isEmpty();
  }
}
