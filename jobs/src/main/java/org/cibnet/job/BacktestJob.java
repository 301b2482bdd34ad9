package org.cibnet.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.io.Inputs;
import org.cibnet.io.RunLog;
import org.cibnet.io.Runs;
import org.cibnet.io.Warehouse;
import org.cibnet.model.Backtest;
import org.cibnet.quality.Pseudonymizer;
import org.cibnet.schema.Schemas;
import org.cibnet.stage.DetectStage;
import org.cibnet.stage.FeaturesStage;
import org.cibnet.stage.Progress;
import org.cibnet.stage.ScoreStage;
import org.cibnet.stage.TrainStage;

/**
 * backtest: for each removed campaign, the first as-of date before its takedown at which cibnet
 * would have flagged it. Detects once on the whole input, then for each date of one shared grid
 * (--dates, or every --step-days back from the latest takedown) derives that date's graph from the
 * edges' times, computes features from data before the date, trains on takedowns dated before it
 * (the shipped default model when there are none), and scores. Per-date work goes to a scratch
 * warehouse under _backtest/; the result is the backtest table and a printed summary.
 */
public final class BacktestJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new BacktestJob(), args);
  }

  @Override
  public String name() {
    return "backtest";
  }

  @Override
  public String description() {
    return "for each removed campaign, the first as-of date before its takedown at which it would"
        + " have been flagged";
  }

  @Override
  public Set<String> options() {
    return Set.of(
        "--input",
        "--warehouse",
        "--as-of",
        "--since",
        "--until",
        "--dates",
        "--step-days",
        "--run-id",
        "--pseudonymize");
  }

  @Override
  public Set<String> required() {
    return Set.of("--input", "--warehouse");
  }

  @Override
  public void run(SparkSession spark, JobOptions options) {
    JobOptions o = options.with("--run-id", JobRun.runId(options));
    JobRun.recorded(spark, o, log -> execute(spark, o, log));
  }

  static long execute(SparkSession spark, JobOptions o, RunLog log) {
    Settings s = o.settings();
    Warehouse wh = new Warehouse(spark, o.warehouse());
    // Kept: every as-of date windows the same validated rows.
    Inputs.Validated validated =
        Inputs.validate(
                spark,
                o.input(),
                Timestamp.from(Instant.now()),
                s.getInt(SettingKeys.MIN_YEAR),
                Pseudonymizer.of(o))
            .persisted();
    Inputs full = Inputs.window(spark, validated, o.asOf(), o.since(), o.until());
    if (!full.hasTakedowns() || full.takedowns().isEmpty()) {
      throw Errors.backtestWithoutTakedowns(o.input());
    }
    String detectRun = detectOnce(spark, full, o, wh);
    Dataset<Row> edges =
        wh.read(Warehouse.COORDINATION_EDGES).filter(Runs.isRun(detectRun)).persist();
    Dataset<Row> networks = wh.read(Warehouse.NETWORKS).filter(Runs.isRun(detectRun)).persist();
    Dataset<Row> takedowns =
        full.takedowns().select("account_id", "campaign_id", "takedown_date").persist();

    List<LocalDate> dates = dates(o, full, takedowns);
    System.out.println("backtest: detect run " + detectRun + "; as-of dates " + dates);
    Dataset<Row> perDate = null;
    for (LocalDate d : dates) {
      long t0 = System.nanoTime();
      Dataset<Row> rows =
          scoreAt(spark, validated, o, wh, edges, networks, takedowns, d, log.runId());
      perDate = perDate == null ? rows : perDate.unionByName(rows);
      Progress.progress("backtest: as of " + d, t0);
    }
    Dataset<Row> out =
        Backtest.summarize(perDate)
            .withColumn("run_id", lit(log.runId()))
            .withColumn("detect_run_id", lit(detectRun));
    wh.replaceRun(Warehouse.BACKTEST, out, log.runId());
    Dataset<Row> written = wh.read(Warehouse.BACKTEST).filter(Runs.isRun(log.runId()));
    long n = written.count();
    log.output(Warehouse.BACKTEST, n);
    print(written);
    edges.unpersist();
    networks.unpersist();
    takedowns.unpersist();
    validated.unpersist();
    return n;
  }

  /** The detect run to derive every date from: one on this very input if the warehouse has it. */
  private static String detectOnce(SparkSession spark, Inputs full, JobOptions o, Warehouse wh) {
    if (wh.exists(Warehouse.NETWORKS)) {
      Dataset<Row> atThisAsOf =
          wh.read(Warehouse.NETWORKS).filter(col("as_of").equalTo(lit(Date.valueOf(full.asOf()))));
      Column sameInput =
          same(o, "--input").and(same(o, "--since")).and(same(o, "--until")).and(same(o, "--conf"));
      Optional<String> same = Runs.newestSucceeded(wh, List.of("detect"), sameInput, atThisAsOf);
      if (same.isPresent()) {
        return same.get();
      }
    }
    String runId = o.get("--run-id").orElseThrow() + "-detect";
    JobOptions d = o.withJob("detect").with("--run-id", runId);
    JobRun.recorded(spark, d, log -> DetectStage.execute(spark, full, d, log));
    return runId;
  }

  /** The detect run was given the same value (or none) for this option. */
  private static Column same(JobOptions o, String option) {
    return col("parameters")
        .getItem(option)
        .eqNullSafe(lit(o.get(option).orElse(null)).cast("string"));
  }

  private static List<LocalDate> dates(JobOptions o, Inputs full, Dataset<Row> takedowns) {
    Optional<String> listed = o.get("--dates");
    if (listed.isPresent()) {
      return Arrays.stream(listed.get().split(","))
          .map(String::trim)
          .filter(x -> !x.isEmpty())
          .map(LocalDate::parse)
          .sorted()
          .toList();
    }
    Settings s = o.settings();
    int step = (int) o.longOption("--step-days", s.getInt(SettingKeys.BACKTEST_STEP_DAYS));
    Row r = full.posts().agg(min("created_at")).first();
    LocalDate firstPost = r.getTimestamp(0).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate lastTakedown = takedowns.agg(max("takedown_date")).first().getDate(0).toLocalDate();
    List<LocalDate> grid =
        Backtest.grid(firstPost, lastTakedown, step, s.getInt(SettingKeys.BACKTEST_MAX_DATES));
    if (grid.isEmpty()) {
      throw Errors.noBacktestDate(firstPost.toString(), lastTakedown.toString(), step);
    }
    return grid;
  }

  /** Features, model and scores as they would have been at the date, then each campaign's fate. */
  private static Dataset<Row> scoreAt(
      SparkSession spark,
      Inputs.Validated validated,
      JobOptions o,
      Warehouse wh,
      Dataset<Row> edges,
      Dataset<Row> networks,
      Dataset<Row> takedowns,
      LocalDate d,
      String runId) {
    Settings s = o.settings();
    String dateRun = runId + "-" + d;
    Warehouse scratch = new Warehouse(spark, wh.path("_backtest/" + runId + "/" + d));
    JobOptions at =
        o.with("--warehouse", scratch.root())
            .with("--run-id", dateRun)
            .with("--as-of", d.toString())
            .withSettings(
                s.with(SettingKeys.TRAIN_TREES, s.getBoolean(SettingKeys.BACKTEST_TREES)));
    Inputs in = Inputs.window(spark, validated, Optional.of(d), o.since(), o.until());
    Dataset<Row> edgesAt =
        Backtest.edgesAt(edges, in.accounts(), d).withColumn("run_id", lit(dateRun));
    Dataset<Row> netsAt =
        Backtest.networksAt(networks, edgesAt, s.getInt(SettingKeys.MIN_NETWORK_SIZE))
            .withColumn("run_id", lit(dateRun))
            .withColumn("as_of", lit(Date.valueOf(d)));
    scratch.replaceRun(Warehouse.COORDINATION_EDGES, edgesAt, dateRun);
    scratch.replaceRun(Warehouse.NETWORKS, netsAt, dateRun);
    Dataset<Row> membersAt = scratch.read(Warehouse.NETWORKS).filter(Runs.isRun(dateRun));
    if (membersAt.isEmpty()) {
      return Backtest.evaluate(
          spark.createDataFrame(List.of(), Schemas.BACKTEST_SCORES_SCHEMA),
          membersAt,
          takedowns,
          d,
          s.getDouble(SettingKeys.POSITIVE_SHARE));
    }
    JobRun.recorded(
        spark, at.withJob("features"), log -> FeaturesStage.execute(spark, in, at, log));
    if (TrainStage.trainable(spark, in, at, dateRun)) {
      JobRun.recorded(spark, at.withJob("train"), log -> TrainStage.execute(spark, in, at, log));
    }
    JobRun.recorded(spark, at.withJob("score"), log -> ScoreStage.execute(spark, at, log));
    Dataset<Row> scores = scratch.read(Warehouse.NETWORK_SCORES).filter(Runs.isRun(dateRun));
    return Backtest.evaluate(
            scores, membersAt, takedowns, d, s.getDouble(SettingKeys.POSITIVE_SHARE))
        .localCheckpoint(true);
  }

  private static void print(Dataset<Row> written) {
    List<Row> rows =
        written
            .groupBy(
                "campaign_id",
                "takedown_date",
                "first_caught_as_of",
                "days_of_warning",
                "precision_when_first_caught")
            .agg(max("accounts").as("accounts"), count("*").as("dates"))
            .orderBy("takedown_date", "campaign_id")
            .collectAsList();
    System.out.printf(
        "%n%-16s %-12s %8s %6s %-14s %8s %10s%n",
        "campaign", "takedown", "accounts", "dates", "first flagged", "warning", "precision");
    int caught = 0;
    for (Row r : rows) {
      boolean c = !r.isNullAt(r.fieldIndex("first_caught_as_of"));
      caught += c ? 1 : 0;
      System.out.printf(
          "%-16s %-12s %8d %6d %-14s %8s %10s%n",
          r.<String>getAs("campaign_id"),
          r.getAs("takedown_date"),
          r.<Long>getAs("accounts"),
          r.<Long>getAs("dates"),
          c ? r.getAs("first_caught_as_of").toString() : "never",
          c ? r.getAs("days_of_warning") + " d" : "-",
          r.isNullAt(r.fieldIndex("precision_when_first_caught"))
              ? "-"
              : String.format("%.2f", r.<Double>getAs("precision_when_first_caught")));
    }
    System.out.printf(
        "backtest: %d of %d campaigns flagged before their takedown%n", caught, rows.size());
  }
}
