package org.cibnet.model;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;

import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A pipeline trained by `train` (trees or logistic), saved under the warehouse's models/. */
public final class TrainedModel implements ScoringModel {
  private final PipelineModel pipeline;
  private final ModelStore.Metadata meta;

  public TrainedModel(PipelineModel pipeline, ModelStore.Metadata meta) {
    this.pipeline = pipeline;
    this.meta = meta;
  }

  @Override
  public String version() {
    return meta.version();
  }

  @Override
  public double threshold() {
    return meta.threshold();
  }

  @Override
  public Map<String, Double> importances() {
    return meta.importances();
  }

  @Override
  public String trainedAsOf() {
    return meta.trainedAsOf();
  }

  @Override
  public Dataset<Row> score(Dataset<Row> features) {
    return pipeline
        .transform(features)
        .withColumn("score", vector_to_array(col("probability"), "float64").getItem(1))
        .drop("features_vec", "scaled", "rawPrediction", "probability", "prediction");
  }
}
