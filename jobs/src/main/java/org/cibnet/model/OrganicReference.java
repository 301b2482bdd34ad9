package org.cibnet.model;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where each feature stops being evidence: the level of the training negatives, on their organic
 * side. The logistic model reads a feature clipped at that level, so a network that lacks a trait
 * looks like an organic network on that feature instead of counting against it, by construction: a
 * linear model fitted on removed campaigns could otherwise learn their trait mix and hold a missing
 * trait against a new operation. Features that explain a network away (it sells, it is a feed) stay
 * two-sided.
 */
public final class OrganicReference {
  private OrganicReference() {}

  /**
   * The quantile of the negatives, counted from the organic side, taken as the reference. The
   * negatives hold operations nobody has removed (unlabelled is not benign), so the reference sits
   * well inside the organic side rather than at the negatives' median: it holds while up to three
   * quarters of the negatives are operations.
   */
  static final double QUANTILE = 0.25;

  /** The column the model reads for a clipped feature. */
  static String clipped(String feature) {
    return "clip_" + feature;
  }

  /**
   * The reference of each feature of `directions` not in `twoSided`, from the negatives (label 0)
   * of `training`: the QUANTILE quantile for features where higher is more suspicious, 1 - QUANTILE
   * where lower is. A feature with no value among the negatives gets none (not clipped).
   */
  static Map<String, Double> of(
      Dataset<Row> training, Map<String, Integer> directions, Set<String> twoSided) {
    List<String> features = new ArrayList<>();
    directions.forEach(
        (f, d) -> {
          if (d != 0 && !twoSided.contains(f)) {
            features.add(f);
          }
        });
    Map<String, Double> refs = new LinkedHashMap<>();
    if (features.isEmpty()) {
      return refs;
    }
    double[][] q =
        training
            .filter(col("label").equalTo(0.0))
            .stat()
            .approxQuantile(
                features.toArray(String[]::new), new double[] {QUANTILE, 1 - QUANTILE}, 0.001);
    for (int i = 0; i < features.size(); i++) {
      if (q[i].length == 2 && Double.isFinite(q[i][0]) && Double.isFinite(q[i][1])) {
        refs.put(features.get(i), directions.get(features.get(i)) > 0 ? q[i][0] : q[i][1]);
      }
    }
    return refs;
  }

  /**
   * A pipeline stage adding clip_F for every feature F: F clipped at its reference on the organic
   * side (a missing value is the reference), or F itself when it has no reference.
   */
  static SQLTransformer clipper(Map<String, Integer> directions, Map<String, Double> refs) {
    StringBuilder select = new StringBuilder("SELECT *");
    directions.forEach(
        (f, d) -> {
          Double ref = refs.get(f);
          String expr =
              ref == null
                  ? "`" + f + "`"
                  : (d > 0 ? "greatest" : "least") + "(`" + f + "`, " + literal(ref) + ")";
          select.append(", ").append(expr).append(" AS `").append(clipped(f)).append('`');
        });
    return new SQLTransformer().setStatement(select.append(" FROM __THIS__").toString());
  }

  /** The references in feature order, null where a feature is not clipped. */
  static List<Double> inOrder(List<String> features, Map<String, Double> refs) {
    List<Double> l = new ArrayList<>();
    for (String f : features) {
      l.add(refs.get(f));
    }
    return l;
  }

  /** A double as a SQL double literal (the D suffix keeps 0.5 from being read as a decimal). */
  private static String literal(double v) {
    return v + "D";
  }
}
