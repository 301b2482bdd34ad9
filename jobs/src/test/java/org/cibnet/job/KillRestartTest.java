package org.cibnet.job;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.config.Settings;
import org.cibnet.io.RunLog;
import org.cibnet.io.Runs;
import org.cibnet.io.TableRegistry;
import org.cibnet.io.Warehouse;
import org.cibnet.testing.ChildJvm;
import org.cibnet.testing.DatasetAssert;
import org.cibnet.testing.SampleWarehouse;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline killed (SIGKILL, no shutdown hooks) while it writes a table leaves every table
 * readable at its previous version: the data files it wrote are not part of any commit.
 */
class KillRestartTest {
  @TempDir Path dir;

  @Test
  void aRunKilledInTheMiddleOfAWriteLeavesEveryTableAtItsLastGoodVersion() throws Exception {
    SparkSession spark = SparkExtension.spark();
    Warehouse wh = new Warehouse(spark, SampleWarehouse.copyTo(dir));
    Map<String, Long> versions = new HashMap<>();
    Map<String, Long> counts = new HashMap<>();
    List<String> tables = TableRegistry.tables(spark, wh);
    for (String t : tables) {
      versions.put(t, DeltaTable.forPath(spark, wh.path(t)).history(1).first().getLong(0));
      counts.put(t, wh.read(t).count());
    }
    long startedMs = System.currentTimeMillis();

    Process child = pipelineProcess(wh.root(), dir.resolve("child.log"));
    Path killedIn = null;
    try {
      // Wait for the first data file of a table write (not the runs bookkeeping) and kill at once.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      while (killedIn == null && child.isAlive() && System.nanoTime() < deadline) {
        killedIn = newDataFile(Path.of(wh.root()), startedMs);
        if (killedIn == null) {
          Thread.sleep(10);
        }
      }
    } finally {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(killedIn)
        .as(
            "the child wrote a data file before it was killed; log: %s",
            Files.exists(dir.resolve("child.log"))
                ? Files.readString(dir.resolve("child.log"))
                : "")
        .isNotNull();
    System.out.println("killed while writing " + killedIn);

    Path written = killedIn;
    for (String t : tables) {
      long rows = wh.read(t).count(); // every table reads, at whatever version it is
      long v = DeltaTable.forPath(spark, wh.path(t)).history(1).first().getLong(0);
      if (t.equals(Warehouse.RUNS)) {
        continue; // the killed run's "running" row is committed before any work starts
      }
      if (written.startsWith(Path.of(wh.path(t))) && v != versions.get(t)) {
        // the kill landed just after this write committed: a complete new version, one step on
        assertThat(v).as("one commit of the killed run in %s", t).isEqualTo(versions.get(t) + 1);
        continue;
      }
      assertThat(v).as("no commit of the killed run in %s", t).isEqualTo(versions.get(t));
      assertThat(rows).as("rows of %s at its last good version", t).isEqualTo(counts.get(t));
    }
    assertThat(wh.read(Warehouse.RUNS).filter("run_id = 'killed' and status = 'succeeded'").count())
        .as("the killed run never reads as succeeded")
        .isZero();
    assertThat(Runs.newestResult(wh))
        .as("the latest complete result is still the earlier run")
        .isEqualTo(SampleWarehouse.RUN_ID);

    // The next job on the warehouse finds the killed run's rows without a heartbeat and marks them.
    Thread.sleep(3_500); // three beats of one second
    List<Row> left = wh.read(Warehouse.RUNS).filter("run_id = 'killed'").collectAsList();
    assertThat(left).as("the killed run left rows").isNotEmpty();
    assertThat(RunLog.sweep(spark, wh, 1, "sweeper", "none"))
        .isEqualTo(
            (int) left.stream().filter(r -> r.<String>getAs("status").equals("running")).count());
    assertThat(wh.read(Warehouse.RUNS).filter("run_id = 'killed'").collectAsList())
        .allSatisfy(
            r -> {
              assertThat(r.<String>getAs("status")).isEqualTo("failed");
              assertThat(r.<String>getAs("error")).startsWith("abandoned: no heartbeat since");
            });

    // A rerun of the killed run gives what the clean run gave.
    List<Row> clean =
        wh.read(Warehouse.NETWORK_SCORES)
            .filter(col("run_id").equalTo(SampleWarehouse.RUN_ID))
            .select("network_id", "score", "flagged", "flag_evidence")
            .collectAsList();
    new PipelineJob()
        .run(
            spark,
            JobOptions.of(
                "pipeline",
                Map.of(
                    "--input",
                    SampleWarehouse.input(),
                    "--warehouse",
                    wh.root(),
                    "--run-id",
                    "killed"),
                Settings.defaults()));
    assertThat(
            wh.read(Warehouse.RUNS)
                .filter("run_id = 'killed' and job = 'pipeline'")
                .first()
                .<String>getAs("status"))
        .isEqualTo("succeeded");
    DatasetAssert.assertRows(
        wh.read(Warehouse.NETWORK_SCORES).filter(col("run_id").equalTo("killed")),
        clean.stream()
            .map(
                r ->
                    List.<Object>of(
                        r.getString(0),
                        r.getDouble(1),
                        r.getBoolean(2),
                        String.valueOf(r.<String>getAs("flag_evidence"))))
            .toList(),
        "network_id",
        "score",
        "flagged",
        "flag_evidence");
  }

  /** A data file newer than the start in any table folder other than runs, not yet committed. */
  private static Path newDataFile(Path warehouse, long sinceMs) throws Exception {
    try (Stream<Path> files = Files.walk(warehouse)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !p.startsWith(warehouse.resolve(Warehouse.RUNS)))
          .filter(p -> p.toFile().lastModified() >= sinceMs)
          .findFirst()
          .orElse(null);
    } catch (UncheckedIOException | IOException e) {
      return null; // a temporary file vanished while listing: look again
    }
  }

  private static Process pipelineProcess(String warehouse, Path log) throws Exception {
    return ChildJvm.start(
        log,
        List.of("-Xmx2g"),
        "org.cibnet.job.Cibnet",
        List.of(
            "pipeline",
            "--input",
            SampleWarehouse.input(),
            "--warehouse",
            warehouse,
            "--run-id",
            "killed",
            "--set",
            "runs.heartbeat_seconds=1"));
  }
}
