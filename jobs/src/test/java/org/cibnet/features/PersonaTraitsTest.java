package org.cibnet.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cibnet.schema.Schemas;
import org.cibnet.testing.RowBuilder;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Persona traits stand out against the accounts outside every network, never against labels. */
@ExtendWith(SparkExtension.class)
class PersonaTraitsTest {
  private static final Instant FIRST_POST = Instant.parse("2022-06-01T12:00:00Z");

  /** An account `ageDays` old at its first post, with a handle and the two genders given. */
  private static RowBuilder account(
      String id, String handle, int ageDays, String nameGender, String photoGender) {
    return RowBuilder.account(id)
        .set("handle", handle)
        .set("name_gender", nameGender)
        .set("photo_gender", photoGender)
        .at(FIRST_POST.minus(ageDays, ChronoUnit.DAYS).toString());
  }

  @Test
  void traitsStandOutAgainstTheUnlinkedAccountsOfTheSameData(SparkSession spark) {
    List<RowBuilder> accounts = new ArrayList<>();
    List<RowBuilder> posts = new ArrayList<>();
    // Twenty accounts in no network: ages 100, 200, ..., 2000 days; two handles end in digits; one
    // name and photo disagree; two say nothing about gender.
    for (int i = 1; i <= 20; i++) {
      String handle = i <= 2 ? "reader" + (1000 + i) : "reader_" + (char) ('a' + i);
      String photo = i == 3 ? "m" : "f";
      accounts.add(account("u" + i, handle, 100 * i, i > 18 ? null : "f", photo));
    }
    // n-fake: four fresh accounts with digit handles, names and photos that agree.
    for (int i = 1; i <= 4; i++) {
      accounts.add(account("fake" + i, "patriot" + (4200 + i), 30, "f", "f"));
    }
    // n-fans: four old accounts, one digit handle.
    for (int i = 1; i <= 4; i++) {
      accounts.add(account("fan" + i, i == 1 ? "fan2001" : "fan_" + i, 1500, "m", "m"));
    }
    // n-pair: two fresh digit accounts, too few to show anything.
    for (int i = 1; i <= 2; i++) {
      accounts.add(account("pair" + i, "pair" + (9000 + i), 10, "m", "f"));
    }
    for (RowBuilder a : accounts) {
      String id = a.build().getString(Schemas.ACCOUNTS_SCHEMA.fieldIndex("account_id"));
      posts.add(RowBuilder.post("p-" + id).set("account_id", id).at(FIRST_POST.toString()));
      posts.add(
          RowBuilder.post("q-" + id)
              .set("account_id", id)
              .at(FIRST_POST.plus(3, ChronoUnit.DAYS).toString()));
    }
    List<Row> memberRows = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      memberRows.add(RowFactory.create("n-fake", "fake" + i));
      memberRows.add(RowFactory.create("n-fans", "fan" + i));
    }
    memberRows.add(RowFactory.create("n-pair", "pair1"));
    memberRows.add(RowFactory.create("n-pair", "pair2"));
    Dataset<Row> members =
        spark.createDataFrame(
            memberRows, new StructType().add("network_id", "string").add("account_id", "string"));

    Dataset<Row> traits =
        PersonaTraits.of(
            members,
            RowBuilder.frame(spark, accounts.toArray(RowBuilder[]::new)),
            RowBuilder.frame(spark, posts.toArray(RowBuilder[]::new)));
    Map<String, Row> byId =
        traits.collectAsList().stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("network_id"), r -> r));

    Row reference = byId.get("n-fake").getAs("persona_reference");
    assertThat(reference.<Double>getAs("digits_handle")).as("2 of 20 unlinked").isEqualTo(0.1);
    assertThat(reference.<Double>getAs("gender_mismatch"))
        .as("1 of the 18 with both genders known")
        .isCloseTo(1.0 / 18, within(1e-9));
    assertThat(reference.<Double>getAs("young_account_days"))
        .as("the 25% quantile of the unlinked accounts' ages (100 ... 2000 days)")
        .isCloseTo(575.0, within(1e-9));
    assertThat(reference.<Double>getAs("young_account"))
        .as("5 of 20 unlinked accounts are younger than that")
        .isEqualTo(0.25);
    assertThat(byId.get("n-fake").<Double>getAs("young_account_share")).isEqualTo(1.0);
    assertThat(byId.get("n-fans").<Double>getAs("young_account_share")).isEqualTo(0.0);

    // The rule reads these beside the network's own shares (network_features).
    Dataset<Row> features =
        traits
            .join(
                spark.createDataFrame(
                    List.of(
                        RowFactory.create("n-fake", 4L, 1.0, 0.0),
                        RowFactory.create("n-fans", 4L, 0.25, 0.0),
                        RowFactory.create("n-pair", 2L, 1.0, 1.0)),
                    new StructType()
                        .add("network_id", "string")
                        .add("n_accounts", "long")
                        .add("digits_handle_share", "double")
                        .add("gender_mismatch_share", "double")),
                "network_id")
            .withColumn("standing_out", PersonaTraits.standingOut(0.3));
    Map<String, List<String>> standing =
        features.collectAsList().stream()
            .collect(
                Collectors.toMap(
                    r -> r.<String>getAs("network_id"),
                    r -> r.getList(r.fieldIndex("standing_out"))));
    assertThat(standing.get("n-fake"))
        .containsExactly(PersonaTraits.DIGITS_HANDLE, PersonaTraits.YOUNG_ACCOUNT);
    assertThat(standing.get("n-fans")).as("25% digits is within 0.1 + 0.3").isEmpty();
    assertThat(standing.get("n-pair")).as("two accounts prove nothing").isEmpty();
  }

  @Test
  void withEveryAccountInANetworkNoTraitCanStandOut(SparkSession spark) {
    Dataset<Row> accounts =
        RowBuilder.frame(
            spark,
            account("a1", "x1001", 5, "f", "m"),
            account("a2", "x1002", 5, "f", "m"),
            account("a3", "x1003", 5, "f", "m"));
    Dataset<Row> posts =
        RowBuilder.frame(
            spark,
            RowBuilder.post("p1").set("account_id", "a1"),
            RowBuilder.post("p2").set("account_id", "a2"),
            RowBuilder.post("p3").set("account_id", "a3"));
    Dataset<Row> members =
        spark.createDataFrame(
            List.of(
                RowFactory.create("n1", "a1"),
                RowFactory.create("n1", "a2"),
                RowFactory.create("n1", "a3")),
            new StructType().add("network_id", "string").add("account_id", "string"));
    Row r =
        PersonaTraits.of(members, accounts, posts)
            .withColumn("n_accounts", lit(3L))
            .withColumn("digits_handle_share", lit(1.0))
            .withColumn("gender_mismatch_share", lit(1.0))
            .withColumn("standing_out", PersonaTraits.standingOut(0.3))
            .select(col("network_id"), col("standing_out"))
            .first();
    assertThat(r.getList(1)).as("no reference, no trait").isEmpty();
  }
}
