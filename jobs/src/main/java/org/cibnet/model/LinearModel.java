package org.cibnet.model;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.config.Errors;

/**
 * A logistic regression over standardised features, stored as plain JSON and applied as one
 * built-in expression. cibnet ships one trained on generator data as its default model (used when
 * an input has no usable labels): it needs no model files, so it works the same on every cluster.
 */
public final class LinearModel implements ScoringModel {
  public static final String DEFAULT_RESOURCE = "cibnet/default-model.json";

  /** The JSON form: what `train --export-default` writes and the default model loads. */
  public record Spec(
      String version,
      List<String> features,
      List<Double> means,
      List<Double> stds,
      List<Double> coefficients,
      double intercept,
      double threshold,
      String trainedAsOf,
      Map<String, Object> metrics,
      List<Double> references) {
    /**
     * The organic reference a feature is clipped at before it is standardised, or null. The side is
     * the coefficient's: a feature that raises the score is raised to its reference (the trainer
     * keeps each coefficient to its feature's direction).
     */
    Double reference(int i) {
      return references == null ? null : references.get(i);
    }
  }

  private final Spec spec;

  public LinearModel(Spec spec) {
    this.spec = spec;
  }

  public static LinearModel shippedDefault() {
    try (InputStream in =
        LinearModel.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw Errors.missingDefaultModel(DEFAULT_RESOURCE);
      }
      return new LinearModel(new ObjectMapper().readValue(in, Spec.class));
    } catch (IOException e) {
      throw Errors.cannotRead("the default model", DEFAULT_RESOURCE, e);
    }
  }

  public Spec spec() {
    return spec;
  }

  @Override
  public String version() {
    return spec.version();
  }

  @Override
  public double threshold() {
    return spec.threshold();
  }

  @Override
  public String trainedAsOf() {
    return spec.trainedAsOf();
  }

  @Override
  public Map<String, Double> importances() {
    Map<String, Double> m = new LinkedHashMap<>();
    double total = spec.coefficients().stream().mapToDouble(Math::abs).sum();
    for (int i = 0; i < spec.features().size(); i++) {
      m.put(spec.features().get(i), total == 0 ? 0 : Math.abs(spec.coefficients().get(i)) / total);
    }
    return m;
  }

  @Override
  public Dataset<Row> score(Dataset<Row> features) {
    Column z = lit(spec.intercept());
    for (int i = 0; i < spec.features().size(); i++) {
      double sd = spec.stds().get(i) == 0 ? 1 : spec.stds().get(i);
      Column x = col(spec.features().get(i));
      Double ref = spec.reference(i);
      // a feature clipped at its organic reference reads a missing value as that reference
      x =
          ref == null
              ? coalesce(x, lit(spec.means().get(i)))
              : (spec.coefficients().get(i) >= 0 ? greatest(x, lit(ref)) : least(x, lit(ref)));
      z = z.plus(x.minus(spec.means().get(i)).divide(sd).multiply(spec.coefficients().get(i)));
    }
    return features.withColumn("score", lit(1.0).divide(lit(1.0).plus(exp(z.multiply(-1)))));
  }
}
