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

/** The persona and content parts of network_features, on one network of four accounts. */
@ExtendWith(SparkExtension.class)
class PersonaContentFeaturesTest {
  private static final String FIRST_POST = "2022-06-01T12:00:00Z";

  private static RowBuilder member(
      String id, String handle, String created, String country, String name, String photo) {
    return RowBuilder.account(id)
        .set("handle", handle)
        .set("declared_country", country)
        .set("name_gender", name)
        .set("photo_gender", photo)
        .set("profile_image_hash", (long) id.hashCode())
        .at(created);
  }

  private static NetworkFeatures.Sources sources(SparkSession spark) {
    Dataset<Row> members =
        spark.createDataFrame(
            List.of(
                RowFactory.create("n1", "a1"),
                RowFactory.create("n1", "a2"),
                RowFactory.create("n1", "a3"),
                RowFactory.create("n1", "a4")),
            new StructType().add("network_id", "string").add("account_id", "string"));
    Dataset<Row> accounts =
        RowBuilder.frame(
            spark,
            // made in one week of May 2022, three of them posing from the US
            member("a1", "anna1985", "2022-05-01T10:00:00Z", "US", "f", "m"),
            member("a2", "bob_smith", "2022-05-03T10:00:00Z", "US", "m", "m"),
            member("a3", "carl2001", "2022-05-05T10:00:00Z", "US", "m", null),
            // an old account with the platform's default avatar (three accounts share it)
            member("a4", "dana", "2020-01-01T10:00:00Z", "DE", "f", "f")
                .set("profile_image_hash", 99L),
            member("x1", "x", "2019-01-01T10:00:00Z", "DE", null, null)
                .set("profile_image_hash", 99L),
            member("x2", "y", "2019-01-01T10:00:00Z", "DE", null, null)
                .set("profile_image_hash", 99L));
    Dataset<Row> posts =
        RowBuilder.frame(
            spark,
            RowBuilder.post("p1")
                .set("account_id", "a1")
                .set("text", "Vote for the bill today, friends, it matters")
                .set("lang", "en")
                .set("hashtags", new String[] {"#vote"})
                .at(FIRST_POST),
            RowBuilder.post("p2")
                .set("account_id", "a2")
                .set("text", "Vote for the bill today, friends, it matters")
                .set("lang", "en")
                .set("hashtags", new String[] {"#vote"})
                .at(FIRST_POST),
            RowBuilder.post("p3")
                .set("account_id", "a3")
                .set("text", "Buy now: the best price on watches")
                .set("lang", "en")
                .set("hashtags", new String[] {"#deal"})
                .at(FIRST_POST),
            RowBuilder.post("p4")
                .set("account_id", "a4")
                .set("text", "Ein ganz anderer Text über das Wetter in Berlin")
                .set("lang", "de")
                .at(FIRST_POST));
    // a1 and a2 wear one photo (a shared_photo edge)
    Dataset<Row> edges =
        spark.createDataFrame(
            List.of(RowFactory.create("shared_photo", "a1", "a2")),
            new StructType()
                .add("signal", "string")
                .add("account_a", "string")
                .add("account_b", "string"));
    Settings s = Settings.defaults();
    return new NetworkFeatures.Sources(
        members,
        posts,
        accounts,
        null,
        edges,
        Reference.countries(spark, s),
        Reference.fxRates(spark, s),
        null,
        null,
        null,
        2,
        List.of(),
        null,
        60,
        3);
  }

  @Test
  void personaSharesAgesAndCreationBursts(SparkSession spark) {
    NetworkFeatures.Sources src = sources(spark);
    Row r =
        NetworkFeatures.persona(
                NetworkFeatures.memberAccounts(src), NetworkFeatures.memberPosts(src), src)
            .first();
    assertThat(value(r, "gender_mismatch_share"))
        .as("a1 of the three whose name and photo genders are both known")
        .isCloseTo(1.0 / 3, within(1e-9));
    assertThat(value(r, "digits_handle_share")).as("anna1985, carl2001").isEqualTo(0.5);
    assertThat(value(r, "default_avatar_share"))
        .as("a4's photo is on more than 2 accounts")
        .isEqualTo(0.25);
    assertThat(value(r, "photo_reuse_share")).as("a1 and a2").isEqualTo(0.5);
    assertThat(value(r, "mirrored_persona_share")).isZero();
    assertThat(value(r, "creation_burst_share"))
        .as("three of four made within seven days")
        .isEqualTo(0.75);
    assertThat(value(r, "creation_entropy")).as("four days, one each").isEqualTo(2.0);
    assertThat(value(r, "declared_country_hhi")).as("0.75^2 + 0.25^2").isEqualTo(0.625);
    assertThat(value(r, "median_account_age_days"))
        .as("days to the first post: 27, 29, 31, 882")
        .isEqualTo(29.0);
  }

  @Test
  void contentDuplicatesLanguagesSellingAndHashtags(SparkSession spark) {
    NetworkFeatures.Sources src = sources(spark);
    Row r = NetworkFeatures.content(NetworkFeatures.memberPosts(src)).first();
    assertThat(value(r, "near_duplicate_share")).as("p1 and p2").isEqualTo(0.5);
    assertThat(value(r, "distinct_text_ratio")).as("three texts in four posts").isEqualTo(0.75);
    assertThat(value(r, "lang_mismatch_share"))
        .as("each post in its declared country's language")
        .isZero();
    assertThat(value(r, "commercial_share")).as("'buy now', 'best price'").isEqualTo(0.25);
    assertThat(value(r, "hashtag_hhi"))
        .as("#vote twice, #deal once")
        .isCloseTo(5.0 / 9, within(1e-9));
  }

  /** A feature as a double: the parts leave some as decimals or longs; compute casts them. */
  private static double value(Row r, String feature) {
    return ((Number) r.getAs(feature)).doubleValue();
  }
}
