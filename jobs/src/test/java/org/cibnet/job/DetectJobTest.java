package org.cibnet.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cibnet.config.JobOptions;
import org.cibnet.io.Warehouse;
import org.cibnet.stage.DetectStage;
import org.cibnet.testing.SampleWarehouse;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Edges written one signal group at a time still make one run's rows, replaced on a rerun. */
@ExtendWith(SparkExtension.class)
class DetectJobTest {
  private static final StructType EDGE =
      new StructType()
          .add("signal", "string")
          .add("account_a", "string")
          .add("account_b", "string");

  @TempDir Path dir;

  private static Dataset<Row> group(SparkSession spark, String signal, String... pairs) {
    return spark.createDataFrame(
        Arrays.stream(pairs)
            .map(p -> RowFactory.create(signal, p.split("-")[0], p.split("-")[1]))
            .toList(),
        EDGE);
  }

  @Test
  void aRerunOfTheSameRunReplacesEveryGroupsEdgesAndLeavesOtherRunsAlone(SparkSession spark) {
    Warehouse wh = new Warehouse(spark, dir.toString());
    List<Dataset<Row>> groups =
        List.of(
            group(spark, "co_link", "a-b", "a-c"),
            group(spark, "near_text", "b-c"),
            group(spark, "sync_activity", "c-d"));
    DetectStage.writeEdges(wh, groups, "earlier");
    DetectStage.writeEdges(wh, groups, "run");
    DetectStage.writeEdges(wh, groups, "run"); // the same run again, e.g. after a failure

    Dataset<Row> edges = wh.read(Warehouse.COORDINATION_EDGES);
    assertThat(edges.filter("run_id = 'run'").count()).as("each group's edges once").isEqualTo(4);
    assertThat(edges.filter("run_id = 'run'").select("signal").distinct().count()).isEqualTo(3);
    assertThat(edges.filter("run_id = 'earlier'").count()).as("another run untouched").isEqualTo(4);
  }

  @Test
  void detectReleasesEverythingItKept(SparkSession spark) {
    // the shared sample is built (and its datasets kept) by the first test that asks for it
    JobOptions options = SampleWarehouse.options("detect", dir.resolve("wh").toString(), "d1");
    spark.catalog().clearCache();
    new DetectJob().run(spark, options);
    assertThat(new Warehouse(spark, dir.resolve("wh").toString()).read(Warehouse.NETWORKS).count())
        .as("detect ran")
        .isPositive();
    // its own posts and accounts, shingles, blocking keys, pairs and graph: none stays cached
    assertThat(
            ((org.apache.spark.sql.classic.SparkSession) spark)
                .sharedState()
                .cacheManager()
                .isEmpty())
        .as("nothing left in Spark's cache after detect")
        .isTrue();
  }
}
