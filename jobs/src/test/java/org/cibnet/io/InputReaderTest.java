package org.cibnet.io;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.CibnetException;
import org.cibnet.schema.Schemas;
import org.cibnet.testing.RowBuilder;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class InputReaderTest {
  @TempDir Path dir;

  private void writePosts(SparkSession spark, String sub, String tsType, RowBuilder... rows) {
    spark.conf().set("spark.sql.parquet.outputTimestampType", tsType);
    try {
      RowBuilder.frame(spark, rows)
          .coalesce(1)
          .write()
          .parquet(dir.resolve("posts/" + sub).toString());
    } finally {
      spark.conf().unset("spark.sql.parquet.outputTimestampType");
    }
  }

  @Test
  void readsInt96MillisMicrosAndNanosTimestampsAsOneSchema(SparkSession spark) throws IOException {
    writePosts(spark, "dt=1", "INT96", RowBuilder.post("p1").at("2022-06-01T10:00:00Z"));
    writePosts(
        spark, "dt=2", "TIMESTAMP_MILLIS", RowBuilder.post("p2").at("2022-06-02T10:00:00.123Z"));
    writePosts(spark, "dt=3", "TIMESTAMP_MICROS", RowBuilder.post("p3").at("2022-06-03T10:00:00Z"));
    writeNanosPost(
        dir.resolve("posts/dt=4/part-0.parquet"),
        "p4",
        Instant.parse("2022-06-04T10:00:00.000001Z"));

    InputReader.ReadResult r = InputReader.read(spark, dir.toString(), Schemas.POSTS);

    assertThat(r.unreadable()).isEmpty();
    List<Row> rows =
        r.rows().orderBy("post_id").select("post_id", "created_at", "dt").collectAsList();
    assertThat(rows)
        .extracting(x -> x.getTimestamp(1))
        .containsExactly(
            Timestamp.from(Instant.parse("2022-06-01T10:00:00Z")),
            Timestamp.from(Instant.parse("2022-06-02T10:00:00.123Z")),
            Timestamp.from(Instant.parse("2022-06-03T10:00:00Z")),
            Timestamp.from(Instant.parse("2022-06-04T10:00:00.000001Z")));
    assertThat(rows)
        .extracting(x -> x.get(2))
        .as("Hive partition column is carried")
        .containsExactly(1, 2, 3, 4);
  }

  /** A posts file as pyarrow or pandas writes it: INT64 nanosecond timestamps, int32 counts. */
  static void writeNanosPost(Path file, String id, Instant at) throws IOException {
    Files.createDirectories(file.getParent());
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message post { required binary post_id (STRING); required binary account_id (STRING);"
                + " required binary platform (STRING); required int64 created_at"
                + " (TIMESTAMP(NANOS,true)); optional int32 like_count; }");
    Configuration conf = new Configuration();
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toString()))
            .withType(schema)
            .withConf(conf)
            .build()) {
      long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
      w.write(
          new SimpleGroupFactory(schema)
              .newGroup()
              .append("post_id", Binary.fromString(id))
              .append("account_id", "a1")
              .append("platform", "twitter")
              .append("created_at", nanos)
              .append("like_count", 7));
    }
  }

  @Test
  void castsIntToLongAndCarriesExtraColumns(SparkSession spark) throws IOException {
    writeNanosPost(
        dir.resolve("posts/part-0.parquet"), "p1", Instant.parse("2022-06-01T00:00:00Z"));
    Dataset<Row> rows = InputReader.read(spark, dir.toString(), Schemas.POSTS).rows();
    assertThat(rows.schema().apply("like_count").dataType().typeName()).isEqualTo("long");
    assertThat(rows.select("like_count").first().getLong(0)).isEqualTo(7L);
  }

  @Test
  void listsAFileThatIsNotParquetInsteadOfFailing(SparkSession spark) throws IOException {
    writePosts(spark, "good", "TIMESTAMP_MICROS", RowBuilder.post("p1"));
    Files.writeString(dir.resolve("posts/broken.parquet"), "this is not parquet");
    InputReader.ReadResult r = InputReader.read(spark, dir.toString(), Schemas.POSTS);
    assertThat(r.rows().count()).isEqualTo(1);
    assertThat(r.unreadable())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.file()).endsWith("broken.parquet");
              assertThat(f.dataset()).isEqualTo("posts");
            });
  }

  @Test
  void missingRequiredColumnNamesDatasetFileAndColumn(SparkSession spark) {
    spark
        .range(2)
        .selectExpr("cast(id as string) as post_id", "'a' as account_id")
        .write()
        .parquet(dir.resolve("posts").toString());
    assertThatThrownBy(() -> InputReader.read(spark, dir.toString(), Schemas.POSTS))
        .isInstanceOf(CibnetException.class)
        .hasMessageContaining("Dataset 'posts'")
        .hasMessageContaining(".parquet")
        .hasMessageContaining("required column 'platform' is missing");
  }

  @Test
  void incompatibleTypeNamesColumnAndBothTypes(SparkSession spark) {
    spark
        .range(2)
        .selectExpr(
            "cast(id as string) as post_id",
            "'a' as account_id",
            "'x' as platform",
            "'yesterday' as created_at")
        .write()
        .parquet(dir.resolve("posts").toString());
    assertThatThrownBy(() -> InputReader.read(spark, dir.toString(), Schemas.POSTS))
        .hasMessageContaining(
            "column 'created_at' has type string but the contract needs timestamp");
  }

  @Test
  void absentOptionalDatasetIsNullAndAbsentRequiredOneFails(SparkSession spark) {
    assertThat(InputReader.read(spark, dir.toString(), Schemas.ADS).rows()).isNull();
    assertThatThrownBy(() -> InputReader.read(spark, dir.toString(), Schemas.ACCOUNTS))
        .hasMessageContaining("Input dataset 'accounts' not found");
  }

  @Test
  void acceptsAnyDecimalPrecisionForSpend(SparkSession spark) {
    spark
        .range(1)
        .selectExpr(
            "'ad1' as ad_id",
            "'a1' as account_id",
            "'facebook' as platform",
            "date'2022-06-01' as start_date",
            "cast(1234.5678 as decimal(38,4)) as spend",
            "'RUB' as currency")
        .write()
        .parquet(dir.resolve("ads").toString());
    Dataset<Row> ads = InputReader.read(spark, dir.toString(), Schemas.ADS).rows();
    assertThat(ads.select(col("spend")).first().getDecimal(0)).isEqualByComparingTo("1234.57");
  }
}
