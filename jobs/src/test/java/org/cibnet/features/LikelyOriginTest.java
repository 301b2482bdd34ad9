package org.cibnet.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A hint of origin from the working clock, only for networks that keep a work week. */
@ExtendWith(SparkExtension.class)
class LikelyOriginTest {
  private static final StructType NETWORKS =
      new StructType()
          .add("network_id", "string")
          .add("as_of", "date")
          .add("likely_utc_offset", "int")
          .add("office_share", "double")
          .add("weekend_share", "double");

  @Test
  void theCountriesOnTheWorkingClocksOffsetOnTheAsOfDate(SparkSession spark) {
    Date summer = Date.valueOf("2022-07-01");
    Date winter = Date.valueOf("2022-12-01");
    Dataset<Row> networks =
        spark.createDataFrame(
            List.of(
                RowFactory.create("office-msk", summer, 3, 0.8, 0.02),
                RowFactory.create("office-berlin-summer", summer, 2, 0.8, 0.02),
                RowFactory.create("office-berlin-winter", winter, 1, 0.8, 0.02),
                RowFactory.create("weekends-too", summer, 3, 0.8, 0.3),
                RowFactory.create("no-office-hours", summer, 3, 0.3, 0.0)),
            NETWORKS);
    Dataset<Row> countries =
        spark.createDataFrame(
            List.of(
                RowFactory.create("RU", "Europe/Moscow"),
                RowFactory.create("DE", "Europe/Berlin"),
                RowFactory.create("FR", "Europe/Paris"),
                RowFactory.create("CN", "Asia/Shanghai")),
            new StructType().add("country", "string").add("zone", "string"));

    Map<String, String> origin =
        LikelyOrigin.withLikelyOrigin(networks, countries).collectAsList().stream()
            .collect(
                Collectors.toMap(
                    r -> r.getAs("network_id"),
                    r -> String.valueOf((Object) r.getAs("likely_origin_country"))));

    assertThat(origin)
        .containsEntry("office-msk", "RU")
        .as("several countries share an offset: a hint, sorted")
        .containsEntry("office-berlin-summer", "DE or FR")
        .as("daylight saving follows the as-of date")
        .containsEntry("office-berlin-winter", "DE or FR")
        .containsEntry("weekends-too", "null")
        .containsEntry("no-office-hours", "null");
  }
}
