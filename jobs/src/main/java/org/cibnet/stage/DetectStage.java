package org.cibnet.stage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.io.Inputs;
import org.cibnet.io.RunLog;
import org.cibnet.io.Runs;
import org.cibnet.io.Warehouse;
import org.cibnet.network.CoordinationGraph;
import org.cibnet.network.Fingerprint;
import org.cibnet.network.Networks;
import org.cibnet.spark.FaultInjection;
import org.cibnet.spark.Kept;
import org.cibnet.spark.SqlConfOverride;

/**
 * The detect stage: coordination edges from the inputs, networks from the edges (ids carried over
 * from the previous run where members overlap), bursts; written under the run of `log`.
 */
public final class DetectStage {
  private DetectStage() {}

  /**
   * A run's coordination edges, one write per signal group rather than one of their union: adaptive
   * execution re-renders a query's whole plan for the UI after each of its stages, and for the
   * union of every signal (about 150 stages) that was 40 of the driver's 87 busy samples in a 1M
   * detect. The first write replaces the run's rows (a rerun starts clean), the others add to them;
   * readers trust a run only once it has succeeded.
   */
  public static void writeEdges(Warehouse wh, List<Dataset<Row>> groups, String runId) {
    wh.replaceRun(
        Warehouse.COORDINATION_EDGES, groups.get(0).withColumn("run_id", lit(runId)), runId);
    for (Dataset<Row> g : groups.subList(1, groups.size())) {
      wh.append(Warehouse.COORDINATION_EDGES, g.withColumn("run_id", lit(runId)));
    }
  }

  /** Counts of one detect run. */
  public record Result(long edges, long networks, long accounts) {}

  public static Result execute(SparkSession spark, Inputs in, JobOptions options, RunLog log) {
    // Everything detect keeps (its own posts and accounts, blocking keys, pairs, the graph) is
    // released when it ends: the later stages of a pipeline or backtest never read it again.
    try (Kept.Scope kept = Kept.scope();
        SqlConfOverride sort = sortAggregates(spark)) {
      return detect(spark, in, options, log);
    }
  }

  /**
   * Sort aggregations for detect's collect_list (each account's active bins, for synchronised
   * activity), until closed: an object hash aggregation falls back to sorting its input after 128
   * keys, having hashed them first, and spills heavily at scale. Every collect_list in detect is
   * sorted afterwards, so the order it gathers in does not matter.
   */
  public static SqlConfOverride sortAggregates(SparkSession spark) {
    return SqlConfOverride.set(spark, "spark.sql.execution.useObjectHashAggregateExec", "false");
  }

  private static Result detect(SparkSession spark, Inputs in, JobOptions options, RunLog log) {
    Settings s = options.settings();
    Warehouse wh = new Warehouse(spark, options.warehouse());
    String runId = log.runId();
    Dataset<Row> injected =
        FaultInjection.failFirstAttempt(
            in.posts(), "detect", s.get(SettingKeys.FAIL_FIRST_ATTEMPT));
    // Kept here unless the caller (the pipeline) already keeps them for its later stages.
    boolean ownPosts = Kept.storageLevel(injected).equals(StorageLevel.NONE());
    boolean ownAccounts = Kept.storageLevel(in.accounts()).equals(StorageLevel.NONE());
    Dataset<Row> posts = ownPosts ? injected.transform(Kept::keep) : injected;
    Dataset<Row> accounts = ownAccounts ? in.accounts().transform(Kept::keep) : in.accounts();
    log.input("posts", posts.count());
    log.input("accounts", accounts.count());

    long t0 = System.nanoTime();
    CoordinationGraph.Detection d =
        CoordinationGraph.detect(posts, accounts, in.hasAds() ? in.ads() : null, s);
    writeEdges(wh, d.edgeGroups(), runId);
    Dataset<Row> edges = wh.read(Warehouse.COORDINATION_EDGES).filter(Runs.isRun(runId));
    wh.replaceRun(Warehouse.BURSTS, d.bursts().withColumn("run_id", lit(runId)), runId);

    Progress.progress("detect: edges written", t0);
    long t1 = System.nanoTime();
    Dataset<Row> members =
        Networks.membership(
                edges,
                s.getInt(SettingKeys.MIN_NETWORK_SIZE),
                s.getInt(SettingKeys.COMMUNITY_ITERATIONS),
                s.getLong(SettingKeys.IN_MEMORY_GRAPH_PAIRS))
            .transform(Kept::keep);
    members.count();
    Progress.progress("detect: networks found", t1);
    Dataset<Row> previous =
        previousRun(wh, runId)
            .map(r -> Runs.ofRun(wh.read(Warehouse.NETWORKS), r).select("account_id", "network_id"))
            .orElse(null);
    Dataset<Row> networks =
        Networks.withIds(
            members,
            Fingerprint.of(posts),
            previous,
            s.getDouble(SettingKeys.ID_MATCH_JACCARD),
            runId,
            in.asOf());
    wh.replaceRun(Warehouse.NETWORKS, networks, runId);

    Dataset<Row> written = wh.read(Warehouse.NETWORKS).filter(Runs.isRun(runId));
    long nEdges = edges.count();
    long nNetworks = written.select("network_id").distinct().count();
    long nAccounts = written.count();
    log.output(Warehouse.COORDINATION_EDGES, nEdges);
    log.output(Warehouse.NETWORKS, nAccounts);
    printSummary(edges, d.considered(), wh.read(Warehouse.BURSTS).filter(Runs.isRun(runId)), log);
    System.out.printf(
        "detect: %d edges, %d networks holding %d accounts (as of %s)%n",
        nEdges, nNetworks, nAccounts, in.asOf());
    return new Result(nEdges, nNetworks, nAccounts);
  }

  /** The newest earlier detect run whose networks an id can carry over from. */
  public static Optional<String> previousRun(Warehouse wh, String runId) {
    if (!wh.exists(Warehouse.NETWORKS)) {
      return Optional.empty();
    }
    return Runs.newestSucceeded(
        wh, List.of("detect"), col("run_id").notEqual(runId), wh.read(Warehouse.NETWORKS));
  }

  private static void printSummary(
      Dataset<Row> edges, Dataset<Row> considered, Dataset<Row> bursts, RunLog log) {
    List<Row> perSignal =
        edges.groupBy("signal").agg(count("*").as("edges")).orderBy("signal").collectAsList();
    List<Row> cons =
        considered.groupBy("signal").agg(sum("pairs_considered")).orderBy("signal").collectAsList();
    List<Row> burst = bursts.groupBy("signal").agg(count("*")).orderBy("signal").collectAsList();
    System.out.printf("%-18s %12s%n", "signal", "edges kept");
    for (Row r : perSignal) {
      System.out.printf("%-18s %12d%n", r.getString(0), r.getLong(1));
    }
    long total = 0;
    for (Row r : cons) {
      long n = r.isNullAt(1) ? 0 : r.getLong(1);
      total += n;
      System.out.printf("pairs considered   %-16s %12d%n", r.getString(0), n);
      log.output("pairs_considered." + r.getString(0), n);
    }
    for (Row r : burst) {
      System.out.printf("bursts (not paired) %-15s %12d%n", r.getString(0), r.getLong(1));
    }
    log.output("pairs_considered", total);
  }
}
