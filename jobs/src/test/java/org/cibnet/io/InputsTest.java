package org.cibnet.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.cibnet.testing.RowBuilder;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class InputsTest {
  @TempDir Path dir;

  private Inputs.Validated input(SparkSession spark) {
    RowBuilder.frame(
            spark,
            RowBuilder.post("june").at("2022-06-10T12:00:00Z"),
            RowBuilder.post("july").at("2022-07-10T12:00:00Z"),
            RowBuilder.post("august").at("2022-08-31T23:59:59Z"))
        .write()
        .parquet(dir.resolve("posts").toString());
    RowBuilder.frame(spark, RowBuilder.account("a1").set("created_at", "2022-07-01T00:00:00Z"))
        .write()
        .parquet(dir.resolve("accounts").toString());
    RowBuilder.frame(spark, RowBuilder.takedown("a1", "c1").set("takedown_date", "2022-08-01"))
        .write()
        .parquet(dir.resolve("takedowns").toString());
    return Inputs.validate(
        spark, dir.toString(), Timestamp.from(Instant.parse("2023-01-01T00:00:00Z")), 2004);
  }

  @Test
  void asOfDefaultsToTheDayAfterTheLatestPostNeverTheClock(SparkSession spark) {
    Inputs in =
        Inputs.window(spark, input(spark), Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(in.asOf()).isEqualTo(LocalDate.of(2022, 9, 1));
    assertThat(in.posts().count()).isEqualTo(3);
    assertThat(in.hasAds()).isFalse();
    assertThat(in.ads().count()).as("absent ads are an empty frame").isZero();
  }

  @Test
  void asOfKeepsOnlyWhatExistedBeforeIt(SparkSession spark) {
    Inputs in =
        Inputs.window(
            spark,
            input(spark),
            Optional.of(LocalDate.of(2022, 7, 1)),
            Optional.empty(),
            Optional.empty());
    assertThat(in.posts().select("post_id").as(Encoders.STRING()).collectAsList())
        .containsExactly("june");
    assertThat(in.accounts().count())
        .as("account created on the as-of date is not yet there")
        .isZero();
    assertThat(in.takedowns().count()).isZero();
  }

  @Test
  void sinceAndUntilLimitTheDataWindowInclusively(SparkSession spark) {
    Inputs in =
        Inputs.window(
            spark,
            input(spark),
            Optional.empty(),
            Optional.of(LocalDate.of(2022, 7, 10)),
            Optional.of(LocalDate.of(2022, 8, 31)));
    assertThat(in.posts().select("post_id").as(Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrder("july", "august");
    assertThat(in.asOf()).isEqualTo(LocalDate.of(2022, 9, 1));
  }
}
