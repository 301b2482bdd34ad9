package org.cibnet.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Metrics of out-of-fold scores, and the threshold chosen from them. */
public final class Metrics {
  private Metrics() {}

  /** PR-AUC, ROC-AUC, the threshold and precision/recall there, recall per campaign. */
  public record Summary(double prAuc, double rocAuc, double threshold, double precision,
      double recall, int positives, int negatives, Map<String, Double> campaignRecall,
      List<double[]> prCurve) {
    public Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pr_auc", prAuc);
      m.put("roc_auc", rocAuc);
      m.put("threshold", threshold);
      m.put("precision_at_threshold", precision);
      m.put("recall_at_threshold", recall);
      m.put("positives", positives);
      m.put("negatives", negatives);
      m.put("campaign_recall", campaignRecall);
      m.put("recall_at_precision_0.95", recallAtPrecision(0.95));
      return m;
    }

    /**
     * Held-out recall at a precision: the largest out-of-fold recall among thresholds whose
     * precision is at least p (0 when none reaches it).
     */
    public double recallAtPrecision(double p) {
      double best = 0;
      for (double[] point : prCurve) {
        if (point[1] >= p) {
          best = Math.max(best, point[2]);
        }
      }
      return best;
    }
  }

  public static Summary summarize(Dataset<Row> oof, double targetPrecision) {
    BinaryClassificationEvaluator e = new BinaryClassificationEvaluator().setLabelCol("label")
        .setRawPredictionCol("score");
    double pr = e.setMetricName("areaUnderPR").evaluate(oof);
    double roc = e.setMetricName("areaUnderROC").evaluate(oof);
    // Out-of-fold scores are one per labelled network: small enough to rank on the driver.
    List<Row> rows = new ArrayList<>(oof.select("score", "label", "campaign_id", "network_id").collectAsList());
    rows.sort(Comparator.<Row>comparingDouble(r -> -r.getDouble(0)).thenComparing(r -> r.getString(3)));
    int pos = (int) rows.stream().filter(r -> r.getDouble(1) == 1.0).count();
    int neg = rows.size() - pos;
    List<double[]> curve = new ArrayList<>();
    int tp = 0;
    int fp = 0;
    double bestF1 = -1;
    double f1Threshold = 1.0;
    double precisionThreshold = Double.NaN;
    for (Row r : rows) {
      if (r.getDouble(1) == 1.0) {
        tp++;
      } else {
        fp++;
      }
      double p = (double) tp / (tp + fp);
      double rec = pos == 0 ? 0 : (double) tp / pos;
      curve.add(new double[] {r.getDouble(0), p, rec});
      double f1 = p + rec == 0 ? 0 : 2 * p * rec / (p + rec);
      if (f1 > bestF1) {
        bestF1 = f1;
        f1Threshold = r.getDouble(0);
      }
      if (p >= targetPrecision && r.getDouble(1) == 1.0) {
        precisionThreshold = r.getDouble(0); // lowest score so far still reaching the precision
      }
    }
    double threshold = Double.isNaN(precisionThreshold) ? f1Threshold : precisionThreshold;
    int tpAt = 0;
    int fpAt = 0;
    Map<String, int[]> perCampaign = new TreeMap<>();
    for (Row r : rows) {
      boolean flagged = r.getDouble(0) >= threshold;
      if (r.getDouble(1) == 1.0) {
        int[] c = perCampaign.computeIfAbsent(r.getString(2), k -> new int[2]);
        c[1]++;
        if (flagged) {
          c[0]++;
          tpAt++;
        }
      } else if (flagged) {
        fpAt++;
      }
    }
    Map<String, Double> recallByCampaign = new TreeMap<>();
    perCampaign.forEach((k, v) -> recallByCampaign.put(k, (double) v[0] / v[1]));
    return new Summary(pr, roc, threshold, tpAt + fpAt == 0 ? 0 : (double) tpAt / (tpAt + fpAt),
        pos == 0 ? 0 : (double) tpAt / pos, pos, neg, recallByCampaign, curve);
  }
}
