package org.cibnet.model;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A model that turns network features into a score in [0,1], with its threshold and provenance. */
public interface ScoringModel {
  String version();

  /** Scores at or above this are flagged for review. */
  double threshold();

  /** How much each feature matters to the model (sums to about 1), for ranking reasons. */
  Map<String, Double> importances();

  /** The as-of date of its training data; null for the shipped default model. */
  String trainedAsOf();

  /** The input with a `score` column added. */
  Dataset<Row> score(Dataset<Row> features);
}
