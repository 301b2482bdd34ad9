package org.cibnet.model;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Trains the classifier on labelled networks: gradient-boosted trees (hyperparameters chosen by
 * cross-validation with leave-campaign-out folds through CrossValidator's foldCol) against a
 * logistic-regression baseline. Every labelled network gets an out-of-fold score from a model that
 * did not see its campaign; the threshold and all metrics come from those scores.
 */
public final class Trainer {
  private Trainer() {}

  /** The outcome of one training. */
  public record Result(PipelineModel model, String kind, Dataset<Row> outOfFold,
      Map<String, Double> importances, Map<String, String> params, Metrics.Summary gbt,
      Metrics.Summary baseline, LinearModel.Spec linear) {
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

  /** Training input: the feature columns, label, campaign_id, fold and a class-balancing weight. */
  public static Result train(Dataset<Row> labelled, List<String> features, int folds, long seed,
      int maxIter, int maxDepth, double targetPrecision) {
    return train(labelled, features, folds, seed, maxIter, maxDepth, targetPrecision, true);
  }

  /**
   * As above; without trees only the logistic model is fitted (backtests retrain at every date,
   * where the trees' cross-validation costs minutes and the shipped default is logistic anyway).
   */
  public static Result train(Dataset<Row> labelled, List<String> features, int folds, long seed,
      int maxIter, int maxDepth, double targetPrecision, boolean trees) {
    Dataset<Row> data = balance(labelled).persist();
    VectorAssembler assembler = new VectorAssembler()
        .setInputCols(features.toArray(String[]::new)).setOutputCol("features_vec")
        .setHandleInvalid("keep");
    if (!trees) {
      Result lr = logistic(data, assembler, features, folds, targetPrecision, seed, null, new LinkedHashMap<>());
      data.unpersist();
      return lr;
    }
    GBTClassifier gbt = new GBTClassifier().setFeaturesCol("features_vec").setLabelCol("label")
        .setWeightCol("weight").setSeed(seed).setMaxIter(maxIter).setMaxDepth(maxDepth);
    Pipeline gbtPipeline = new Pipeline().setStages(new PipelineStage[] {assembler, gbt});
    ParamMap[] grid = new ParamGridBuilder()
        .addGrid(gbt.maxDepth(), new int[] {Math.max(2, maxDepth - 2), maxDepth})
        .build();
    BinaryClassificationEvaluator prAuc = new BinaryClassificationEvaluator()
        .setLabelCol("label").setRawPredictionCol("rawPrediction").setMetricName("areaUnderPR");
    CrossValidatorModel cv = new CrossValidator().setEstimator(gbtPipeline).setEstimatorParamMaps(grid)
        .setEvaluator(prAuc).setFoldCol("fold").setNumFolds(folds).setSeed(seed).fit(data);
    ParamMap best = grid[argmax(cv.avgMetrics())];
    Map<String, String> params = new LinkedHashMap<>();
    params.put("maxDepth", String.valueOf(best.get(gbt.maxDepth()).get()));
    params.put("maxIter", String.valueOf(maxIter));

    Dataset<Row> gbtOof = outOfFold(gbtPipeline, best, data, folds);
    PipelineModel finalModel = gbtPipeline.fit(data, best);
    double[] imp = ((GBTClassificationModel) finalModel.stages()[1]).featureImportances().toArray();
    Map<String, Double> importances = new LinkedHashMap<>();
    for (int i = 0; i < features.size(); i++) {
      importances.put(features.get(i), imp[i]);
    }
    Metrics.Summary gbtSummary = Metrics.summarize(gbtOof, targetPrecision, seed);
    Result lr = logistic(data, assembler, features, folds, targetPrecision, seed, gbtSummary, params);
    data.unpersist();
    // With few campaigns the trees can lose to the baseline out of fold; keep whichever family
    // ranks held-out campaigns better (ties to the trees), and say which in the metadata.
    if (lr.baseline().prAuc() > gbtSummary.prAuc()) {
      params.put("family", "logistic (beat trees out of fold)");
      return lr;
    }
    params.put("family", "gbt");
    return new Result(finalModel, "gbt", gbtOof, importances, params, gbtSummary, lr.baseline(), lr.linear());
  }

  /** The logistic baseline on standardised features, with its out-of-fold scores. */
  private static Result logistic(Dataset<Row> data, VectorAssembler assembler, List<String> features, int folds,
      double targetPrecision, long seed, Metrics.Summary gbtSummary, Map<String, String> params) {
    LogisticRegression lr = new LogisticRegression().setFeaturesCol("scaled").setLabelCol("label")
        .setWeightCol("weight").setRegParam(0.05).setElasticNetParam(0.0).setMaxIter(200);
    Pipeline lrPipeline = new Pipeline().setStages(new PipelineStage[] {assembler,
        new StandardScaler().setInputCol("features_vec").setOutputCol("scaled").setWithMean(true).setWithStd(true), lr});
    Dataset<Row> lrOof = outOfFold(lrPipeline, new ParamMap(), data, folds);
    PipelineModel lrAll = lrPipeline.fit(data);
    StandardScalerModel scaler = (StandardScalerModel) lrAll.stages()[1];
    LogisticRegressionModel lrModel = (LogisticRegressionModel) lrAll.stages()[2];
    Metrics.Summary lrSummary = Metrics.summarize(lrOof, targetPrecision, seed);
    LinearModel.Spec linear = new LinearModel.Spec("linear", features, list(scaler.mean().toArray()),
        list(scaler.std().toArray()), list(lrModel.coefficients().toArray()), lrModel.intercept(),
        lrSummary.threshold(), null, Map.of());
    Map<String, Double> lrImportance = new LinkedHashMap<>(new LinearModel(linear).importances());
    params.putIfAbsent("family", "logistic");
    return new Result(lrAll, "logistic", lrOof, lrImportance, params, gbtSummary, lrSummary, linear);
  }

  /** Inverse class frequency, so a few positives weigh as much as many negatives. */
  static Dataset<Row> balance(Dataset<Row> d) {
    long pos = d.filter(col("label").equalTo(1.0)).count();
    long neg = d.count() - pos;
    double total = pos + neg;
    return d.withColumn("weight", when(col("label").equalTo(1.0), lit(total / (2.0 * Math.max(pos, 1))))
        .otherwise(lit(total / (2.0 * Math.max(neg, 1)))));
  }

  /** Each fold scored by a model fit on the other folds: network_id, campaign_id, label, score. */
  static Dataset<Row> outOfFold(Pipeline pipeline, ParamMap params, Dataset<Row> data, int folds) {
    Dataset<Row> out = null;
    for (int f = 0; f < folds; f++) {
      Dataset<Row> train = data.filter(col("fold").notEqual(f));
      Dataset<Row> test = data.filter(col("fold").equalTo(f));
      if (test.isEmpty() || train.select("label").distinct().count() < 2) {
        continue;
      }
      Dataset<Row> scored = pipeline.fit(train, params).transform(test)
          .select(col("network_id"), col("campaign_id"), col("label"), col("fold"),
              vector_to_array(col("probability"), "float64").getItem(1).as("score"));
      out = out == null ? scored : out.union(scored);
    }
    return out.persist();
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
