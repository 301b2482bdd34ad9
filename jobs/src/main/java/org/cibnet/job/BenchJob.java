package org.cibnet.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.config.Setting;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.io.Inputs;
import org.cibnet.io.Warehouse;
import org.cibnet.network.CoordinationGraph;
import org.cibnet.network.PairBuilder;
import org.cibnet.spark.SqlConfOverride;
import org.cibnet.stage.DetectStage;

/**
 * bench: generates a world at --scale (--seed), then times each detect signal alone (wall time,
 * pairs considered, edges kept, peak heap) and the whole pipeline stage by stage. Work files go to
 * --out (default target/bench); --input DIR or --skip-generate time existing data, --stages a,b
 * only some signals (or "pipeline"). Figures belong in docs/benchmarks.md with the date and
 * machine.
 */
public final class BenchJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new BenchJob(), args);
  }

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String description() {
    return "generates data at a scale and times every stage (--scale N --out DIR)";
  }

  @Override
  public Set<String> options() {
    return Set.of(
        "--out", "--input", "--scale", "--seed", "--skip-generate", "--stages", "--skew-accounts");
  }

  private static final Map<String, Setting> SIGNALS = new LinkedHashMap<>();

  static {
    SIGNALS.put("co_link", SettingKeys.COLINK);
    SIGNALS.put("co_reshare", SettingKeys.CORESHARE);
    SIGNALS.put("co_reply", SettingKeys.COREPLY);
    SIGNALS.put("co_text", SettingKeys.COTEXT);
    SIGNALS.put("near_text", SettingKeys.NEARTEXT);
    SIGNALS.put("hashtag_set", SettingKeys.HASHTAGS);
    SIGNALS.put("shared_photo", SettingKeys.PHOTO);
    SIGNALS.put("mirrored_persona", SettingKeys.PERSONA);
    SIGNALS.put("shared_payer", SettingKeys.PAYER);
    SIGNALS.put("sync_activity", SettingKeys.SYNC);
    SIGNALS.put("slow_wave", SettingKeys.SLOW);
    SIGNALS.put("amplification", SettingKeys.AMPLIFY);
  }

  @Override
  public void run(SparkSession spark, JobOptions options) {
    if (options.get("--skew-accounts").isPresent()) {
      skew(spark, options.longOption("--skew-accounts", 0), options.settings());
      return;
    }
    String out = options.get("--out").orElse("target/bench").replaceAll("/+$", "");
    Set<String> stages = stages(options);
    // --input (or --skip-generate: the data of an earlier bench in --out) times existing data
    String data = options.get("--input").orElse(out + "/data");
    if (options.get("--input").isEmpty() && !options.flag("--skip-generate")) {
      long t0 = System.nanoTime();
      resetPeaks();
      new GenerateJob().run(spark, options.withJob("generate").with("--out", data));
      report("generate", t0, -1, -1);
    }

    JobOptions o = options.with("--input", data).with("--warehouse", out + "/warehouse");
    Inputs in = Inputs.load(spark, o, Timestamp.from(Instant.now()));
    Dataset<Row> posts = in.posts().cache();
    Dataset<Row> accounts = in.accounts().cache();
    long nPosts = posts.count();
    accounts.count();
    System.out.printf(
        "%nbench: %d posts%n%-20s %10s %14s %12s %10s%n",
        nPosts, "stage", "seconds", "pairs considered", "edges", "peak heap MB");
    // In the order asked for: the first stage of a JVM carries its warm-up (~20 s).
    for (String stage : stages) {
      Setting signal = SIGNALS.get(stage);
      if (signal == null) {
        continue;
      }
      Settings only = o.settings();
      for (Setting s : SIGNALS.values()) {
        only = only.with(s, s == signal);
      }
      resetPeaks();
      long t = System.nanoTime();
      // planned as detect plans them
      try (SqlConfOverride sort = DetectStage.sortAggregates(spark)) {
        CoordinationGraph.Detection d =
            CoordinationGraph.detect(posts, accounts, in.hasAds() ? in.ads() : null, only);
        long edges = d.edges().count();
        List<Row> considered =
            d.considered().agg(expr("coalesce(sum(pairs_considered), 0)")).collectAsList();
        report(stage, t, considered.get(0).getLong(0), edges);
      }
    }
    if (!stages.contains(PIPELINE)) {
      return;
    }
    resetPeaks();
    long tp = System.nanoTime();
    new PipelineJob().run(spark, o.withJob("pipeline"));
    report("pipeline (all)", tp, -1, -1);
    Warehouse wh = new Warehouse(spark, out + "/warehouse");
    wh.read(Warehouse.RUNS)
        .filter(col("job").notEqual("pipeline"))
        .orderBy(col("started_at").desc())
        .limit(6)
        .selectExpr(
            "job", "round(unix_millis(finished_at) - unix_millis(started_at)) / 1000 as seconds")
        .orderBy("seconds")
        .show(false);
    System.out.printf(
        "posts per second through the pipeline: %.0f%n", nPosts / ((System.nanoTime() - tp) / 1e9));
  }

  private static final String PIPELINE = "pipeline";

  /** --stages a,b: which signals (and "pipeline") to time; all by default. */
  static Set<String> stages(JobOptions options) {
    Set<String> known = new LinkedHashSet<>(SIGNALS.keySet());
    known.add(PIPELINE);
    if (options.get("--stages").isEmpty()) {
      return known;
    }
    Set<String> chosen = new LinkedHashSet<>();
    for (String stage : options.get("--stages").get().split(",")) {
      if (!known.contains(stage.trim())) {
        throw Errors.unknownChoice("bench --stages stage", stage.trim(), known);
      }
      chosen.add(stage.trim());
    }
    return chosen;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
  }

  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum / (1024 * 1024);
  }

  /**
   * The skew run (--skew-accounts N): one URL shared by N accounts within one minute goes through
   * co-link's blocking; it must come out as one burst, with pairs considered a small multiple of N
   * instead of N(N-1)/2.
   */
  static void skew(SparkSession spark, long n, Settings s) {
    resetPeaks();
    long t0 = System.nanoTime();
    Dataset<Row> actions =
        spark
            .range(n)
            .selectExpr(
                "'co_link' as signal",
                "'viral.example/x' as object",
                "concat('acc', id) as account_id",
                "concat('p', id) as evidence",
                "1654077600L + id % 60 as ts");
    PairBuilder.Pairs p =
        PairBuilder.windowed(
            actions, s.getInt(SettingKeys.WINDOW_SECONDS), s.getInt(SettingKeys.MAX_KEY_MEMBERS));
    long pairs = p.pairs().count();
    long considered =
        p.considered().agg(expr("coalesce(sum(pairs_considered), 0)")).first().getLong(0);
    long bursts = p.bursts().count();
    System.out.printf(
        "%nbench skew: %d accounts share one URL within a minute: %d pairs considered, %d pairs,"
            + " %d burst(s) (all pairs would be %d)%n",
        n, considered, pairs, bursts, n * (n - 1) / 2);
    report("skew", t0, considered, pairs);
  }

  private static void report(String stage, long t0, long considered, long edges) {
    System.out.printf(
        "%-20s %10.1f %14s %12s %10d%n",
        stage,
        (System.nanoTime() - t0) / 1e9,
        considered < 0 ? "" : String.valueOf(considered),
        edges < 0 ? "" : String.valueOf(edges),
        peakHeapMb());
  }
}
