package org.cibnet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.config.Settings;
import org.cibnet.generate.SyntheticWorld;
import org.cibnet.generate.World;
import org.cibnet.job.BacktestJob;
import org.cibnet.job.PipelineJob;

/**
 * One small generated world run through the whole pipeline and a three-date backtest once per test
 * JVM (the slow part of the suite), under target/test-warehouse so the notebooks can reuse it.
 * Tests that change tables work on a copy (Delta logs hold relative paths, so a copied folder is a
 * complete warehouse).
 */
public final class SampleWarehouse {
  public static final String RUN_ID = "run-1";
  public static final String BACKTEST_RUN_ID = "bt-1";
  public static final List<String> BACKTEST_DATES =
      List.of("2022-07-20", "2022-08-20", "2022-09-15");
  private static final Path ROOT = Path.of("target", "test-warehouse").toAbsolutePath();
  private static boolean built;
  private static RuntimeException failure;

  private SampleWarehouse() {}

  /** The input folder (posts, accounts, ads, takedowns, ground_truth). */
  public static String input() {
    build();
    return ROOT.resolve("in").toString();
  }

  /** The warehouse of the one pipeline run RUN_ID; read it, do not change it. */
  public static String warehouse() {
    build();
    return ROOT.resolve("wh").toString();
  }

  public static JobOptions options(String job, String warehouse, String runId) {
    build();
    return JobOptions.of(
        job,
        Map.of(
            "--input", ROOT.resolve("in").toString(), "--warehouse", warehouse, "--run-id", runId),
        Settings.defaults());
  }

  /** A private copy of the warehouse for a test that writes to it. */
  public static String copyTo(Path dir) {
    Path from = Path.of(warehouse());
    Path to = dir.resolve("wh");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to.toString();
  }

  private static synchronized void build() {
    if (failure != null) {
      throw new IllegalStateException("the sample warehouse could not be built", failure);
    }
    if (built) {
      return;
    }
    try {
      buildOnce();
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  private static void buildOnce() {
    Path complete = ROOT.resolve("COMPLETE");
    if (Boolean.getBoolean("cibnet.reuseSampleWarehouse") && Files.exists(complete)) {
      // integration tests run after the unit tests of the same build, which left it complete
      built = true;
      return;
    }
    SparkSession spark = SparkExtension.spark();
    try {
      if (Files.exists(ROOT)) {
        try (Stream<Path> files = Files.walk(ROOT)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    World world = World.plan(5, 1, Set.of(), 300);
    String in = ROOT.resolve("in").toString();
    SyntheticWorld.posts(spark, world).write().parquet(in + "/posts");
    SyntheticWorld.accounts(spark, world).write().parquet(in + "/accounts");
    SyntheticWorld.ads(spark, world).write().parquet(in + "/ads");
    SyntheticWorld.takedowns(spark, world).write().parquet(in + "/takedowns");
    SyntheticWorld.groundTruth(spark, world).write().parquet(in + "/ground_truth");
    new PipelineJob()
        .run(
            spark,
            JobOptions.of(
                "pipeline",
                Map.of(
                    "--input",
                    in,
                    "--warehouse",
                    ROOT.resolve("wh").toString(),
                    "--run-id",
                    RUN_ID),
                Settings.defaults()));
    // A backtest too, so BacktestJobTest and the retrospective notebook read one without paying for
    // it again.
    new BacktestJob()
        .run(
            spark,
            JobOptions.of(
                "backtest",
                Map.of(
                    "--input",
                    in,
                    "--warehouse",
                    ROOT.resolve("wh").toString(),
                    "--dates",
                    String.join(",", BACKTEST_DATES),
                    "--run-id",
                    BACKTEST_RUN_ID),
                Settings.defaults()));
    try {
      Files.writeString(complete, RUN_ID + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    built = true;
  }
}
