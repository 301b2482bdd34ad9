package org.cibnet.cluster;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.io.Warehouse;
import org.cibnet.spark.FaultInjection;
import org.cibnet.testing.DatasetAssert;
import org.cibnet.testing.SampleWarehouse;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and a worker as separate JVMs from the
 * project's own jars, the packaged app jar submitted with SparkSubmit (two executors), the pipeline
 * run on the sample input with one injected task failure in detect, and every table compared with
 * the local run of the unit tests (apart from run_id and timestamps; scores within 1e-6). The
 * cluster writes into a copy of the local warehouse, so it also shows a re-run of the same as-of
 * updating rows in place and keeping network ids.
 */
class ClusterSmokeIT {
  static final Path TARGET = Path.of("target").toAbsolutePath();
  static final List<Process> started = new ArrayList<>();
  static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

  @AfterAll
  static void stopEverything() {
    // executors are children of the worker: stop descendants first, then the daemons
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : started) {
      try {
        p.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void thePipelineOnAStandaloneClusterGivesTheLocalTables() throws Exception {
    SparkSession spark = SparkExtension.spark();
    Path dir = TARGET.resolve("cluster-it");
    deleteTree(dir);
    Files.createDirectories(dir);
    Path sparkHome = sparkHome(dir.resolve("spark-home"));
    String clusterWarehouse = SampleWarehouse.copyTo(dir);
    Path appJar = appJar();

    int masterPort = freePort();
    String master = "spark://127.0.0.1:" + masterPort;
    start(
        dir.resolve("master.log"),
        sparkHome,
        List.of("-Xmx512m", QUICK_JIT),
        "org.apache.spark.deploy.master.Master",
        "--host",
        "127.0.0.1",
        "--port",
        String.valueOf(masterPort),
        "--webui-port",
        String.valueOf(freePort()));
    waitForPort(masterPort, dir.resolve("master.log"));
    start(
        dir.resolve("worker.log"),
        sparkHome,
        List.of("-Xmx512m", QUICK_JIT),
        "org.apache.spark.deploy.worker.Worker",
        "--host",
        "127.0.0.1",
        "--cores",
        "2",
        "--memory",
        "4g",
        "--webui-port",
        String.valueOf(freePort()),
        "--work-dir",
        dir.resolve("work").toString(),
        master);

    long t0 = System.nanoTime();
    // Four JVMs (master, worker, two executors) and the driver share two cores on a sample too
    // small for any stage to be data-bound: the C2 compiler's work would never pay off, so every
    // JVM of the test stops at C1 (tiered level 1).
    Process submit =
        start(
            dir.resolve("submit.log"),
            sparkHome,
            List.of("-Xmx2g", QUICK_JIT),
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            master,
            "--deploy-mode",
            "client",
            "--class",
            "org.cibnet.job.Cibnet",
            "--conf",
            "spark.executor.cores=1",
            "--conf",
            "spark.cores.max=2",
            "--conf",
            "spark.executor.memory=1500m",
            "--conf",
            "spark.task.maxFailures=4",
            "--conf",
            "spark.sql.shuffle.partitions=4",
            "--conf",
            "spark.driver.host=127.0.0.1",
            // one machine: waiting for data locality only adds seconds to each of hundreds of
            // stages
            "--conf",
            "spark.locality.wait=0s",
            "--conf",
            "spark.executor.extraJavaOptions=" + QUICK_JIT,
            // small tables: Delta rebuilds each snapshot's state with 50 tasks by default
            "--conf",
            "spark.databricks.delta.snapshotPartitions=2",
            appJar.toString(),
            "pipeline",
            "--input",
            SampleWarehouse.input(),
            "--warehouse",
            clusterWarehouse,
            "--run-id",
            "cluster",
            "--set",
            "train.trees=false",
            "--set",
            "test.fail_first_attempt=detect");
    boolean done = submit.waitFor(12, TimeUnit.MINUTES);
    String log = Files.readString(dir.resolve("submit.log"));
    assertThat(done).as("spark-submit finished; log:\n%s", tail(log)).isTrue();
    assertThat(submit.exitValue()).as("spark-submit exit status; log:\n%s", tail(log)).isZero();
    System.out.printf("cluster pipeline: %.0f s%n", (System.nanoTime() - t0) / 1e9);

    // Two executors ran the work, and Spark retried the task that failed on purpose.
    List<Path> executorLogs;
    try (var files = Files.walk(dir.resolve("work"))) {
      executorLogs = files.filter(p -> p.getFileName().toString().equals("stderr")).toList();
    }
    assertThat(executorLogs).as("executor logs").hasSizeGreaterThanOrEqualTo(2);
    // The driver logs at ERROR only, so the retried failure is read from the executors' own logs.
    StringBuilder executorLog = new StringBuilder();
    for (Path p : executorLogs) {
      executorLog.append(Files.readString(p));
    }
    assertThat(log + executorLog)
        .as("the injected failure, seen and retried")
        .contains(FaultInjection.MESSAGE);

    Warehouse local = new Warehouse(spark, SampleWarehouse.warehouse());
    Warehouse cluster = new Warehouse(spark, clusterWarehouse);
    String run = SampleWarehouse.RUN_ID;
    DatasetAssert.assertSameRows(
        cluster.read(Warehouse.COORDINATION_EDGES).filter("run_id = 'cluster'"),
        local.read(Warehouse.COORDINATION_EDGES).filter(col("run_id").equalTo(run)),
        "signal",
        "account_a",
        "account_b",
        "support",
        "weight",
        "first_at",
        "last_at");
    DatasetAssert.assertSameRows(
        cluster.read(Warehouse.NETWORKS).filter("run_id = 'cluster'"),
        local.read(Warehouse.NETWORKS).filter(col("run_id").equalTo(run)),
        "network_id",
        "account_id",
        "n_accounts");
    assertThat(
            cluster
                .read(Warehouse.NETWORKS)
                .filter("run_id = 'cluster' and not id_carried_over")
                .count())
        .as("network ids carried over from the earlier run")
        .isZero();

    List<Row> expected =
        local
            .read(Warehouse.NETWORK_SCORES)
            .orderBy("network_id")
            .select("network_id", "as_of", "score", "flagged")
            .collectAsList();
    Dataset<Row> scores = cluster.read(Warehouse.NETWORK_SCORES);
    assertThat(scores.count())
        .as("MERGE on (network_id, as_of): updated in place")
        .isEqualTo(expected.size());
    List<Row> actual =
        scores
            .filter("run_id = 'cluster'")
            .orderBy("network_id")
            .select("network_id", "as_of", "score", "flagged")
            .collectAsList();
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).getString(0)).isEqualTo(expected.get(i).getString(0));
      assertThat(actual.get(i).getDate(1)).isEqualTo(expected.get(i).getDate(1));
      assertThat(actual.get(i).getDouble(2))
          .as("score of %s", actual.get(i).getString(0))
          .isCloseTo(expected.get(i).getDouble(2), within(1e-6));
      assertThat(actual.get(i).getBoolean(3)).isEqualTo(expected.get(i).getBoolean(3));
    }
    assertThat(
            cluster
                .read(Warehouse.RUNS)
                .filter("run_id = 'cluster' and job = 'pipeline' and status = 'succeeded'")
                .count())
        .isEqualTo(1);
  }

  /**
   * SPARK_HOME for the daemons: jars/ links every runtime jar of the build (Spark's own layout).
   */
  static Path sparkHome(Path home) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String entry :
        Files.readString(TARGET.resolve("spark-classpath.txt")).trim().split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      Path link = jars.resolve(jar.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, jar);
      }
    }
    return home;
  }

  static Path appJar() throws IOException {
    try (var files = Files.list(TARGET)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("-app.jar"))
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("no *-app.jar in target/: run mvn package first"));
    }
  }

  static Process start(Path log, Path sparkHome, List<String> jvm, String mainClass, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvm);
    cmd.addAll(List.of(Files.readString(TARGET.resolve("jvm-opens.txt")).trim().split("\\s+")));
    cmd.add("-Duser.timezone=UTC");
    cmd.add(
        "-Dlog4j2.configurationFile="
            + Path.of("conf", "log4j2.properties").toAbsolutePath().toUri());
    cmd.add("-cp");
    cmd.add(sparkHome.resolve("jars") + "/*");
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    started.add(p);
    return p;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void waitForPort(int port, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException(
        "master did not open port " + port + ":\n" + tail(Files.readString(log)));
  }

  static String tail(String log) {
    return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var files = Files.walk(p)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
