package org.cibnet.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operating clock: the UTC offset whose office hours fit the posts, against the declared zone.
 */
@ExtendWith(SparkExtension.class)
class ClockFeaturesTest {
  private static final StructType POSTS =
      new StructType()
          .add("network_id", "string")
          .add("created_at", "timestamp")
          .add("zones", DataTypes.createArrayType(DataTypes.StringType));

  private static void weekdays(
      List<Row> rows, String network, int fromUtcHour, int toUtcHour, String... zones) {
    for (int day = 7; day <= 11; day++) { // Monday 7 to Friday 11 March 2022
      for (int h = fromUtcHour; h <= toUtcHour; h++) {
        rows.add(
            RowFactory.create(
                network,
                Timestamp.from(Instant.parse(String.format("2022-03-%02dT%02d:15:00Z", day, h))),
                List.of(zones)));
      }
    }
  }

  @Test
  void officeHoursGiveTheClockAndTheGapToTheDeclaredZone(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    // Moscow office hours (09-17 at UTC+3), declared Moscow: the clock agrees.
    weekdays(rows, "moscow", 6, 14, "Europe/Moscow");
    // 09-17 at UTC-5, declared Moscow: eight hours off.
    weekdays(rows, "americas", 14, 22, "Europe/Moscow");
    // 09-15 at UTC-8 (Los Angeles in early March), declared the United States: its main zone (New
    // York, UTC-5) is three hours off, its western one none.
    weekdays(
        rows, "west-coast", 17, 23, "America/New_York", "America/Chicago", "America/Los_Angeles");
    // Weekend mornings only, no declared zone: no offset gives office hours; of those without
    // night posts the smallest offset wins (-11), which moves Saturday 10:00 back into Friday
    // 23:00 across the start of the week (Sunday) as well.
    rows.add(
        RowFactory.create("weekend", Timestamp.from(Instant.parse("2022-03-12T10:00:00Z")), null));
    rows.add(
        RowFactory.create("weekend", Timestamp.from(Instant.parse("2022-03-13T10:00:00Z")), null));

    Dataset<Row> mp = spark.createDataFrame(rows, POSTS);

    Map<String, Row> byNetwork =
        NetworkFeatures.clock(mp).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("network_id")), r -> r));

    Row moscow = byNetwork.get("moscow");
    assertThat(moscow.<Integer>getAs("likely_utc_offset")).isEqualTo(3);
    assertThat(((Number) moscow.getAs("declared_offset")).doubleValue())
        .isCloseTo(3.0, within(1e-9));
    assertThat(((Number) moscow.getAs("clock_offset_gap_hours")).doubleValue())
        .isCloseTo(0.0, within(1e-9));
    assertThat(((Number) moscow.getAs("office_share")).doubleValue()).isCloseTo(1.0, within(1e-9));
    assertThat(((Number) moscow.getAs("weekend_share")).doubleValue()).isCloseTo(0.0, within(1e-9));
    // as many posts at 12:00 as at 11:00 and 13:00: no lunch dip
    assertThat(((Number) moscow.getAs("lunch_dip")).doubleValue()).isCloseTo(0.0, within(1e-9));
    assertThat(((Number) moscow.getAs("hour_entropy")).doubleValue())
        .isCloseTo(Math.log(9) / Math.log(2), within(1e-9));
    assertThat(((Number) moscow.getAs("declared_night_share")).doubleValue())
        .isCloseTo(0.0, within(1e-9));

    Row americas = byNetwork.get("americas");
    assertThat(americas.<Integer>getAs("likely_utc_offset")).isEqualTo(-5);
    assertThat(((Number) americas.getAs("clock_offset_gap_hours")).doubleValue())
        .isCloseTo(8.0, within(1e-9));
    // 21:15 and 22:15 UTC are 00:15 and 01:15 in Moscow: two of nine posting hours fall in the
    // declared night (00-05); an average of decimals, so to five places
    assertThat(((Number) americas.getAs("declared_night_share")).doubleValue())
        .isCloseTo(2.0 / 9, within(1e-5));

    Row west = byNetwork.get("west-coast");
    assertThat(((Number) west.getAs("clock_offset_gap_hours")).doubleValue())
        .as("the nearest zone of the declared country")
        .isCloseTo(0.0, within(1e-9));
    assertThat(((Number) west.getAs("declared_offset")).doubleValue())
        .isCloseTo(-8.0, within(1e-9));

    Row weekend = byNetwork.get("weekend");
    assertThat(weekend.<Integer>getAs("likely_utc_offset")).isEqualTo(-11);
    assertThat(((Number) weekend.getAs("office_share")).doubleValue()).isCloseTo(0.0, within(1e-9));
    assertThat(((Number) weekend.getAs("weekend_share")).doubleValue())
        .as("Friday 23:00 and Saturday 23:00")
        .isCloseTo(0.5, within(1e-9));
    assertThat(weekend.isNullAt(weekend.fieldIndex("declared_offset"))).isTrue();
  }
}
