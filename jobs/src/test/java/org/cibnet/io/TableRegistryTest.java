package org.cibnet.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.cibnet.testing.SampleWarehouse;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;

/** The CREATE TABLE statements cibnet prints register every table, and they run. */
class TableRegistryTest {
  @Test
  void everyTableGetsAStatementThatRegistersItByName() {
    SparkSession spark = SparkExtension.spark();
    Warehouse wh = new Warehouse(spark, SampleWarehouse.warehouse());
    List<String> tables = TableRegistry.tables(spark, wh);
    assertThat(tables)
        .contains(
            Warehouse.COORDINATION_EDGES,
            Warehouse.NETWORKS,
            Warehouse.NETWORK_FEATURES,
            Warehouse.NETWORK_SCORES,
            Warehouse.RUNS,
            "rejects/posts",
            "rejects/_files");
    List<String> sql = TableRegistry.statements(spark, wh, "cibnet_test");
    assertThat(sql).hasSize(tables.size() + 1);
    assertThat(sql)
        .anyMatch(
            s ->
                s.startsWith(
                    "CREATE TABLE IF NOT EXISTS cibnet_test.network_scores USING delta LOCATION"
                        + " 'file:"));
    sql.forEach(spark::sql);
    sql.forEach(spark::sql); // idempotent
    assertThat(spark.sql("SELECT count(*) FROM cibnet_test.network_scores").first().getLong(0))
        .isEqualTo(wh.read(Warehouse.NETWORK_SCORES).count());
    assertThat(spark.sql("SELECT count(*) FROM cibnet_test.rejects__files").first().getLong(0))
        .isEqualTo(wh.read("rejects/_files").count());
  }
}
