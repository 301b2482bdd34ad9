package org.cibnet.quality;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.schema.Schemas;
import org.cibnet.testing.RowBuilder;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import scala.collection.Seq;

@ExtendWith(SparkExtension.class)
class ValidationTest {
  static final Timestamp RUN = Timestamp.from(Instant.parse("2023-01-01T00:00:00Z"));

  /** Adds the source-file columns the reader would, numbering rows in order. */
  static Dataset<Row> sourced(Dataset<Row> rows) {
    return rows.withColumn(Schemas.SOURCE_FILE, lit("f.parquet"))
        .withColumn(Schemas.ROW_INDEX, monotonically_increasing_id());
  }

  static Map<String, String> reasons(Validation.Outcome o) {
    return o.rejected().collectAsList().stream()
        .collect(
            Collectors.toMap(
                r -> r.getAs("row_key") + "#" + r.getAs("row_index"),
                r -> (String) r.getAs("reason"),
                (a, b) -> a + " || " + b));
  }

  static Validation.Outcome validate(SparkSession spark, String ds, RowBuilder... rows) {
    return Validation.validate(sourced(RowBuilder.frame(spark, rows)), ds, RUN, 2004);
  }

  @Test
  void rejectsPostsMissingRequiredFieldsOrOutOfTimeBounds(SparkSession spark) {
    Validation.Outcome o =
        validate(
            spark,
            Schemas.POSTS,
            RowBuilder.post("ok"),
            RowBuilder.post("noaccount").set("account_id", null),
            RowBuilder.post("blankplatform").set("platform", " "),
            RowBuilder.post("notime").set("created_at", null),
            RowBuilder.post("old").at("2003-12-31T23:59:59Z"),
            RowBuilder.post("future").at("2024-01-01T00:00:00Z"),
            RowBuilder.post("neg").set("like_count", -1L),
            RowBuilder.post(null));
    assertThat(o.accepted().select("post_id").as(Encoders.STRING()).collectAsList())
        .containsExactly("ok");
    List<String> reasons = o.rejected().select("reason").as(Encoders.STRING()).collectAsList();
    assertThat(reasons)
        .containsExactlyInAnyOrder(
            "missing account_id",
            "missing platform",
            "missing created_at",
            "created_at before 2004",
            "created_at after the run started",
            "negative like_count",
            "missing post_id");
    assertThat(o.rejected().first().<String>getAs("row"))
        .as("original row kept as JSON")
        .contains("\"post_id\"");
  }

  @Test
  void keepsTheFirstDuplicateByFileAndPositionAndRejectsTheRest(SparkSession spark) {
    Validation.Outcome o =
        validate(
            spark,
            Schemas.POSTS,
            RowBuilder.post("p1").set("text", "first"),
            RowBuilder.post("p1").set("text", "second"),
            RowBuilder.post("p2"));
    assertThat(o.accepted().orderBy("post_id").select("text").collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("first", null);
    assertThat(o.rejected().select("reason").first().getString(0)).startsWith("duplicate post_id");
  }

  @Test
  void lowerCasesHashtagsAndPlatformsInsteadOfRejecting(SparkSession spark) {
    Validation.Outcome o =
        validate(
            spark,
            Schemas.POSTS,
            RowBuilder.post("p1")
                .set("platform", "Twitter")
                .set("hashtags", new String[] {"#Ukraine", "NATO"}));
    Row r = o.accepted().first();
    assertThat(r.<String>getAs("platform")).isEqualTo("twitter");
    assertThat(r.<Seq<String>>getAs("hashtags").mkString(",")).isEqualTo("ukraine,nato");
  }

  @Test
  void removesMalformedUrlsAndRecordsEachAsItsOwnReject(SparkSession spark) {
    Validation.Outcome posts =
        validate(
            spark,
            Schemas.POSTS,
            RowBuilder.post("p1")
                .urls("https://spiegel.ltd/a?utm_source=x", "not a url", "bild.pics/x"));
    Validation.Outcome split = Validation.splitMalformedUrls(posts.accepted());
    assertThat(split.accepted().first().<Seq<String>>getAs("urls").size()).isEqualTo(2);
    Row bad = split.rejected().first();
    assertThat(split.rejected().count()).isEqualTo(1);
    assertThat(bad.<String>getAs("reason")).isEqualTo("malformed url removed from post p1");
    assertThat(bad.<String>getAs("row")).contains("not a url");
  }

  @Test
  void rejectsAccountsWithUnknownKindOrNonIsoCountry(SparkSession spark) {
    Validation.Outcome o =
        validate(
            spark,
            Schemas.ACCOUNTS,
            RowBuilder.account("ok")
                .set("declared_country", "US")
                .set("admin_countries", new String[] {"RU"}),
            RowBuilder.account("bot").set("kind", "robot"),
            RowBuilder.account("usa").set("declared_country", "USA"),
            RowBuilder.account("admins").set("admin_countries", new String[] {"RU", "Russia"}),
            RowBuilder.account("gender").set("name_gender", "female"),
            RowBuilder.account("neg").set("follower_count", -5L));
    assertThat(o.accepted().count()).isEqualTo(1);
    assertThat(reasons(o).values())
        .containsExactlyInAnyOrder(
            "kind is not one of user/page/group",
            "declared_country is not an ISO 3166-1 alpha-2 code",
            "admin_countries holds a code that is not ISO 3166-1 alpha-2",
            "name_gender is not one of f/m/u",
            "negative follower_count");
  }

  @Test
  void rejectsAdsWithNegativeSpendOrUnknownCurrency(SparkSession spark) {
    Validation.Outcome o =
        validate(
            spark,
            Schemas.ADS,
            RowBuilder.ad("ok")
                .set("currency", " rub")
                .set("target_countries", new String[] {"US"}),
            RowBuilder.ad("neg").set("spend", "-1.00"),
            RowBuilder.ad("cur").set("currency", "RUBLES"),
            RowBuilder.ad("nospend").set("spend", null),
            RowBuilder.ad("dates").set("end_date", "2022-05-01"));
    assertThat(o.accepted().count()).isEqualTo(1);
    assertThat(reasons(o).values())
        .containsExactlyInAnyOrder(
            "negative spend", "currency is not an ISO 4217 code",
            "missing spend (or not a decimal(18,2))", "end_date before start_date");
    assertThat(o.accepted().first().<String>getAs("currency"))
        .as("case and spaces repaired, as hashtags are")
        .isEqualTo("RUB");
  }

  @Test
  void rejectsTakedownsWithoutCampaignAndKeepsOneRowPerAccountAndCampaign(SparkSession spark) {
    Validation.Outcome o =
        validate(
            spark,
            Schemas.TAKEDOWNS,
            RowBuilder.takedown("a1", "c1"),
            RowBuilder.takedown("a1", "c2"),
            RowBuilder.takedown("a1", "c1"),
            RowBuilder.takedown("a2", null),
            RowBuilder.takedown("a3", "c1").set("origin_country", "Russia"));
    assertThat(o.accepted().count()).isEqualTo(2);
    assertThat(o.rejected().count()).isEqualTo(3);
  }
}
