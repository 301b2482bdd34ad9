package org.cibnet.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.testing.DatasetAssert;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reproduces CooRTweet's published reference network on real Russian retweet data. */
@ExtendWith(SparkExtension.class)
class CooRTweetGoldenTest {
  static final Path DATA = Path.of(System.getenv().getOrDefault("CIBNET_SHARED", "../shared"))
      .resolve("data-real/coortweet-coordination");

  @Test
  void reproducesTheReferenceEdgesAndWeightsExactly(SparkSession spark) {
    assumeThat(Files.exists(DATA.resolve("russian_coord_tweets.csv")))
        .as("../shared/data-real/coortweet-coordination is absent (a fresh clone): golden test skipped")
        .isTrue();
    Dataset<Row> shares = spark.read().option("header", true)
        .schema("object_id string, account_id string, content_id string, timestamp_share long")
        .csv(DATA.resolve("russian_coord_tweets.csv").toString());
    Dataset<Row> ours = CooRTweet.network(CooRTweet.groups(shares, 60, 2), 0.5);
    Dataset<Row> reference = spark.read().option("header", true)
        .schema("from string, to string, weight long")
        .csv(DATA.resolve("reference-output/ref_network_edges_tw60_mp2_ew0.5.csv").toString())
        .select(least(col("from"), col("to")).as("from"), greatest(col("from"), col("to")).as("to"), col("weight"));
    DatasetAssert.assertSameRows(ours, reference, "from", "to", "weight");
  }
}
