package org.cibnet.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cibnet.config.JobOptions;
import org.cibnet.config.Settings;
import org.cibnet.io.ShareTable;
import org.cibnet.job.CooRTweetJob;
import org.cibnet.testing.DatasetAssert;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproduces CooRTweet's published reference network on real Russian retweet data, through the job.
 */
@ExtendWith(SparkExtension.class)
class CooRTweetGoldenTest {
  static final Path DATA =
      Path.of(System.getenv().getOrDefault("CIBNET_SHARED", "../shared"))
          .resolve("data-real/coortweet-coordination");

  static final String EDGE_COLUMNS =
      "from string, to string, weight long, avg_time_delta double, n_content_id long,"
          + " n_content_id_y long, edge_symmetry_score double, weight_threshold int";

  @Test
  void reproducesTheReferenceEdgesAndVerticesColumnForColumn(SparkSession spark, @TempDir Path out)
      throws Exception {
    assumeThat(Files.exists(DATA.resolve("russian_coord_tweets.csv")))
        .as(
            "../shared/data-real/coortweet-coordination is absent (a fresh clone): golden test"
                + " skipped")
        .isTrue();
    new CooRTweetJob()
        .run(
            spark,
            JobOptions.of(
                "coortweet",
                Map.of(
                    "--input",
                    DATA.resolve("russian_coord_tweets.csv").toString(),
                    "--out",
                    out.toString(),
                    "--time-window",
                    "60",
                    "--min-participation",
                    "2",
                    "--edge-weight",
                    "0.5"),
                Settings.defaults()));
    assertThat(out.resolve("edges.csv")).exists();
    Dataset<Row> ours =
        spark
            .read()
            .option("header", true)
            .schema(EDGE_COLUMNS)
            .csv(out.resolve("edges.csv").toString());
    Dataset<Row> reference =
        spark
            .read()
            .option("header", true)
            .schema(EDGE_COLUMNS)
            .csv(DATA.resolve("reference-output/ref_network_edges_tw60_mp2_ew0.5.csv").toString());
    assertThat(ours.count()).isEqualTo(60);
    // an undirected edge: the package lists its ends in igraph's vertex order, cibnet the smaller
    // id first
    DatasetAssert.assertSameRows(
        ours,
        reference.select(
            least(col("from"), col("to")).as("from"),
            greatest(col("from"), col("to")).as("to"),
            col("weight"),
            col("avg_time_delta"),
            col("n_content_id"),
            col("n_content_id_y"),
            col("edge_symmetry_score"),
            col("weight_threshold")),
        "from",
        "to",
        "weight",
        "avg_time_delta",
        "n_content_id",
        "n_content_id_y",
        "edge_symmetry_score",
        "weight_threshold");
    Dataset<Row> vertices =
        spark.read().option("header", true).csv(out.resolve("vertices.csv").toString());
    DatasetAssert.assertSameRows(
        vertices,
        spark
            .read()
            .option("header", true)
            .csv(
                DATA.resolve("reference-output/ref_network_vertices_tw60_mp2_ew0.5.csv")
                    .toString()),
        "name");
  }

  @Test
  void reproducesTheReferencePairsOfShares(SparkSession spark) {
    assumeThat(Files.exists(DATA.resolve("russian_coord_tweets.csv")))
        .as(
            "../shared/data-real/coortweet-coordination is absent (a fresh clone): golden test"
                + " skipped")
        .isTrue();
    Dataset<Row> shares =
        CooRTweet.withKinds(
            ShareTable.read(spark, DATA.resolve("russian_coord_tweets.csv").toString()));
    Dataset<Row> ours = CooRTweet.groups(shares, 60, 2);
    Dataset<Row> reference =
        spark
            .read()
            .option("header", true)
            .schema(
                "object_id string, content_id string, content_id_y string, time_delta long,"
                    + " account_id string, account_id_y string")
            .csv(DATA.resolve("reference-output/ref_detect_groups_tw60_mp2.csv").toString());
    assertThat(ours.count()).isEqualTo(3791);
    DatasetAssert.assertSameRows(
        ours,
        reference,
        "object_id",
        "content_id",
        "content_id_y",
        "time_delta",
        "account_id",
        "account_id_y");
  }

  @Test
  void perObjectKindEachKindIsItsOwnRunAndParticipationCountsInputRows(SparkSession spark) {
    // a1 and a2 share url_1 and url_2 within seconds, and hash_1 once each; b1 shares hash_1 with
    // them and nothing else. As one run b1 has two shares in all and one in a pair: below
    // min_participation 2 only if counted per kind.
    Dataset<Row> shares =
        spark.createDataFrame(
            List.of(
                row("url_1", "a1", "c1", 100, 0),
                row("url_1", "a2", "c2", 105, 1),
                row("url_2", "a1", "c3", 200, 2),
                row("url_2", "a2", "c4", 201, 3),
                row("hash_1", "a1", "c5", 300, 4),
                row("hash_1", "b1", "c6", 302, 5),
                row("url_9", "b1", "c7", 9000, 6)),
            new StructType()
                .add("object_id", "string")
                .add("account_id", "string")
                .add("content_id", "string")
                .add("timestamp_share", "long")
                .add(CooRTweet.ROW, "long"));
    Dataset<Row> kinds = CooRTweet.withKinds(shares);
    DatasetAssert.assertRows(
        CooRTweet.groups(kinds, 60, 2, false).select("object_id", "account_id", "account_id_y"),
        List.of(
            List.of("url_1", "a1", "a2"),
            List.of("url_2", "a1", "a2"),
            List.of("hash_1", "a1", "b1")),
        "object_id",
        "account_id",
        "account_id_y");
    // per kind, b1 has one hash share: dropped before pairing; a1 too has only one hash share
    DatasetAssert.assertRows(
        CooRTweet.groups(kinds, 60, 2, true).select("object_id", "account_id", "account_id_y"),
        List.of(List.of("url_1", "a1", "a2"), List.of("url_2", "a1", "a2")),
        "object_id",
        "account_id",
        "account_id_y");
  }

  private static Row row(String object, String account, String content, long ts, long order) {
    return RowFactory.create(object, account, content, ts, order);
  }
}
