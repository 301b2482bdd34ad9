package org.cibnet.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ExplainMode;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import org.cibnet.testing.DatasetAssert;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kept datasets: the same rows, kept, a plan of one node however deep they nest, recomputable. */
@ExtendWith(SparkExtension.class)
class KeptTest {

  /** Five kept levels, each joined with an aggregate of the level below, then one query on top. */
  private static Dataset<Row> nested(SparkSession spark, UnaryOperator<Dataset<Row>> keep) {
    Dataset<Row> d = spark.range(200).withColumn("k", col("id").mod(7));
    for (int i = 0; i < 5; i++) {
      d = keep.apply(d.join(d.groupBy("k").agg(count("*").as("c" + i)), "k"));
      d.count();
    }
    return d.join(d.groupBy("k").agg(max("id").as("m")), "k");
  }

  private static int planLength(Dataset<Row> d) {
    return ((org.apache.spark.sql.classic.Dataset<Row>) d)
        .queryExecution()
        .explainString(ExplainMode.fromString("formatted"))
        .length();
  }

  @Test
  void nestedKeptDatasetsGiveTheSameRowsWithAPlanThatDoesNotGrowWithTheNesting(SparkSession spark) {
    String adaptive = spark.conf().get("spark.sql.adaptive.enabled");
    // the jobs run adaptively, where Spark prints each cached plan twice (initial and final)
    spark.conf().set("spark.sql.adaptive.enabled", "true");
    try {
      Dataset<Row> persisted = nested(spark, Dataset::persist);
      try (Kept.Scope scope = Kept.scope()) {
        Dataset<Row> kept = nested(spark, Kept::keep);
        DatasetAssert.assertSameRows(kept, persisted, "id", "k", "c0", "c4", "m");
        int persistedPlan = planLength(persisted);
        int keptPlan = planLength(kept);
        System.out.printf(
            "plan text of a query over five nested caches: persist %d chars, keep %d%n",
            persistedPlan, keptPlan);
        assertThat(keptPlan).as("plan text over kept datasets").isLessThan(20_000);
        assertThat(persistedPlan)
            .as("plan text over persisted datasets")
            .isGreaterThan(20 * keptPlan);
      }
      spark.catalog().clearCache();
    } finally {
      spark.conf().set("spark.sql.adaptive.enabled", adaptive);
    }
  }

  @Test
  void aKeptDatasetIsCachedKeepsItsPartitioningAndIsRecomputedWhenItsBlocksAreGone(
      SparkSession spark) {
    Dataset<Row> byKey = spark.range(1000).withColumn("k", col("id").mod(13)).repartition(col("k"));
    Dataset<Row> kept = Kept.keep(byKey, StorageLevel.MEMORY_AND_DISK());
    assertThat(Kept.storageLevel(kept)).isEqualTo(StorageLevel.MEMORY_AND_DISK());
    assertThat(kept.count()).isEqualTo(1000);
    // every partition of the kept rows is in the block manager once they have been read
    int rddId =
        ((LogicalRDD) ((org.apache.spark.sql.classic.Dataset<Row>) kept).logicalPlan()).rdd().id();
    RDDInfo info =
        Arrays.stream(spark.sparkContext().getRDDStorageInfo())
            .filter(i -> i.id() == rddId)
            .findFirst()
            .orElseThrow();
    assertThat(info.numCachedPartitions()).isEqualTo(info.numPartitions()).isPositive();

    // partitioned by k already: a grouping by k reads the cache without another shuffle
    String grouped =
        ((org.apache.spark.sql.classic.Dataset<Row>) kept.groupBy("k").count())
            .queryExecution()
            .executedPlan()
            .toString();
    assertThat(grouped).contains("ExistingRDD").doesNotContain("Exchange");
    // the rows themselves, not Spark's column cache, hold them
    assertThat(grouped).doesNotContain("InMemoryTableScan");

    // dropped from the cache (as an executor's lost blocks are), the rows come back from the
    // lineage
    Kept.release(kept);
    assertThat(Kept.storageLevel(kept)).isEqualTo(StorageLevel.NONE());
    assertThat(kept.count()).isEqualTo(1000);
    assertThat(kept.groupBy("k").count().count()).isEqualTo(13);
  }

  @Test
  void aScopeReleasesWhatWasKeptInsideItAndNothingElse(SparkSession spark) {
    Dataset<Row> before = Kept.keep(spark.range(10).toDF());
    Dataset<Row> inner;
    Dataset<Row> outer;
    try (Kept.Scope scope = Kept.scope()) {
      outer = Kept.keep(spark.range(20).toDF());
      try (Kept.Scope nested = Kept.scope()) {
        inner = Kept.keep(spark.range(30).toDF());
        assertThat(nested.size()).isEqualTo(1);
      }
      assertThat(Kept.storageLevel(inner))
          .as("released with the nested scope")
          .isEqualTo(StorageLevel.NONE());
      assertThat(Kept.storageLevel(outer)).isEqualTo(StorageLevel.MEMORY_AND_DISK_SER());
      assertThat(scope.size())
          .as("the nested scope's datasets are not the outer one's")
          .isEqualTo(1);
    }
    assertThat(Kept.storageLevel(outer)).isEqualTo(StorageLevel.NONE());
    assertThat(Kept.storageLevel(before))
        .as("kept before the scope opened")
        .isEqualTo(StorageLevel.MEMORY_AND_DISK_SER());
    Dataset<Row> after = Kept.keep(spark.range(5).toDF());
    assertThat(Kept.storageLevel(after)).isEqualTo(StorageLevel.MEMORY_AND_DISK_SER());
    assertThat(outer.count()).as("a released dataset is still readable").isEqualTo(20);
    Kept.release(before);
    Kept.release(after);
  }
}
