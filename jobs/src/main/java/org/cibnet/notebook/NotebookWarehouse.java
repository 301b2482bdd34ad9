package org.cibnet.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.config.Settings;
import org.cibnet.job.BacktestJob;
import org.cibnet.job.PipelineJob;
import org.cibnet.spark.SparkSessions;

/**
 * What every notebook in notebooks/ starts from: a local session and a warehouse that holds a
 * finished pipeline run and a backtest. In order of preference: the folders named by CIBNET_INPUT
 * and CIBNET_WAREHOUSE; the test run's warehouse (target/test-warehouse, when its COMPLETE marker
 * says it finished); else one built once from the bundled sample under target/notebook-warehouse (a
 * few minutes), reused by every later notebook.
 *
 * @param input the input folder the run read (posts, accounts, ads, takedowns)
 * @param warehouse the warehouse folder
 * @param source where it came from, in words, for the notebook's first output
 */
public record NotebookWarehouse(String input, String warehouse, String source) {
  private static final String MARKER = "COMPLETE";

  /** The session notebooks use: local, a few cores, Delta configured, Spark's chatter at WARN. */
  public static SparkSession spark() {
    SparkSession spark =
        SparkSessions.local(Math.min(4, Runtime.getRuntime().availableProcessors()));
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  public static NotebookWarehouse find(SparkSession spark) {
    String input = System.getenv("CIBNET_INPUT");
    String warehouse = System.getenv("CIBNET_WAREHOUSE");
    if (warehouse != null && !warehouse.isBlank()) {
      return new NotebookWarehouse(input, warehouse, "CIBNET_WAREHOUSE=" + warehouse);
    }
    Path project = projectDir();
    Path tests = project.resolve("target/test-warehouse");
    if (Files.exists(tests.resolve(MARKER))) {
      return new NotebookWarehouse(
          tests.resolve("in").toString(),
          tests.resolve("wh").toString(),
          "the test run's warehouse (" + tests + ")");
    }
    Path own = project.resolve("target/notebook-warehouse");
    String sample = project.resolve("data-samples/synthetic").toString();
    if (!Files.exists(own.resolve(MARKER))) {
      build(spark, sample, own);
    }
    return new NotebookWarehouse(
        sample, own.resolve("wh").toString(), "built from the bundled sample (" + own + ")");
  }

  /** The pipeline on the bundled sample, then a backtest over the default date grid. */
  private static void build(SparkSession spark, String sample, Path root) {
    String wh = root.resolve("wh").toString();
    System.out.println(
        "Building the notebook warehouse from " + sample + " (once, a few minutes) ...");
    new PipelineJob()
        .run(
            spark,
            JobOptions.of(
                "pipeline",
                Map.of("--input", sample, "--warehouse", wh, "--run-id", "notebook-1"),
                Settings.defaults()));
    new BacktestJob()
        .run(
            spark,
            JobOptions.of(
                "backtest",
                Map.of("--input", sample, "--warehouse", wh, "--run-id", "notebook-bt-1"),
                Settings.defaults()));
    try {
      Files.writeString(root.resolve(MARKER), "notebook-1\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checkout: notebooks run in notebooks/, tests in the project folder. */
  static Path projectDir() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("data-samples"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "No cibnet checkout (pom.xml and data-samples/) at or above "
            + dir
            + "; set CIBNET_INPUT and CIBNET_WAREHOUSE to explore another warehouse.");
  }

  /** The input folder, when the notebook needs raw posts or ads. */
  public Optional<String> inputDir() {
    return Optional.ofNullable(input).filter(s -> !s.isBlank());
  }
}
