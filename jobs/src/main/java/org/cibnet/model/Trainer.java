package org.cibnet.model;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.config.Errors;
import org.cibnet.spark.Kept;

/**
 * Trains the classifier on labelled networks: gradient-boosted trees (hyperparameters chosen by
 * cross-validation with leave-campaign-out folds) against a logistic-regression baseline. Every
 * labelled network gets an out-of-fold score from a model that did not see its campaign; the
 * threshold and all metrics come from those scores.
 */
public final class Trainer {
  /** Fits running side by side (cross-validation and out-of-fold fits). */
  static final int PARALLEL_FITS = 6;

  private static final ExecutorService FITS =
      Executors.newFixedThreadPool(
          PARALLEL_FITS,
          r -> {
            Thread t = new Thread(r, "cibnet-fit");
            t.setDaemon(true);
            return t;
          });

  private Trainer() {}

  /** The outcome of one training. */
  public record Result(
      PipelineModel model,
      String kind,
      Dataset<Row> outOfFold,
      Map<String, Double> importances,
      Map<String, String> params,
      Metrics.Summary gbt,
      Metrics.Summary baseline,
      LinearModel.Spec linear) {
    /** The summary of the family that was kept. */
    public Metrics.Summary chosen() {
      return kind.equals("gbt") ? gbt : baseline;
    }

    /** The families trained, by name: the trees (when trained) and the logistic baseline. */
    public Map<String, Metrics.Summary> families() {
      Map<String, Metrics.Summary> m = new LinkedHashMap<>();
      if (gbt != null) {
        m.put("gbt", gbt);
      }
      m.put("baseline_logistic", baseline);
      return m;
    }
  }

  /** How to train: folds, seed, the trees' size, the precision the threshold aims at, PU step. */
  public record Params(
      int folds,
      long seed,
      int maxIter,
      int maxDepth,
      double targetPrecision,
      double maxNegativeFlagRate,
      double maxThreshold,
      boolean trees,
      double spyQuantile,
      double maxLikelyShare,
      double logisticReg,
      double evidenceFloor) {}

  /**
   * Trains on labelled networks: columns network_id, label (1.0 positive, 0.0 unlabelled),
   * campaign_id, fold, the features, and optionally verified_negative (an analyst called it
   * benign).
   *
   * <p>Unlabelled is not negative. A first logistic model, positives against every unlabelled
   * network, scores each network out of fold; unlabelled networks scoring at least as high as the
   * lowest-scoring positives (the spyQuantile quantile of the positives' scores) are likely
   * operations nobody has removed, and are left out of the negatives from then on (spy technique,
   * {@link PositiveUnlabelled}). The models are then fitted on positives against the remaining
   * negatives, and every network, labelled or not, gets its score from a fold model that never saw
   * it. Metrics and threshold compare positives with the negatives kept.
   */
  public static Result train(Dataset<Row> labelled, Map<String, Integer> directions, Params p) {
    return train(labelled, directions, Set.of(), p);
  }

  /**
   * As {@link #train(Dataset, Map, Params)}; the logistic model reads every feature clipped at its
   * organic reference ({@link OrganicReference}) except the `twoSided` ones.
   */
  public static Result train(
      Dataset<Row> labelled, Map<String, Integer> directions, Set<String> twoSided, Params p) {
    List<String> features = List.copyOf(directions.keySet());
    FoldCounts all = FoldCounts.of(labelled);
    Dataset<Row> data =
        canonicalOrder(PositiveUnlabelled.withVerified(labelled), all.total())
            .transform(Kept::keep);
    VectorAssembler assembler =
        new VectorAssembler()
            .setInputCols(features.toArray(String[]::new))
            .setOutputCol("features_vec")
            .setHandleInvalid("keep");
    // Step 1: positives against all unlabelled networks, out of fold, to find the likely positives.
    List<Integer> firstFolds = all.usableFolds(p.folds());
    Dataset<Row> firstTraining = balance(data, all);
    Logistic lrFit = new Logistic(directions, twoSided, p.logisticReg(), p.evidenceFloor());
    Map<Integer, CompletableFuture<PipelineModel>> firstFits = new LinkedHashMap<>();
    for (int f : firstFolds) {
      firstFits.put(f, fitAsync(() -> lrFit.fit(firstTraining.filter(col("fold").notEqual(f)))));
    }
    Dataset<Row> firstOof = scoreFolds(data, firstFolds, f -> joined(firstFits.get(f)));
    double cutoff = PositiveUnlabelled.spyCutoff(firstOof, p.spyQuantile());
    Dataset<Row> roled =
        PositiveUnlabelled.withRoles(data, firstOof, cutoff, p.maxLikelyShare())
            .transform(Kept::keep);
    Kept.release(firstOof);
    Kept.release(data);
    // Step 2: the models, trained without the likely positives, score every network out of fold.
    Dataset<Row> training =
        roled.filter(col(PositiveUnlabelled.ROLE).notEqual(PositiveUnlabelled.LIKELY_POSITIVE));
    FoldCounts counts = FoldCounts.of(training);
    Dataset<Row> weighted = balance(training, counts).transform(Kept::keep);
    List<Integer> usable = counts.usableFolds(p.folds());
    Map<String, String> params = new LinkedHashMap<>();
    params.put("pu_spy_quantile", String.valueOf(p.spyQuantile()));
    params.put("pu_cutoff", String.valueOf(cutoff));
    try {
      Result lr = logistic(weighted, roled, lrFit, usable, p, null, params);
      if (!p.trees()) {
        return lr;
      }
      return withTrees(weighted, roled, assembler, features, usable, p, lr, params);
    } finally {
      Kept.release(weighted);
      Kept.release(roled);
    }
  }

  /** The trees (maxDepth chosen by leave-campaign-out cross-validation), kept when they beat lr. */
  private static Result withTrees(
      Dataset<Row> data,
      Dataset<Row> scored,
      VectorAssembler assembler,
      List<String> features,
      List<Integer> usable,
      Params p,
      Result lr,
      Map<String, String> params) {
    int maxDepth = p.maxDepth();
    GBTClassifier gbt =
        new GBTClassifier()
            .setFeaturesCol("features_vec")
            .setLabelCol("label")
            .setWeightCol("weight")
            .setSeed(p.seed())
            .setMaxIter(p.maxIter())
            .setMaxDepth(maxDepth);
    Pipeline gbtPipeline = new Pipeline().setStages(new PipelineStage[] {assembler, gbt});
    ParamMap[] grid =
        new ParamGridBuilder()
            .addGrid(
                gbt.maxDepth(),
                IntStream.of(Math.max(2, maxDepth - 2), maxDepth).distinct().toArray())
            .build();
    BinaryClassificationEvaluator prAuc =
        new BinaryClassificationEvaluator()
            .setLabelCol("label")
            .setRawPredictionCol("rawPrediction")
            .setMetricName("areaUnderPR");
    // Leave-campaign-out cross-validation, every fit side by side. CrossValidator fits one fold
    // after another (in parallel only across the grid), and fits on a few thousand networks are
    // bound by job scheduling, not by cores: the fold models of every grid point start at once
    // (each seeded, so the order they finish in is irrelevant). The fold models of the best grid
    // point are also the out-of-fold models.
    List<Map<Integer, CompletableFuture<PipelineModel>>> foldFits = new ArrayList<>();
    List<List<CompletableFuture<Double>>> heldOut = new ArrayList<>();
    for (ParamMap grid1 : grid) {
      Map<Integer, CompletableFuture<PipelineModel>> byFold = new LinkedHashMap<>();
      List<CompletableFuture<Double>> metrics = new ArrayList<>();
      for (int f : usable) {
        CompletableFuture<PipelineModel> fit =
            fitAsync(
                () -> (PipelineModel) gbtPipeline.fit(data.filter(col("fold").notEqual(f)), grid1));
        byFold.put(f, fit);
        metrics.add(
            fit.thenApplyAsync(
                m -> prAuc.evaluate(m.transform(data.filter(col("fold").equalTo(f)))), FITS));
      }
      foldFits.add(byFold);
      heldOut.add(metrics);
    }
    double[] avgPrAuc = new double[grid.length];
    for (int g = 0; g < grid.length; g++) {
      for (CompletableFuture<Double> m : heldOut.get(g)) {
        avgPrAuc[g] += joined(m) / usable.size();
      }
    }
    int bestIndex = argmax(avgPrAuc);
    ParamMap best = grid[bestIndex];
    params.put("maxDepth", String.valueOf(best.get(gbt.maxDepth()).get()));
    params.put("maxIter", String.valueOf(p.maxIter()));
    CompletableFuture<PipelineModel> finalFit =
        fitAsync(() -> (PipelineModel) gbtPipeline.fit(data, best));
    Map<Integer, CompletableFuture<PipelineModel>> bestFolds = foldFits.get(bestIndex);
    Dataset<Row> gbtOof = scoreFolds(scored, usable, f -> joined(bestFolds.get(f)));
    Metrics.Summary gbtSummary = summarize(gbtOof, p, params, "trees_label_frequency");
    PipelineModel finalModel = joined(finalFit);
    double[] imp = ((GBTClassificationModel) finalModel.stages()[1]).featureImportances().toArray();
    Map<String, Double> importances = new LinkedHashMap<>();
    for (int i = 0; i < features.size(); i++) {
      importances.put(features.get(i), imp[i]);
    }
    // With few campaigns the trees can lose to the baseline out of fold; keep whichever family
    // ranks held-out campaigns better (ties to the trees), and say which in the metadata.
    if (lr.baseline().prAuc() > gbtSummary.prAuc()) {
      params.put("family", "logistic (beat trees out of fold)");
      Kept.release(gbtOof);
      return new Result(
          lr.model(),
          lr.kind(),
          lr.outOfFold(),
          lr.importances(),
          params,
          gbtSummary,
          lr.baseline(),
          lr.linear());
    }
    params.put("family", "gbt");
    Kept.release(lr.outOfFold());
    return new Result(
        finalModel, "gbt", gbtOof, importances, params, gbtSummary, lr.baseline(), lr.linear());
  }

  /** A coefficient bound that does not bind. */
  private static final double FREE_BOUND = 1e6;

  /**
   * Features clipped at their organic reference (computed from each fit's own training negatives),
   * standardised, and a logistic regression whose coefficients keep each feature's direction
   * (bound-constrained L-BFGS-B; 0 leaves a feature free), and whose deception signals (direction
   * +-2) weigh at least `floor` per standard deviation: a prior that such a signal is evidence of
   * an operation even when no labelled campaign used it.
   */
  record Logistic(Map<String, Integer> directions, Set<String> twoSided, double reg, double floor) {
    PipelineModel fit(Dataset<Row> training) {
      Map<String, Double> refs = OrganicReference.of(training, directions, twoSided);
      return pipeline(refs).fit(training);
    }

    private Pipeline pipeline(Map<String, Double> refs) {
      int n = directions.size();
      double[] lower = new double[n];
      double[] upper = new double[n];
      int i = 0;
      // Finite "free" bounds: MLlib multiplies bounds by each feature's spread, and an infinite
      // bound of a constant feature (spread 0) would be NaN.
      for (int d : directions.values()) {
        double least = Math.abs(d) >= 2 ? floor : 0.0;
        lower[i] = d > 0 ? least : -FREE_BOUND;
        upper[i] = d < 0 ? -least : FREE_BOUND;
        i++;
      }
      LogisticRegression lr =
          new LogisticRegression()
              .setFeaturesCol("scaled")
              .setLabelCol("label")
              .setWeightCol("weight")
              .setRegParam(reg)
              .setElasticNetParam(0.0)
              .setMaxIter(200)
              .setLowerBoundsOnCoefficients(new DenseMatrix(1, n, lower))
              .setUpperBoundsOnCoefficients(new DenseMatrix(1, n, upper));
      VectorAssembler assembler =
          new VectorAssembler()
              .setInputCols(
                  directions.keySet().stream()
                      .map(OrganicReference::clipped)
                      .toArray(String[]::new))
              .setOutputCol("features_vec")
              .setHandleInvalid("keep");
      return new Pipeline()
          .setStages(
              new PipelineStage[] {
                OrganicReference.clipper(directions, refs),
                assembler,
                new StandardScaler()
                    .setInputCol("features_vec")
                    .setOutputCol("scaled")
                    .setWithMean(true)
                    .setWithStd(true),
                lr
              });
    }
  }

  /**
   * The logistic baseline on standardised features, fitted on `data`, with the out-of-fold scores
   * of every network of `scored`.
   */
  private static Result logistic(
      Dataset<Row> data,
      Dataset<Row> scored,
      Logistic lrFit,
      List<Integer> usable,
      Params p,
      Metrics.Summary gbtSummary,
      Map<String, String> params) {
    List<String> features = List.copyOf(lrFit.directions().keySet());
    // the fold fits and the final fit are independent: fitted side by side
    CompletableFuture<PipelineModel> all = fitAsync(() -> lrFit.fit(data));
    Map<Integer, CompletableFuture<PipelineModel>> foldFits = new LinkedHashMap<>();
    for (int f : usable) {
      foldFits.put(f, fitAsync(() -> lrFit.fit(data.filter(col("fold").notEqual(f)))));
    }
    Dataset<Row> lrOof = scoreFolds(scored, usable, f -> joined(foldFits.get(f)));
    PipelineModel lrAll = joined(all);
    StandardScalerModel scaler = (StandardScalerModel) lrAll.stages()[2];
    LogisticRegressionModel lrModel = (LogisticRegressionModel) lrAll.stages()[3];
    Metrics.Summary lrSummary = summarize(lrOof, p, params, "label_frequency");
    LinearModel.Spec linear =
        new LinearModel.Spec(
            "linear",
            features,
            list(scaler.mean().toArray()),
            list(scaler.std().toArray()),
            list(lrModel.coefficients().toArray()),
            lrModel.intercept(),
            lrSummary.threshold(),
            null,
            Map.of(),
            OrganicReference.inOrder(
                features, OrganicReference.of(data, lrFit.directions(), lrFit.twoSided())));
    Map<String, Double> lrImportance = new LinkedHashMap<>(new LinearModel(linear).importances());
    params.putIfAbsent("family", "logistic");
    return new Result(
        lrAll, "logistic", lrOof, lrImportance, params, gbtSummary, lrSummary, linear);
  }

  /**
   * The held-out figures and threshold of one family's out-of-fold scores. Trained against
   * unlabelled networks, some of them operations, a classifier scores positives below what they are
   * worth by the share of operations that carry labels (Elkan and Noto's label frequency c,
   * estimated as the mean held-out score of the positives), so the cap on the threshold is
   * train.max_threshold times c.
   */
  private static Metrics.Summary summarize(
      Dataset<Row> outOfFold, Params p, Map<String, String> params, String key) {
    Dataset<Row> evaluated = PositiveUnlabelled.evaluated(outOfFold);
    double c = Metrics.labelFrequency(evaluated);
    params.put(key, String.valueOf(c));
    return Metrics.summarize(
        evaluated, p.targetPrecision(), p.maxNegativeFlagRate(), p.maxThreshold() * c, p.seed());
  }

  /** Labelled networks per training partition. */
  static final long NETWORKS_PER_PARTITION = 100_000;

  /**
   * The same networks in the same partitions and order, however the feature table's files were
   * written: the trees and the logistic fit sum gradients and bin statistics as doubles, so rows in
   * another order gave other last bits, another split at a near-tie and scores up to 0.38 apart on
   * identical features (two 1M-post pipeline runs). Hash partitioning on the network id (one
   * partition per NETWORKS_PER_PARTITION of the `rows` labelled networks), sorted within each.
   */
  static Dataset<Row> canonicalOrder(Dataset<Row> labelled, long rows) {
    int partitions =
        (int) Math.max(1, (rows + NETWORKS_PER_PARTITION - 1) / NETWORKS_PER_PARTITION);
    return labelled.repartition(partitions, col("network_id")).sortWithinPartitions("network_id");
  }

  /** Inverse class frequency, so a few positives weigh as much as many negatives. */
  static Dataset<Row> balance(Dataset<Row> d, FoldCounts counts) {
    long pos = counts.positives();
    long neg = counts.total() - pos;
    double total = pos + neg;
    return d.withColumn(
        "weight",
        when(col("label").equalTo(1.0), lit(total / (2.0 * Math.max(pos, 1))))
            .otherwise(lit(total / (2.0 * Math.max(neg, 1)))));
  }

  /**
   * Labelled networks per class, in all and per fold (rows without a fold count for the class
   * weights only, as a fold filter never selects them), from one aggregation.
   */
  record FoldCounts(long total, long positives, Map<Integer, long[]> byFold) {
    static FoldCounts of(Dataset<Row> labelled) {
      long total = 0;
      long positives = 0;
      Map<Integer, long[]> byFold = new HashMap<>();
      for (Row r : labelled.groupBy("fold", "label").count().collectAsList()) {
        boolean positive = !r.isNullAt(1) && r.getDouble(1) == 1.0;
        total += r.getLong(2);
        positives += positive ? r.getLong(2) : 0;
        if (!r.isNullAt(0)) {
          byFold.computeIfAbsent(r.getInt(0), f -> new long[2])[positive ? 1 : 0] += r.getLong(2);
        }
      }
      return new FoldCounts(total, positives, byFold);
    }

    /**
     * Folds with networks to score and both classes among the other folds (else no out-of-fold
     * score).
     */
    List<Integer> usableFolds(int folds) {
      long neg = byFold.values().stream().mapToLong(c -> c[0]).sum();
      long pos = byFold.values().stream().mapToLong(c -> c[1]).sum();
      List<Integer> usable = new ArrayList<>();
      for (int f = 0; f < folds; f++) {
        long[] in = byFold.getOrDefault(f, new long[2]);
        if (in[0] + in[1] > 0 && neg - in[0] > 0 && pos - in[1] > 0) {
          usable.add(f);
        }
      }
      return usable;
    }
  }

  /**
   * Each usable fold scored by the model of that fold (fit without it): network_id, campaign_id,
   * label, fold, score; unioned in fold order.
   */
  static Dataset<Row> scoreFolds(
      Dataset<Row> data, List<Integer> folds, IntFunction<Model<?>> modelOfFold) {
    if (folds.isEmpty()) {
      throw Errors.noUsableFold();
    }
    Dataset<Row> out = null;
    for (int f : folds) {
      Dataset<Row> scored =
          modelOfFold
              .apply(f)
              .transform(data.filter(col("fold").equalTo(f)))
              .select(
                  col("network_id"),
                  col("campaign_id"),
                  col("label"),
                  col("fold"),
                  vector_to_array(col("probability"), "float64").getItem(1).as("score"),
                  roleOf(data),
                  eligibleOf(data));
      out = out == null ? scored : out.union(scored);
    }
    return out.transform(Kept::keep);
  }

  /** Whether coordination may flag the network (true when the data does not say). */
  private static Column eligibleOf(Dataset<Row> data) {
    return Arrays.asList(data.columns()).contains(Flags.ELIGIBLE)
        ? col(Flags.ELIGIBLE)
        : lit(true).as(Flags.ELIGIBLE);
  }

  /** The network's PU role when the data has one (null in the first step). */
  private static Column roleOf(Dataset<Row> data) {
    return Arrays.asList(data.columns()).contains(PositiveUnlabelled.ROLE)
        ? col(PositiveUnlabelled.ROLE)
        : lit(null).cast("string").as(PositiveUnlabelled.ROLE);
  }

  /**
   * Fits on the small training sets are bound by job scheduling, not by cores: running a few side
   * by side keeps the executors busy. Each fit is seeded, so the order they finish in is
   * irrelevant.
   */
  private static <T> CompletableFuture<T> fitAsync(Supplier<T> fit) {
    return CompletableFuture.supplyAsync(fit, FITS);
  }

  /** The fit's result; a failure surfaces as the fit's own exception, not wrapped. */
  private static <T> T joined(CompletableFuture<T> fit) {
    try {
      return fit.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private static List<Double> list(double[] v) {
    List<Double> l = new ArrayList<>();
    for (double x : v) {
      l.add(x);
    }
    return l;
  }
}
