package org.cibnet.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.cibnet.testing.ChildJvm;
import org.cibnet.testing.SampleWarehouse;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a Hive metastore configured (spark-hive and an embedded Derby metastore), `register` creates
 * every Delta table of the warehouse under the cibnet database, and another JVM on the same
 * metastore queries them by name with the rows the Delta folders hold. Child JVMs, because the
 * catalog implementation is fixed when a JVM's first session starts.
 */
class HiveRegistrationTest {
  @TempDir Path dir;

  @Test
  void registeredTablesAreQueryableByNameFromAnotherJvm() throws Exception {
    SparkSession spark = SparkExtension.spark();
    String wh = SampleWarehouse.copyTo(dir);
    String register = run("register", "org.cibnet.job.Cibnet", "register", "--warehouse", wh);
    assertThat(register).contains("tables registered in the metastore as cibnet.*");

    // A new JVM on the same metastore: registering again is a no-op, and the tables answer by name.
    String probe = run("probe", HiveCatalogProbe.class.getName(), "cibnet", wh);
    assertThat(probe)
        .contains("CATALOG hive")
        .contains("tables registered in the metastore as cibnet.*");
    Map<String, Long> byName = new LinkedHashMap<>();
    probe
        .lines()
        .filter(l -> l.startsWith("TABLE "))
        .forEach(
            l -> {
              String[] f = l.split(" ");
              byName.put(f[1], Long.parseLong(f[2]));
            });
    Warehouse w = new Warehouse(spark, wh);
    List<String> tables = TableRegistry.tables(spark, w);
    assertThat(byName.keySet())
        .containsExactlyInAnyOrderElementsOf(
            tables.stream()
                .map(t -> t.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT))
                .toList());
    for (String t :
        List.of(
            Warehouse.NETWORK_SCORES,
            Warehouse.NETWORKS,
            Warehouse.COORDINATION_EDGES,
            Warehouse.RUNS)) {
      assertThat(byName.get(t))
          .as("rows of cibnet.%s by name", t)
          .isEqualTo(w.read(t).count())
          .isPositive();
    }
  }

  /** One child JVM on the test classpath with a Hive metastore in dir; returns its output. */
  private String run(String name, String mainClass, String... args) throws Exception {
    Path log = dir.resolve(name + ".log");
    Process p =
        ChildJvm.start(
            log,
            List.of(
                "-Xmx1500m",
                "-Dspark.sql.catalogImplementation=hive",
                "-Dspark.sql.warehouse.dir=" + dir.resolve("hive-warehouse").toUri(),
                "-Dderby.system.home=" + dir.resolve("derby"),
                "-Dspark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName="
                    + dir.resolve("metastore_db")
                    + ";create=true"),
            mainClass,
            List.of(args));
    boolean done = p.waitFor(4, TimeUnit.MINUTES);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    assertThat(done).as("%s finished; output:\n%s", name, out).isTrue();
    assertThat(p.exitValue()).as("%s exit status; output:\n%s", name, out).isZero();
    return out;
  }
}
