package org.cibnet.report;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.io.InputReader;
import org.cibnet.io.Runs;
import org.cibnet.io.Warehouse;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The data of the HTML report and of the notebooks' in-depth views, read from a warehouse: the
 * report job only renders and writes what this gathers.
 */
public final class ReportData {
  private ReportData() {}

  /**
   * What the report shows of one run: the score distribution, the model's quality at the run's
   * threshold, and the `topN` networks in depth. `input` is the run's input folder when known
   * (platforms and posting hours need it).
   */
  public static HtmlReport.Content gather(
      SparkSession spark, Warehouse wh, String runId, Optional<String> input, int topN) {
    Dataset<Row> scores =
        Runs.ofRun(wh.require(Warehouse.NETWORK_SCORES, "score"), runId).persist();
    if (scores.isEmpty()) {
      throw Errors.runWithoutScores(runId, wh.root());
    }
    Row any = scores.orderBy("network_id").first();
    String version = any.getAs("model_version");
    double threshold = any.getAs("threshold");
    long[] bins = new long[20];
    for (Row r :
        scores
            .groupBy(least(floor(col("score").multiply(20)), lit(19)).cast("int").as("bin"))
            .agg(count("*"))
            .collectAsList()) {
      bins[r.getInt(0)] = r.getLong(1);
    }
    long flagged = scores.filter(col("flagged")).count();
    List<Row> top =
        scores
            .orderBy(col("flagged").desc(), col("score").desc(), col("network_id"))
            .limit(topN)
            .collectAsList();

    Dataset<Row> posts = null;
    Dataset<Row> accounts = null;
    String note = null;
    try {
      if (input.isPresent()) {
        accounts = InputReader.read(spark, input.get(), "accounts").rows();
        posts = InputReader.read(spark, input.get(), "posts").rows();
      }
    } catch (RuntimeException e) {
      note =
          "The run's input ("
              + input.get()
              + ") could not be read, so platforms and posting hours are left out: "
              + Errors.firstLine(e.getMessage());
      posts = null;
      accounts = null;
    }
    if (input.isEmpty()) {
      note =
          "The run's input is not known (pass --input DIR), so platforms and posting hours are left"
              + " out.";
    }
    Dataset<Row> members = Runs.ofRun(wh.read(Warehouse.NETWORKS), runId);
    Dataset<Row> edges = Runs.ofRun(wh.read(Warehouse.COORDINATION_EDGES), runId);
    Dataset<Row> features =
        wh.exists(Warehouse.NETWORK_FEATURES)
            ? Runs.ofRun(wh.read(Warehouse.NETWORK_FEATURES), runId)
            : null;
    List<HtmlReport.Network> networks = new ArrayList<>();
    for (Row r : top) {
      networks.add(network(r, members, edges, features, posts, accounts));
    }
    scores.unpersist();
    return new HtmlReport.Content(
        wh.root(),
        runId,
        String.valueOf((Object) any.getAs("as_of")),
        version,
        threshold,
        scores.count(),
        flagged,
        bins,
        quality(wh, version, threshold),
        networks,
        note);
  }

  /**
   * One network of a run as the report draws it (members, strongest edges, platforms, posting
   * hours, declared and likely clock), for notebooks that look at a network in depth.
   */
  public static HtmlReport.Network inDepth(
      SparkSession spark, Warehouse wh, String runId, String networkId) {
    List<Row> score =
        wh.read(Warehouse.NETWORK_SCORES)
            .filter(Runs.isRun(runId).and(col("network_id").equalTo(networkId)))
            .collectAsList();
    if (score.isEmpty()) {
      throw Errors.unknownNetwork(networkId, "network_scores of run " + runId + " in " + wh.root());
    }
    Optional<String> input = Runs.parameter(wh, runId, "--input");
    Dataset<Row> accounts =
        input.map(in -> InputReader.read(spark, in, "accounts").rows()).orElse(null);
    Dataset<Row> posts = input.map(in -> InputReader.read(spark, in, "posts").rows()).orElse(null);
    return network(
        score.get(0),
        Runs.ofRun(wh.read(Warehouse.NETWORKS), runId),
        Runs.ofRun(wh.read(Warehouse.COORDINATION_EDGES), runId),
        wh.exists(Warehouse.NETWORK_FEATURES)
            ? Runs.ofRun(wh.read(Warehouse.NETWORK_FEATURES), runId)
            : null,
        posts,
        accounts);
  }

  private static HtmlReport.Network network(
      Row s,
      Dataset<Row> members,
      Dataset<Row> edges,
      Dataset<Row> features,
      Dataset<Row> posts,
      Dataset<Row> accounts) {
    String id = s.getAs("network_id");
    List<String> ids =
        members
            .filter(col("network_id").equalTo(id))
            .select("account_id")
            .orderBy("account_id")
            .as(Encoders.STRING())
            .collectAsList();
    Dataset<Row> memberSet = members.filter(col("network_id").equalTo(id)).select("account_id");
    Dataset<Row> inside =
        edges
            .join(memberSet.withColumnRenamed("account_id", "account_a"), "account_a")
            .join(memberSet.withColumnRenamed("account_id", "account_b"), "account_b");
    Map<String, Long> bySignal = new LinkedHashMap<>();
    for (Row r : inside.groupBy("signal").agg(count("*")).orderBy("signal").collectAsList()) {
      bySignal.put(r.getString(0), r.getLong(1));
    }
    // The strongest edges only: a drawing of thousands of lines shows nothing.
    List<String[]> drawn = new ArrayList<>();
    for (Row r :
        inside
            .orderBy(col("weight").desc(), col("account_a"), col("account_b"), col("signal"))
            .limit(600)
            .select("account_a", "account_b", "signal")
            .collectAsList()) {
      drawn.add(new String[] {r.getString(0), r.getString(1), r.getString(2)});
    }
    Map<String, String> platform = new LinkedHashMap<>();
    long[] hours = null;
    if (accounts != null) {
      for (Row r :
          accounts.join(memberSet, "account_id").select("account_id", "platform").collectAsList()) {
        platform.put(r.getString(0), r.getString(1));
      }
      hours = new long[24];
      for (Row r :
          posts
              .join(memberSet, "account_id")
              .groupBy(hour(col("created_at")))
              .agg(count("*"))
              .collectAsList()) {
        hours[r.getInt(0)] = r.getLong(1);
      }
    }
    Double declared = null;
    Integer likely = null;
    if (features != null) {
      List<Row> f =
          features
              .filter(col("network_id").equalTo(id))
              .select("declared_offset", "likely_utc_offset")
              .collectAsList();
      if (!f.isEmpty()) {
        declared = f.get(0).isNullAt(0) ? null : f.get(0).getDouble(0);
        likely = f.get(0).isNullAt(1) ? null : ((Number) f.get(0).get(1)).intValue();
      }
    }
    String evidence =
        Arrays.asList(s.schema().fieldNames()).contains("flag_evidence")
            ? s.getAs("flag_evidence")
            : null;
    return new HtmlReport.Network(
        id,
        s.getAs("score"),
        s.getAs("flagged"),
        evidence,
        s.<Long>getAs("n_accounts"),
        s.getList(s.fieldIndex("top_reasons")),
        s.getAs("nearest_campaign"),
        s.getAs("campaign_similarity"),
        s.isNullAt(s.fieldIndex("shared_assets"))
            ? List.of()
            : s.getList(s.fieldIndex("shared_assets")),
        s.getAs("likely_origin_country"),
        ids,
        platform,
        drawn,
        bySignal,
        hours,
        declared,
        likely);
  }

  private static HtmlReport.ModelQuality quality(Warehouse wh, String version, double threshold) {
    if (!wh.exists(Warehouse.MODEL_METRICS)) {
      return null;
    }
    List<Row> rows =
        wh.read(Warehouse.MODEL_METRICS)
            .filter(col("model_version").equalTo(version))
            .orderBy(abs(col("threshold").minus(threshold)), col("model"))
            .limit(1)
            .collectAsList();
    if (rows.isEmpty()) {
      return null;
    }
    Row m = rows.get(0);
    List<double[]> curve = new ArrayList<>();
    for (Row p : m.<Row>getList(m.fieldIndex("pr_curve"))) {
      curve.add(new double[] {p.getDouble(0), p.getDouble(1), p.getDouble(2)});
    }
    Map<String, Double> recall =
        m.isNullAt(m.fieldIndex("campaign_recall"))
            ? Map.of()
            : CollectionConverters.asJava(
                m.<scala.collection.Map<String, Double>>getAs("campaign_recall"));
    return new HtmlReport.ModelQuality(
        m.getAs("model"),
        m.getAs("pr_auc"),
        m.getAs("roc_auc"),
        m.getAs("threshold"),
        m.getAs("precision_at_threshold"),
        m.getAs("recall_at_threshold"),
        curve,
        recall);
  }
}
