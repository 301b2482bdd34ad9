package org.cibnet.job;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.cibnet.generate.World;
import org.cibnet.io.Warehouse;
import org.cibnet.spark.Cols;
import org.cibnet.testing.SampleWarehouse;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole pipeline on a small generated world, end to end through Delta (the shared sample
 * warehouse).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineJobTest {
  static String input;
  static String firstRun = SampleWarehouse.RUN_ID;
  static Warehouse wh;

  @BeforeAll
  static void runPipeline() {
    input = SampleWarehouse.input();
    wh = new Warehouse(SparkExtension.spark(), SampleWarehouse.warehouse());
  }

  @Test
  @Order(1)
  void everyNetworkGetsExactlyOneScoreRowAndEveryStageIsRecorded() {
    long networks =
        wh.read(Warehouse.NETWORKS)
            .filter(col("run_id").equalTo(firstRun))
            .select("network_id")
            .distinct()
            .count();
    Dataset<Row> scores = wh.read(Warehouse.NETWORK_SCORES).filter(col("run_id").equalTo(firstRun));
    assertThat(networks).isGreaterThanOrEqualTo(10);
    assertThat(scores.count()).isEqualTo(networks);
    assertThat(scores.select("network_id").distinct().count()).isEqualTo(networks);
    assertThat(
            scores
                .filter("score < 0 or score > 1 or flagged is null or top_reasons is null")
                .count())
        .isZero();
    List<String> jobs =
        wh.read(Warehouse.RUNS)
            .filter(col("run_id").equalTo(firstRun).and(col("status").equalTo("succeeded")))
            .select("job")
            .as(Encoders.STRING())
            .collectAsList();
    assertThat(jobs).contains("pipeline", "validate", "detect", "features", "train", "score");
    assertThat(scores.filter("scored_out_of_fold").count())
        .as("labelled networks are scored out of fold")
        .isPositive();
    assertThat(scores.select("as_of").first().getDate(0).toString())
        .as("day after the latest post")
        .isEqualTo("2022-10-01");
  }

  @Test
  @Order(2)
  void plantedOperationsAreFoundAndFlaggedAboveLookalikes() {
    Dataset<Row> truth = SparkExtension.spark().read().parquet(input + "/ground_truth");
    Dataset<Row> members =
        wh.read(Warehouse.NETWORKS)
            .filter(col("run_id").equalTo(firstRun))
            .join(truth, "account_id");
    // Every planted operation has most of its accounts in networks (an amplification chain may
    // come out as a few networks).
    Dataset<Row> found =
        members
            .filter("kind = 'operation'")
            .groupBy("group")
            .count()
            .join(truth.groupBy("group").count().withColumnRenamed("count", "size"), "group")
            .filter("count >= 0.7 * size");
    long operations = truth.filter("kind = 'operation'").select("group").distinct().count();
    assertThat(found.count()).as("operations recovered as networks").isEqualTo(operations);
    Dataset<Row> kind =
        members
            .groupBy("network_id")
            .agg(expr("max_by(kind, 1)").as("kind"), expr("mode(kind)").as("majority"));
    Dataset<Row> scored =
        wh.read(Warehouse.NETWORK_SCORES)
            .filter(col("run_id").equalTo(firstRun))
            .join(kind, "network_id");
    double flaggedOps = scored.filter("majority = 'operation' and flagged").count();
    double flaggedLookalikes = scored.filter("majority = 'lookalike' and flagged").count();
    System.out.printf(
        "flagged: %.0f operation networks, %.0f look-alike networks%n",
        flaggedOps, flaggedLookalikes);
    // Ranking: an operation network outscores a look-alike network in most pairs (AUC).
    List<Double> ops =
        scored
            .filter("majority = 'operation'")
            .select("score")
            .as(Encoders.DOUBLE())
            .collectAsList();
    List<Double> lks =
        scored
            .filter("majority = 'lookalike'")
            .select("score")
            .as(Encoders.DOUBLE())
            .collectAsList();
    double wins = 0;
    for (double o : ops) {
      for (double l : lks) {
        wins += o > l ? 1 : o == l ? 0.5 : 0;
      }
    }
    double auc = wins / (ops.size() * (double) lks.size());
    System.out.printf(
        "operations vs look-alikes: ranking AUC %.3f over %d x %d networks%n",
        auc, ops.size(), lks.size());
    assertThat(auc).as("operations rank above look-alikes").isGreaterThanOrEqualTo(0.75);
    // How many are flagged depends on the threshold chosen from few campaigns; never a look-alike
    // crowd, and at least one operation.
    assertThat(flaggedOps).as("operations flagged").isGreaterThanOrEqualTo(1);
    assertThat(flaggedLookalikes).as("look-alikes flagged").isLessThanOrEqualTo(1);
  }

  // Re-running the same as-of (MERGE in place, same ids and scores) is checked by ClusterSmokeIT,
  // which re-runs this very input on a standalone cluster into a copy of this warehouse.

  @Test
  @Order(3)
  void everyOperationThatCoordinatesInOneWayOnlyIsInANetworkAndFewOrganicAccountsAre() {
    // the sample world's plan: one operation per coordination tactic, using that tactic alone
    World world = World.plan(5, 1, Set.of(), 300);
    Dataset<Row> truth = SparkExtension.spark().read().parquet(input + "/ground_truth");
    Dataset<Row> members =
        wh.read(Warehouse.NETWORKS).filter(col("run_id").equalTo(firstRun)).select("account_id");
    Map<String, Double> inNetwork =
        truth
            .join(members.withColumn("in", lit(1.0)), Cols.seq("account_id"), "left")
            .groupBy("group")
            .agg(avg(coalesce(col("in"), lit(0.0))).as("share"))
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r.getDouble(1)));
    List<String> singleTactic = new ArrayList<>();
    for (World.Group g : world.groups) {
      String tactics = World.coordinationTactics(g.tactics());
      if (g.kind().equals("operation")
          && !tactics.contains(",")
          && !g.has(World.STOLEN_PHOTO)
          && !g.has(World.MIRROR)
          && !g.has(World.ADS)) {
        singleTactic.add(g.id());
        System.out.printf(
            "  %-12s only %-14s %5.1f%% of accounts in networks%n",
            g.id(), tactics, 100 * inNetwork.get(g.id()));
        assertThat(inNetwork.get(g.id()))
            .as(g.id() + " acting together only by " + tactics)
            .isGreaterThanOrEqualTo(0.8);
      }
    }
    assertThat(singleTactic)
        .as("one operation per coordination tactic")
        .hasSizeGreaterThanOrEqualTo(9);
    System.out.printf("  organic accounts in networks: %.1f%%%n", 100 * inNetwork.get("organic"));
    assertThat(inNetwork.get("organic"))
        .as("organic accounts in networks")
        .isLessThanOrEqualTo(0.05);
  }
}
