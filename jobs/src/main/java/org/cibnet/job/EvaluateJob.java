package org.cibnet.job;

import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.evaluate.Evaluation;
import org.cibnet.io.Runs;
import org.cibnet.io.TruthReader;
import org.cibnet.io.Warehouse;
import org.cibnet.spark.Kept;

/**
 * evaluate: scores a run against a truth table (--warehouse W --truth PATH [--run-id R], default
 * the newest successful pipeline run). Prints and writes `evaluation`, one row per metric and
 * scope: account precision, recall of operations never labelled (overall and per group) and of
 * labelled ones (out of fold), flag rates per kind and group, in-network share per kind and group,
 * network average precision and flagged-network precision.
 */
public final class EvaluateJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new EvaluateJob(), args);
  }

  @Override
  public String name() {
    return "evaluate";
  }

  @Override
  public String description() {
    return "scores a run against a truth table (--warehouse DIR --truth PATH) into `evaluation`";
  }

  @Override
  public Set<String> options() {
    return Set.of("--warehouse", "--truth", "--run-id");
  }

  @Override
  public Set<String> required() {
    return Set.of("--warehouse", "--truth");
  }

  @Override
  public void run(SparkSession spark, JobOptions o) {
    String truthPath = o.require("--truth");
    Warehouse wh = new Warehouse(spark, o.warehouse());
    String runId =
        o.get("--run-id")
            .orElseGet(
                () ->
                    Runs.requireNewestSucceeded(
                        wh, Runs.SCORED, "run 'pipeline' first, or name one with --run-id"));
    Dataset<Row> truth = TruthReader.read(spark, truthPath).transform(Kept::keep);
    Dataset<Row> members = wh.require(Warehouse.NETWORKS, "detect").filter(Runs.isRun(runId));
    Dataset<Row> scores = wh.require(Warehouse.NETWORK_SCORES, "score").filter(Runs.isRun(runId));
    if (scores.isEmpty()) {
      throw Errors.runWithoutScores(runId, wh.root());
    }
    JobRun.recorded(
        spark,
        o.with("--run-id", runId),
        log -> {
          Dataset<Row> metrics =
              Evaluation.metrics(
                      Evaluation.accountOutcomes(truth, members, scores),
                      Evaluation.networkOutcomes(truth, members, scores))
                  .withColumn("run_id", lit(runId))
                  .withColumn("truth", lit(truthPath))
                  .select(
                      "run_id", "truth", "metric", "scope", "value", "numerator", "denominator");
          wh.replaceRun(Warehouse.EVALUATION, metrics, runId);
          List<Row> rows =
              wh.read(Warehouse.EVALUATION)
                  .filter(Runs.isRun(runId))
                  .orderBy("metric", "scope")
                  .collectAsList();
          log.input("truth_accounts", truth.count());
          log.output(Warehouse.EVALUATION, rows.size());
          print(runId, rows);
          return null;
        });
    Kept.release(truth);
  }

  /** The headline figures first, then each metric per scope. */
  static void print(String runId, List<Row> rows) {
    System.out.println("evaluation of run " + runId);
    List<String> headline =
        List.of(
            "account_precision",
            "unlabelled_operation_recall",
            "labelled_operation_recall",
            "network_average_precision",
            "flagged_network_precision");
    for (String m : headline) {
      rows.stream()
          .filter(r -> r.getString(2).equals(m) && r.getString(3).equals("all"))
          .forEach(
              r ->
                  System.out.printf(
                      "  %-30s %6.3f  (%d of %d)%n",
                      m, r.getDouble(4), r.getLong(5), r.getLong(6)));
    }
    rows.stream()
        .filter(r -> r.getString(2).equals("flag_rate") && r.getString(3).startsWith("kind:"))
        .forEach(
            r ->
                System.out.printf(
                    "  %-30s %6.3f  (%d of %d)%n",
                    "flag_rate " + r.getString(3).substring(5),
                    r.getDouble(4),
                    r.getLong(5),
                    r.getLong(6)));
    System.out.println("  per group                        flagged  in networks  accounts");
    Map<String, double[]> groups = new TreeMap<>();
    for (Row r : rows) {
      if (!r.getString(3).startsWith("kind:")
          && !r.getString(3).equals("all")
          && (r.getString(2).equals("flag_rate") || r.getString(2).equals("in_network_share"))) {
        double[] g = groups.computeIfAbsent(r.getString(3), k -> new double[3]);
        g[r.getString(2).equals("flag_rate") ? 0 : 1] = r.getDouble(4);
        g[2] = r.getLong(6);
      }
    }
    groups.forEach(
        (g, v) -> System.out.printf("    %-30s %6.3f  %11.3f  %8d%n", g, v[0], v[1], (long) v[2]));
  }
}
