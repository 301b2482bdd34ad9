package org.cibnet.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cibnet.testing.RowBuilder;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Timing features: median seconds between members' co-actions, and members acting on burst keys.
 */
@ExtendWith(SparkExtension.class)
class TimingFeaturesTest {
  @Test
  void medianGapBetweenDifferentMembersAndShareOfMembersOnABurst(SparkSession spark) {
    Dataset<Row> members =
        spark.createDataFrame(
            List.of(
                RowFactory.create("fast", "a1"),
                RowFactory.create("fast", "a2"),
                RowFactory.create("fast", "a3"),
                RowFactory.create("quiet", "b1"),
                RowFactory.create("quiet", "b2"),
                RowFactory.create("quiet", "b3")),
            new StructType().add("network_id", "string").add("account_id", "string"));
    Dataset<Row> posts =
        RowBuilder.frame(
            spark,
            // one link: a1 at 0 s, a1 again at 5 s (same member: no gap), a2 at 10 s, a3 at 30 s ->
            // gaps 10, 20
            RowBuilder.post("p1")
                .set("account_id", "a1")
                .at("2022-06-01T10:00:00Z")
                .urls("https://x.example/1"),
            RowBuilder.post("p2")
                .set("account_id", "a1")
                .at("2022-06-01T10:00:05Z")
                .urls("https://x.example/1"),
            RowBuilder.post("p3")
                .set("account_id", "a2")
                .at("2022-06-01T10:00:10Z")
                .urls("https://www.x.example/1/"),
            RowBuilder.post("p4")
                .set("account_id", "a3")
                .at("2022-06-01T10:00:30Z")
                .urls("https://x.example/1"),
            // a reshare of the same post a minute apart -> gap 60
            RowBuilder.post("p5")
                .set("account_id", "a2")
                .at("2022-06-01T11:00:00Z")
                .set("reshare_of", "o1"),
            RowBuilder.post("p6")
                .set("account_id", "a3")
                .at("2022-06-01T11:01:00Z")
                .set("reshare_of", "o1"),
            // the quiet network never acts on a shared object; b1 posts the viral link of a burst
            RowBuilder.post("q1")
                .set("account_id", "b1")
                .at("2022-06-02T09:00:30Z")
                .urls("https://viral.example/v"),
            RowBuilder.post("q2")
                .set("account_id", "b2")
                .at("2022-06-02T12:00:00Z")
                .urls("https://y.example/2"));
    Dataset<Row> bursts =
        spark.sql(
            "select 'co_link' as signal, 'viral.example/v' as object, timestamp'2022-06-02"
                + " 09:00:00' as window_start, 5000L as n_accounts, 9000L as n_actions");
    NetworkFeatures.Sources s =
        new NetworkFeatures.Sources(
            members, posts, null, null, null, null, null, null, null, null, 100, List.of(), bursts,
            60, 3);

    Map<String, Row> byNetwork =
        NetworkFeatures.timing(s).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("network_id")), r -> r));
    assertThat(byNetwork.get("fast").<Double>getAs("coshare_gap_log_seconds"))
        .as("median of 10, 20, 60 s")
        .isCloseTo(Math.log1p(20), within(1e-9));
    assertThat(
            byNetwork
                .get("quiet")
                .isNullAt(byNetwork.get("quiet").fieldIndex("coshare_gap_log_seconds")))
        .as("no co-action: left for compute() to fill with a day")
        .isTrue();
    assertThat(byNetwork.get("fast").<Double>getAs("burst_touch_share")).isZero();
    assertThat(byNetwork.get("quiet").<Double>getAs("burst_touch_share"))
        .isCloseTo(1.0 / 3, within(1e-9));
  }
}
