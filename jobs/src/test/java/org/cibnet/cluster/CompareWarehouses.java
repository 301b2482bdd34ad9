package org.cibnet.cluster;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.io.Warehouse;
import org.cibnet.spark.SparkSessions;
import org.cibnet.testing.DatasetAssert;

/**
 * For bin/chaos-kill-executor: checks that two warehouses hold the same run (edges, networks and
 * scores; scores within 1e-6), e.g. a local run and a cluster run that lost an executor. Exits
 * non-zero with the first difference. The runs may have different ids (two builds' pipelines on one
 * input): EXPECTED_RUN_ID [ACTUAL_RUN_ID].
 */
public final class CompareWarehouses {
  private CompareWarehouses() {}

  public static void main(String[] args) {
    if (args.length != 3 && args.length != 4) {
      throw new IllegalArgumentException(
          "usage: CompareWarehouses EXPECTED_WAREHOUSE ACTUAL_WAREHOUSE RUN_ID [ACTUAL_RUN_ID]");
    }
    SparkSession spark = SparkSessions.local(2);
    spark.sparkContext().setLogLevel("WARN");
    Warehouse expected = new Warehouse(spark, args[0]);
    Warehouse actual = new Warehouse(spark, args[1]);
    String run = args[2];
    String actualRun = args.length == 4 ? args[3] : run;
    DatasetAssert.assertSameRows(
        actual.read(Warehouse.COORDINATION_EDGES).filter(col("run_id").equalTo(actualRun)),
        expected.read(Warehouse.COORDINATION_EDGES).filter(col("run_id").equalTo(run)),
        "signal",
        "account_a",
        "account_b",
        "support",
        "weight",
        "first_at",
        "last_at");
    DatasetAssert.assertSameRows(
        actual.read(Warehouse.NETWORKS).filter(col("run_id").equalTo(actualRun)),
        expected.read(Warehouse.NETWORKS).filter(col("run_id").equalTo(run)),
        "network_id",
        "account_id",
        "n_accounts");
    List<Row> e =
        expected
            .read(Warehouse.NETWORK_SCORES)
            .filter(col("run_id").equalTo(run))
            .orderBy("network_id")
            .select("network_id", "score", "flagged")
            .collectAsList();
    List<Row> a =
        actual
            .read(Warehouse.NETWORK_SCORES)
            .filter(col("run_id").equalTo(actualRun))
            .orderBy("network_id")
            .select("network_id", "score", "flagged")
            .collectAsList();
    if (e.size() != a.size()) {
      throw new AssertionError("network_scores: " + a.size() + " rows, expected " + e.size());
    }
    for (int i = 0; i < e.size(); i++) {
      if (!e.get(i).getString(0).equals(a.get(i).getString(0))
          || Math.abs(e.get(i).getDouble(1) - a.get(i).getDouble(1)) > 1e-6
          || e.get(i).getBoolean(2) != a.get(i).getBoolean(2)) {
        throw new AssertionError(
            "network_scores differ: expected " + e.get(i) + ", got " + a.get(i));
      }
    }
    System.out.printf(
        "same tables: %d edges, %d networks scored (scores within 1e-6)%n",
        actual.read(Warehouse.COORDINATION_EDGES).filter(col("run_id").equalTo(actualRun)).count(),
        a.size());
    spark.stop();
  }
}
