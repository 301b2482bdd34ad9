package org.cibnet.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.CibnetException;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.io.InputReader;
import org.cibnet.io.RunLog;
import org.cibnet.io.Warehouse;
import org.cibnet.report.HtmlReport;

/**
 * report: a self-contained HTML report of one run (--run-id, else the newest successful pipeline):
 * score distribution, precision-recall curve, top networks with reasons and closest removed
 * campaign, and for each top network its graph and posting hours against its declared clock.
 * Written to --out (default WAREHOUSE/report.html) through Hadoop's FileSystem.
 */
public final class ReportJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new ReportJob(), args);
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public String description() {
    return "a self-contained HTML report with plots from the warehouse (--out FILE)";
  }

  @Override
  public java.util.Set<String> options() {
    return java.util.Set.of("--warehouse", "--out", "--run-id", "--input");
  }

  @Override
  public java.util.Set<String> required() {
    return java.util.Set.of("--warehouse");
  }

  @Override
  public void run(SparkSession spark, JobOptions o) {
    Warehouse wh = new Warehouse(spark, o.warehouse());
    String runId = o.get("--run-id").orElseGet(() -> newestPipeline(wh));
    String out = o.get("--out").orElse(wh.root() + "/report.html");
    HtmlReport.Content content = gather(spark, wh, runId, o);
    write(spark, out, HtmlReport.render(content));
    System.out.printf("report: %d networks (%d flagged) of run %s written to %s%n", content.networks(),
        content.flagged(), runId, out);
  }

  static String newestPipeline(Warehouse wh) {
    List<Row> rows = wh.require(Warehouse.RUNS, "pipeline")
        .filter(col("job").isin("pipeline", "score").and(col("status").equalTo(RunLog.SUCCEEDED)))
        .orderBy(col("job").equalTo("pipeline").desc(), col("finished_at").desc(), col("run_id").desc())
        .select("run_id").limit(1).collectAsList();
    if (rows.isEmpty()) {
      throw new CibnetException("No successful pipeline or score run in " + wh.root() + ": run 'pipeline' first.");
    }
    return rows.get(0).getString(0);
  }

  static HtmlReport.Content gather(SparkSession spark, Warehouse wh, String runId, JobOptions o) {
    Dataset<Row> scores = wh.require(Warehouse.NETWORK_SCORES, "score").filter(col("run_id").equalTo(runId)).persist();
    if (scores.isEmpty()) {
      throw new CibnetException("Run " + runId + " has no rows in network_scores of " + wh.root() + ".");
    }
    Row any = scores.orderBy("network_id").first();
    String version = any.getAs("model_version");
    double threshold = any.getAs("threshold");
    long[] bins = new long[20];
    for (Row r : scores.groupBy(least(floor(col("score").multiply(20)), lit(19)).cast("int").as("bin"))
        .agg(count("*")).collectAsList()) {
      bins[r.getInt(0)] = r.getLong(1);
    }
    long flagged = scores.filter(col("flagged")).count();
    int topN = o.settings().getInt(SettingKeys.REPORT_TOP_NETWORKS);
    List<Row> top = scores.orderBy(col("flagged").desc(), col("score").desc(), col("network_id")).limit(topN)
        .collectAsList();

    Optional<String> input = o.get("--input").or(() -> inputOf(wh, runId));
    Dataset<Row> posts = null;
    Dataset<Row> accounts = null;
    String note = null;
    try {
      if (input.isPresent()) {
        accounts = InputReader.read(spark, input.get(), "accounts").rows();
        posts = InputReader.read(spark, input.get(), "posts").rows();
      }
    } catch (RuntimeException e) {
      note = "The run's input (" + input.get() + ") could not be read, so platforms and posting hours are left out: "
          + org.cibnet.config.Errors.firstLine(e.getMessage());
      posts = null;
      accounts = null;
    }
    if (input.isEmpty()) {
      note = "The run's input is not known (pass --input DIR), so platforms and posting hours are left out.";
    }
    Dataset<Row> members = wh.read(Warehouse.NETWORKS).filter(col("run_id").equalTo(runId));
    Dataset<Row> edges = wh.read(Warehouse.COORDINATION_EDGES).filter(col("run_id").equalTo(runId));
    Dataset<Row> features = wh.exists(Warehouse.NETWORK_FEATURES)
        ? wh.read(Warehouse.NETWORK_FEATURES).filter(col("run_id").equalTo(runId)) : null;
    List<HtmlReport.Network> networks = new ArrayList<>();
    for (Row r : top) {
      networks.add(network(r, members, edges, features, posts, accounts));
    }
    scores.unpersist();
    return new HtmlReport.Content(wh.root(), runId, String.valueOf((Object) any.getAs("as_of")), version, threshold,
        scores.count(), flagged, bins, quality(wh, version, threshold), networks, note);
  }

  /**
   * One network of a run as the report draws it (members, strongest edges, platforms, posting
   * hours, declared and likely clock), for notebooks that look at a network in depth.
   */
  public static HtmlReport.Network inDepth(SparkSession spark, Warehouse wh, String runId, String networkId) {
    List<Row> score = wh.read(Warehouse.NETWORK_SCORES)
        .filter(col("run_id").equalTo(runId).and(col("network_id").equalTo(networkId))).collectAsList();
    if (score.isEmpty()) {
      throw new CibnetException("No network " + networkId + " in network_scores of run " + runId + " in " + wh.root());
    }
    Optional<String> input = inputOf(wh, runId);
    Dataset<Row> accounts = input.map(in -> InputReader.read(spark, in, "accounts").rows()).orElse(null);
    Dataset<Row> posts = input.map(in -> InputReader.read(spark, in, "posts").rows()).orElse(null);
    return network(score.get(0), wh.read(Warehouse.NETWORKS).filter(col("run_id").equalTo(runId)),
        wh.read(Warehouse.COORDINATION_EDGES).filter(col("run_id").equalTo(runId)),
        wh.exists(Warehouse.NETWORK_FEATURES)
            ? wh.read(Warehouse.NETWORK_FEATURES).filter(col("run_id").equalTo(runId)) : null, posts, accounts);
  }

  /** The newest successful pipeline (else score) run of a warehouse. */
  public static String newestRun(Warehouse wh) {
    return newestPipeline(wh);
  }

  private static Optional<String> inputOf(Warehouse wh, String runId) {
    return wh.read(Warehouse.RUNS).filter(col("run_id").equalTo(runId))
        .select(col("parameters").getItem("--input")).as(Encoders.STRING()).collectAsList().stream()
        .filter(java.util.Objects::nonNull).findFirst();
  }

  private static HtmlReport.Network network(Row s, Dataset<Row> members, Dataset<Row> edges, Dataset<Row> features,
      Dataset<Row> posts, Dataset<Row> accounts) {
    String id = s.getAs("network_id");
    List<String> ids = members.filter(col("network_id").equalTo(id)).select("account_id").orderBy("account_id")
        .as(Encoders.STRING()).collectAsList();
    Dataset<Row> memberSet = members.filter(col("network_id").equalTo(id)).select("account_id");
    Dataset<Row> inside = edges.join(memberSet.withColumnRenamed("account_id", "account_a"), "account_a")
        .join(memberSet.withColumnRenamed("account_id", "account_b"), "account_b");
    Map<String, Long> bySignal = new LinkedHashMap<>();
    for (Row r : inside.groupBy("signal").agg(count("*")).orderBy("signal").collectAsList()) {
      bySignal.put(r.getString(0), r.getLong(1));
    }
    // The strongest edges only: a drawing of thousands of lines shows nothing.
    List<String[]> drawn = new ArrayList<>();
    for (Row r : inside.orderBy(col("weight").desc(), col("account_a"), col("account_b"), col("signal")).limit(600)
        .select("account_a", "account_b", "signal").collectAsList()) {
      drawn.add(new String[] {r.getString(0), r.getString(1), r.getString(2)});
    }
    Map<String, String> platform = new LinkedHashMap<>();
    long[] hours = null;
    if (accounts != null) {
      for (Row r : accounts.join(memberSet, "account_id").select("account_id", "platform").collectAsList()) {
        platform.put(r.getString(0), r.getString(1));
      }
      hours = new long[24];
      for (Row r : posts.join(memberSet, "account_id").groupBy(hour(col("created_at"))).agg(count("*"))
          .collectAsList()) {
        hours[r.getInt(0)] = r.getLong(1);
      }
    }
    Double declared = null;
    Integer likely = null;
    if (features != null) {
      List<Row> f = features.filter(col("network_id").equalTo(id)).select("declared_offset", "likely_utc_offset")
          .collectAsList();
      if (!f.isEmpty()) {
        declared = f.get(0).isNullAt(0) ? null : f.get(0).getDouble(0);
        likely = f.get(0).isNullAt(1) ? null : ((Number) f.get(0).get(1)).intValue();
      }
    }
    String evidence = java.util.Arrays.asList(s.schema().fieldNames()).contains("flag_evidence")
        ? s.getAs("flag_evidence") : null;
    return new HtmlReport.Network(id, s.getAs("score"), s.getAs("flagged"), evidence, s.<Long>getAs("n_accounts"),
        s.getList(s.fieldIndex("top_reasons")), s.getAs("nearest_campaign"), s.getAs("campaign_similarity"),
        s.isNullAt(s.fieldIndex("shared_assets")) ? List.of() : s.getList(s.fieldIndex("shared_assets")),
        s.getAs("likely_origin_country"), ids, platform, drawn, bySignal, hours, declared, likely);
  }

  private static HtmlReport.ModelQuality quality(Warehouse wh, String version, double threshold) {
    if (!wh.exists(Warehouse.MODEL_METRICS)) {
      return null;
    }
    List<Row> rows = wh.read(Warehouse.MODEL_METRICS).filter(col("model_version").equalTo(version))
        .orderBy(org.apache.spark.sql.functions.abs(col("threshold").minus(threshold)), col("model"))
        .limit(1).collectAsList();
    if (rows.isEmpty()) {
      return null;
    }
    Row m = rows.get(0);
    List<double[]> curve = new ArrayList<>();
    for (Row p : m.<Row>getList(m.fieldIndex("pr_curve"))) {
      curve.add(new double[] {p.getDouble(0), p.getDouble(1), p.getDouble(2)});
    }
    Map<String, Double> recall = m.isNullAt(m.fieldIndex("campaign_recall")) ? Map.of()
        : scala.jdk.javaapi.CollectionConverters.asJava(m.<scala.collection.Map<String, Double>>getAs("campaign_recall"));
    return new HtmlReport.ModelQuality(m.getAs("model"), m.getAs("pr_auc"), m.getAs("roc_auc"), m.getAs("threshold"),
        m.getAs("precision_at_threshold"), m.getAs("recall_at_threshold"), curve, recall);
  }

  static void write(SparkSession spark, String file, String html) {
    Path p = new Path(file);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(p, true)) {
        out.write(html.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new CibnetException("Cannot write the report to " + file + ": " + e.getMessage(), e);
    }
  }
}
