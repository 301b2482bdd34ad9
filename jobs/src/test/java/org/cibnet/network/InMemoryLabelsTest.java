package org.cibnet.network;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cibnet.io.Warehouse;
import org.cibnet.testing.DatasetAssert;
import org.cibnet.testing.SampleWarehouse;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class InMemoryLabelsTest {
  private static final StructType GRAPH =
      new StructType()
          .add("account_a", "long", false)
          .add("account_b", "long", false)
          .add("w", "long", false);

  /**
   * Dense groups joined by a few links, chains (long paths need many min-label rounds), and small
   * integer weights so that label votes tie often: ties must go to the smallest label both ways.
   */
  private static Dataset<Row> seededGraph(SparkSession spark, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    int n = 0;
    for (int g = 0; g < 12; g++) {
      int size = 3 + r.nextInt(12);
      for (int i = 0; i < size; i++) {
        for (int j = i + 1; j < size; j++) {
          if (r.nextInt(10) < 6) {
            add(rows, seen, n + i, n + j, 1 + r.nextInt(3));
          }
        }
      }
      n += size;
    }
    for (int c = 0; c < 3; c++) {
      int length = 6 + r.nextInt(6);
      for (int i = 0; i < length; i++) {
        add(rows, seen, n + i, n + i + 1, 1 + r.nextInt(2));
      }
      n += length + 1;
    }
    for (int k = 0; k < 15; k++) {
      add(rows, seen, r.nextInt(n), r.nextInt(n), 1);
    }
    // the indexes of a real graph are dense: renumber the accounts that have an edge
    TreeSet<Long> used = new TreeSet<>();
    rows.forEach(
        row -> {
          used.add(row.getLong(0));
          used.add(row.getLong(1));
        });
    Map<Long, Long> dense = new HashMap<>();
    used.forEach(v -> dense.put(v, (long) dense.size()));
    List<Row> renumbered =
        rows.stream()
            .map(
                row ->
                    RowFactory.create(
                        dense.get(row.getLong(0)), dense.get(row.getLong(1)), row.getLong(2)))
            .toList();
    return spark.createDataFrame(renumbered, GRAPH).repartition(3);
  }

  private static void add(List<Row> rows, Set<Long> seen, long x, long y, long w) {
    long a = Math.min(x, y);
    long b = Math.max(x, y);
    if (a != b && seen.add(a * 1_000_000 + b)) {
      rows.add(RowFactory.create(a, b, w * 1_000_000_000L));
    }
  }

  @Test
  void sameComponentsAndCommunitiesAsTheDistributedPropagation(SparkSession spark) {
    Dataset<Row> graph = seededGraph(spark, 1).cache();
    long pairs = graph.count();
    Dataset<Row> local = InMemoryLabels.of(graph, pairs, 10);
    Dataset<Row> distributed =
        Networks.components(graph, 200).join(Networks.communities(graph, 10), "account_id");
    assertThat(local.count()).isEqualTo(distributed.count());
    DatasetAssert.assertSameRows(local, distributed, "account_id", "component", "community");
    // the seeded graph is not trivial: several components, and communities splitting some
    assertThat(local.select("component").distinct().count()).isGreaterThan(3);
    assertThat(local.select("component", "community").distinct().count())
        .isGreaterThan(local.select("component").distinct().count());
    graph.unpersist();
  }

  @Test
  void emptyGraphHasNoLabels(SparkSession spark) {
    Dataset<Row> empty = spark.createDataFrame(List.of(), GRAPH);
    assertThat(InMemoryLabels.of(empty, 0, 10).count()).isZero();
  }

  @Test
  void longChainReachesItsLeastNode() {
    int n = 1_000;
    int[] a = new int[n - 1];
    int[] b = new int[n - 1];
    for (int i = 0; i < n - 1; i++) {
      // numbered so the least node is at the far end of the chain from where it is first joined
      a[i] = n - 2 - i;
      b[i] = n - 1 - i;
    }
    int[] label = InMemoryLabels.components(n, a, b);
    assertThat(Arrays.stream(label).distinct().toArray()).containsExactly(0);
  }

  @Test
  void sampleNetworksAreTheSameInMemoryAndDistributed(SparkSession spark) {
    Dataset<Row> edges =
        new Warehouse(spark, SampleWarehouse.warehouse())
            .read(Warehouse.COORDINATION_EDGES)
            .filter(col("run_id").equalTo(SampleWarehouse.RUN_ID));
    Dataset<Row> inMemory = Networks.membership(edges, 3, 10, Long.MAX_VALUE);
    Dataset<Row> distributed = Networks.membership(edges, 3, 10, 0);
    assertThat(inMemory.count()).isGreaterThan(20);
    DatasetAssert.assertSameRows(
        inMemory, distributed, "account_id", "component", "network_key", "n_accounts");
  }
}
