package org.cibnet.io;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.schema.Schemas;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The `runs` table, keyed (run_id, job): a row says `running` when a job starts and turns
 * `succeeded` or `failed` (with the reason) when it ends. The clock is read here only for these
 * bookkeeping times, never for results.
 *
 * <p>A running job proves it is alive with a heartbeat: a small file under
 * &lt;warehouse&gt;/_heartbeats/ rewritten every `runs.heartbeat_seconds` with the time. A process
 * killed outright (SIGKILL, a lost driver) cannot mark its row, so the next job on the warehouse
 * does: a `running` row whose heartbeat is missing or older than three beats turns `failed`, its
 * error starting with "abandoned:". Through Hadoop's FileSystem, so object stores work too.
 */
public final class RunLog {
  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final String runId;
  private final String job;
  private final Map<String, String> parameters;
  private final Timestamp startedAt = Timestamp.from(Instant.now());
  private final Map<String, Long> inputRows = new LinkedHashMap<>();
  private final Map<String, Long> outputRows = new LinkedHashMap<>();
  private final long heartbeatSeconds;
  private ScheduledExecutorService heartbeat;

  /** Error of a run found dead: its process stopped without marking it. */
  public static final String ABANDONED = "abandoned";

  public RunLog(
      SparkSession spark,
      Warehouse warehouse,
      String runId,
      String job,
      Map<String, String> parameters,
      long heartbeatSeconds) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.runId = runId;
    this.job = job;
    this.parameters = parameters;
    this.heartbeatSeconds = heartbeatSeconds;
  }

  public String runId() {
    return runId;
  }

  public void input(String name, long rows) {
    inputRows.put(name, rows);
  }

  public void output(String name, long rows) {
    outputRows.put(name, rows);
  }

  public Map<String, Long> outputs() {
    return outputRows;
  }

  public void started() {
    // once per warehouse and process: a pipeline's stages start runs of their own
    if (SWEPT.putIfAbsent(warehouse.root(), Boolean.TRUE) == null) {
      sweep(spark, warehouse, heartbeatSeconds, runId, job);
    }
    beat();
    heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cibnet-heartbeat-" + job);
              t.setDaemon(true);
              return t;
            });
    heartbeat.scheduleAtFixedRate(
        this::beatQuietly, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
    write(RUNNING, null, null);
  }

  public void succeeded() {
    write(SUCCEEDED, Timestamp.from(Instant.now()), null);
    stopHeartbeat();
  }

  public void failed(String reason) {
    try {
      write(FAILED, Timestamp.from(Instant.now()), reason);
    } finally {
      stopHeartbeat();
    }
  }

  private static Path heartbeatFile(Warehouse warehouse, String run, String jobName) {
    return new Path(
        warehouse.path(HEARTBEATS), run.replaceAll("[^A-Za-z0-9._-]", "_") + "__" + jobName);
  }

  private static final ConcurrentHashMap<String, Boolean> SWEPT = new ConcurrentHashMap<>();

  /** Folder of the heartbeat files. */
  static final String HEARTBEATS = "_heartbeats";

  private void beat() {
    Path f = heartbeatFile(warehouse, runId, job);
    try {
      FileSystem fs = f.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(f, true)) {
        out.write(Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw Errors.cannotWrite("the heartbeat", String.valueOf(f), e);
    }
  }

  private void beatQuietly() {
    try {
      beat();
    } catch (RuntimeException e) {
      // a missed beat is retried at the next one; three missed in a row let others take the run for
      // dead
    }
  }

  private void stopHeartbeat() {
    if (heartbeat != null) {
      heartbeat.shutdownNow();
      heartbeat = null;
    }
    Path f = heartbeatFile(warehouse, runId, job);
    try {
      f.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(f, false);
    } catch (IOException e) {
      // a left-over heartbeat only says the run was alive at its last beat
    }
  }

  /**
   * Marks `running` rows whose heartbeat is missing or three beats old as failed ("abandoned:
   * ..."): their process is gone. The row of (exceptRun, exceptJob), the caller's own, is left.
   * Returns how many were marked.
   */
  public static int sweep(
      SparkSession spark,
      Warehouse warehouse,
      long heartbeatSeconds,
      String exceptRun,
      String exceptJob) {
    if (!warehouse.exists(Warehouse.RUNS)) {
      return 0;
    }
    List<Row> running =
        warehouse
            .read(Warehouse.RUNS)
            .filter(col("status").equalTo(RUNNING))
            .select("run_id", "job", "started_at", "parameters", "input_rows", "output_rows")
            .collectAsList();
    List<Row> dead = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (Row r : running) {
      String run = r.getString(0);
      String jobName = r.getString(1);
      if (run.equals(exceptRun) && jobName.equals(exceptJob)) {
        continue;
      }
      Long last = lastBeat(spark, warehouse, run, jobName);
      if (last == null || now - last > 3 * heartbeatSeconds * 1000) {
        String since =
            last == null ? "no heartbeat" : "no heartbeat since " + Instant.ofEpochMilli(last);
        dead.add(
            RowFactory.create(
                run,
                jobName,
                r.get(2),
                Timestamp.from(Instant.now()),
                scala(r.getJavaMap(3)),
                scala(r.getJavaMap(4)),
                scala(r.getJavaMap(5)),
                FAILED,
                ABANDONED
                    + ": "
                    + since
                    + "; the process running it stopped (killed or lost) before it finished"));
      }
    }
    if (!dead.isEmpty()) {
      warehouse.merge(
          Warehouse.RUNS,
          spark.createDataFrame(dead, Schemas.RUNS_SCHEMA).coalesce(1),
          List.of("run_id", "job"));
      System.out.printf(
          "runs: %d row(s) left running by a process that is gone marked failed (abandoned)%n",
          dead.size());
    }
    return dead.size();
  }

  private static Long lastBeat(
      SparkSession spark, Warehouse warehouse, String run, String jobName) {
    Path f = heartbeatFile(warehouse, run, jobName);
    try {
      FileSystem fs = f.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(f)) {
        return null;
      }
      try (InputStream in = fs.open(f)) {
        return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
      }
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  private void write(String status, Timestamp finishedAt, String error) {
    Row row =
        RowFactory.create(
            runId,
            job,
            startedAt,
            finishedAt,
            scala(parameters),
            scala(inputRows),
            scala(outputRows),
            status,
            error);
    Dataset<Row> df = spark.createDataFrame(List.of(row), Schemas.RUNS_SCHEMA).coalesce(1);
    warehouse.merge(Warehouse.RUNS, df, List.of("run_id", "job"));
  }

  private static <K, V> scala.collection.Map<K, V> scala(Map<K, V> m) {
    return m == null ? null : CollectionConverters.asScala(new LinkedHashMap<>(m));
  }
}
