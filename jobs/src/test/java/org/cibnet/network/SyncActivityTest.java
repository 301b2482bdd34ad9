package org.cibnet.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.schema.Schemas;
import org.cibnet.testing.DatasetAssert;
import org.cibnet.testing.RowBuilder;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import scala.collection.Seq;

@ExtendWith(SparkExtension.class)
class SyncActivityTest {
  static final long DAY0 = Instant.parse("2022-06-01T00:00:00Z").getEpochSecond();
  static final int BIN = 120;
  static final int CAP = 10;
  static final SyncActivity.Params PARAMS = new SyncActivity.Params(BIN, CAP, 6, 20.0, 40, 2);

  /**
   * Four accounts on one schedule (ten shared bins, a few seconds apart, plus five bins of their
   * own), forty organic accounts at scattered times, two always-on accounts, and one crowded bin (a
   * breaking-news minute with more than CAP accounts).
   */
  static Dataset<Row> world(SparkSession spark) {
    List<RowBuilder> posts = new ArrayList<>();
    int[] n = {0};
    BiConsumer<String, Long> post =
        (account, at) ->
            posts.add(
                RowBuilder.post("p" + n[0]++)
                    .set("account_id", account)
                    .at(Instant.ofEpochSecond(at).toString()));
    SplittableRandom r = new SplittableRandom(7);
    for (int g = 1; g <= 4; g++) {
      for (int day = 1; day <= 10; day++) {
        post.accept("g" + g, DAY0 + day * 86_400L + 9 * 3600 + 5 + g * 7); // 09:00:12..09:00:33
      }
      for (int k = 0; k < 5; k++) {
        post.accept("g" + g, DAY0 + r.nextLong(30 * 86_400L));
      }
    }
    for (int o = 0; o < 40; o++) {
      for (int k = 0; k < 15; k++) {
        post.accept("o" + o, DAY0 + r.nextLong(30 * 86_400L));
      }
    }
    // Always on: active in every fourth bin for 30 days, so they share thousands of bins, but no
    // more than their activity explains (lift 4, under 20).
    for (long bin = 0; bin < 30 * 720; bin += 4) {
      post.accept("busy1", DAY0 + bin * BIN + 3);
      post.accept("busy2", DAY0 + bin * BIN + 50);
    }
    long crowded = DAY0 + 20 * 86_400L + 12 * 3600;
    for (String a :
        List.of("g1", "g2", "g3", "g4", "o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8")) {
      post.accept(a, crowded + 150); // a bin the always-on accounts skip
    }
    return RowBuilder.frame(spark, Schemas.POSTS_SCHEMA, posts);
  }

  @Test
  void pairsAccountsOnOneScheduleAndNothingElse(SparkSession spark) {
    SyncActivity.Result result = SyncActivity.edges(world(spark), PARAMS);
    Dataset<Row> edges = result.edges();
    // the crowded bin is a burst, so each pair shares the ten scheduled bins, not eleven
    DatasetAssert.assertRows(
        edges,
        List.of(
            List.of("g1", "g2", 10L),
            List.of("g1", "g3", 10L),
            List.of("g1", "g4", 10L),
            List.of("g2", "g3", 10L),
            List.of("g2", "g4", 10L),
            List.of("g3", "g4", 10L)),
        "account_a",
        "account_b",
        "support");
    Row g12 = edges.filter("account_a = 'g1' and account_b = 'g2'").first();
    long firstBin = (DAY0 + 86_400L + 9 * 3600) / BIN * BIN;
    assertThat(g12.<Seq<String>>getAs("evidence").mkString(","))
        .as("the first six shared bins, by their start")
        .isEqualTo(
            LongStream.range(0, 6)
                .mapToObj(d -> Long.toString(firstBin + d * 86_400L))
                .collect(Collectors.joining(",")));
    assertThat(g12.<Timestamp>getAs("first_at").toInstant().getEpochSecond()).isEqualTo(firstBin);
    assertThat(g12.<Timestamp>getAs("last_at").toInstant().getEpochSecond())
        .isEqualTo(firstBin + 9 * 86_400L);
    assertThat(g12.getDouble(g12.fieldIndex("weight"))).isPositive();

    long crowdedBin = (DAY0 + 20 * 86_400L + 12 * 3600 + 150) / BIN;
    DatasetAssert.assertRows(
        result.pairs().bursts().filter(col("object").equalTo(Long.toString(crowdedBin))),
        List.of(List.of("sync_activity", 12L)),
        "signal",
        "n_accounts");
  }

  @Test
  void considersCandidatesFromLshBandsNotEveryPairInABin(SparkSession spark) {
    SyncActivity.Result result = SyncActivity.edges(world(spark), PARAMS);
    long considered = result.pairs().considered().agg(sum("pairs_considered")).first().getLong(0);
    long accounts = 4 + 40 + 2;
    // pairing within each bin would consider the always-on pair alone 5,400 times
    assertThat(considered).as("pairs considered").isLessThan(accounts * (accounts - 1) / 2 / 4);
    DatasetAssert.assertSameRows(
        SyncActivity.edges(world(spark), PARAMS).edges(),
        result.edges(),
        "account_a",
        "account_b",
        "support",
        "weight",
        "first_at",
        "last_at",
        "evidence");
  }
}
