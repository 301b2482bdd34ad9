package org.cibnet.model;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Metrics of out-of-fold scores, and the threshold chosen from them. */
public final class Metrics {
  private Metrics() {}

  /** PR-AUC, ROC-AUC, the threshold and precision/recall there, recall per campaign. */
  public record Summary(
      double prAuc,
      double rocAuc,
      double threshold,
      double precision,
      double recall,
      int positives,
      int negatives,
      Map<String, Double> campaignRecall,
      List<double[]> prCurve,
      double[] thresholdInterval) {
    public Summary(
        double prAuc,
        double rocAuc,
        double threshold,
        double precision,
        double recall,
        int positives,
        int negatives,
        Map<String, Double> campaignRecall,
        List<double[]> prCurve) {
      this(
          prAuc,
          rocAuc,
          threshold,
          precision,
          recall,
          positives,
          negatives,
          campaignRecall,
          prCurve,
          new double[] {threshold, threshold});
    }

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
      m.put("threshold_bootstrap_p10", thresholdInterval[0]);
      m.put("threshold_bootstrap_p90", thresholdInterval[1]);
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

  /** The mean out-of-fold score of the positives (1.0 when there are none). */
  public static double labelFrequency(Dataset<Row> oof) {
    Row r = oof.filter(col("label").equalTo(1.0)).agg(avg("score")).first();
    return r.isNullAt(0) ? 1.0 : r.getDouble(0);
  }

  public static Summary summarize(Dataset<Row> oof, double targetPrecision) {
    return summarize(oof, targetPrecision, 1.0, 1.0, 42L);
  }

  /**
   * As above, the threshold at most maxThreshold and flagging at most `maxNegativeFlagRate` of the
   * negatives, its campaign bootstrap seeded with `seed`.
   *
   * <p>Why a cap: every unlabelled network counts as a negative here, and some are operations
   * nobody removed yet, so the precision measured is a lower bound and the rule alone climbs above
   * them. At the cap (0.5 by default) the model finds a network as likely an operation as not, with
   * both classes weighed equally: a network past it is worth a review whatever the labels miss.
   */
  public static Summary summarize(
      Dataset<Row> oof,
      double targetPrecision,
      double maxNegativeFlagRate,
      double maxThreshold,
      long seed) {
    BinaryClassificationEvaluator e =
        new BinaryClassificationEvaluator().setLabelCol("label").setRawPredictionCol("score");
    double pr = e.setMetricName("areaUnderPR").evaluate(oof);
    double roc = e.setMetricName("areaUnderROC").evaluate(oof);
    // Out-of-fold scores are one per labelled network: small enough to rank on the driver.
    List<Row> rows =
        new ArrayList<>(oof.select("score", "label", "campaign_id", "network_id").collectAsList());
    rows.sort(
        Comparator.<Row>comparingDouble(r -> -r.getDouble(0)).thenComparing(r -> r.getString(3)));
    int pos = (int) rows.stream().filter(r -> r.getDouble(1) == 1.0).count();
    int neg = rows.size() - pos;
    List<double[]> curve = new ArrayList<>();
    int tp = 0;
    int fp = 0;
    for (Row r : rows) {
      if (r.getDouble(1) == 1.0) {
        tp++;
      } else {
        fp++;
      }
      double p = (double) tp / (tp + fp);
      double rec = pos == 0 ? 0 : (double) tp / pos;
      curve.add(new double[] {r.getDouble(0), p, rec});
    }
    List<double[]> ranking = new ArrayList<>();
    for (Row r : rows) {
      ranking.add(new double[] {r.getDouble(0), r.getDouble(1)});
    }
    double threshold =
        Math.min(maxThreshold, ruleThreshold(ranking, targetPrecision, maxNegativeFlagRate));
    double[] interval =
        thresholdInterval(rows, targetPrecision, maxNegativeFlagRate, maxThreshold, seed);
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
    return new Summary(
        pr,
        roc,
        threshold,
        tpAt + fpAt == 0 ? 0 : (double) tpAt / (tpAt + fpAt),
        pos == 0 ? 0 : (double) tpAt / pos,
        pos,
        neg,
        recallByCampaign,
        curve,
        interval);
  }

  /** Replicates of the campaign bootstrap behind the threshold. */
  static final int THRESHOLD_REPLICATES = 200;

  static double ruleThreshold(List<double[]> ranked, double targetPrecision) {
    return ruleThreshold(ranked, targetPrecision, 1.0);
  }

  /**
   * The threshold rule on one ranking (score, label; highest score first): the lowest score of a
   * positive at which precision still reaches the target while at most `maxNegativeFlagRate` of the
   * negatives score as high, else the score of best F1. Precision depends on how many operations
   * the training mix holds, far more than a platform's networks do; the share of negatives flagged
   * does not, so it keeps a ranking rich in positives from flagging known look-alikes.
   */
  static double ruleThreshold(
      List<double[]> ranked, double targetPrecision, double maxNegativeFlagRate) {
    int pos = 0;
    for (double[] r : ranked) {
      pos += r[1] == 1.0 ? 1 : 0;
    }
    int neg = ranked.size() - pos;
    int tp = 0;
    int fp = 0;
    double bestF1 = -1;
    double f1Threshold = 1.0;
    double precisionThreshold = Double.NaN;
    for (double[] r : ranked) {
      if (r[1] == 1.0) {
        tp++;
      } else {
        fp++;
      }
      double p = (double) tp / (tp + fp);
      double rec = pos == 0 ? 0 : (double) tp / pos;
      double f1 = p + rec == 0 ? 0 : 2 * p * rec / (p + rec);
      if (f1 > bestF1) {
        bestF1 = f1;
        f1Threshold = r[0];
      }
      if (p >= targetPrecision && r[1] == 1.0 && fp <= maxNegativeFlagRate * neg) {
        precisionThreshold = r[0];
      }
    }
    return Double.isNaN(precisionThreshold) ? f1Threshold : precisionThreshold;
  }

  /**
   * How far the threshold would move with other campaigns of the same kind: the 10th and 90th
   * percentiles of the rule over bootstrap replicates that resample positives by campaign (a
   * campaign's networks stay together, as in the leave-campaign-out folds) and negatives by
   * network. With few campaigns the rule jumps when one network more or less crosses it; a wide
   * interval says so, and that the precision promised at the threshold is a rough figure. Seeded,
   * on a ranking with ties broken by network id, so the same scores give the same interval.
   */
  static double[] thresholdInterval(
      List<Row> ranked,
      double targetPrecision,
      double maxNegativeFlagRate,
      double maxThreshold,
      long seed) {
    Map<String, List<double[]>> groups = new TreeMap<>();
    List<double[]> all = new ArrayList<>();
    for (Row r : ranked) {
      double[] point = {r.getDouble(0), r.getDouble(1)};
      all.add(point);
      String key =
          r.getDouble(1) == 1.0 && !r.isNullAt(2) ? "c:" + r.getString(2) : "n:" + r.getString(3);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(point);
    }
    double point = Math.min(maxThreshold, ruleThreshold(all, targetPrecision, maxNegativeFlagRate));
    List<List<double[]>> units = new ArrayList<>(groups.values());
    if (units.size() < 2) {
      return new double[] {point, point};
    }
    Random random = new Random(seed);
    List<Double> thresholds = new ArrayList<>();
    for (int b = 0; b < THRESHOLD_REPLICATES; b++) {
      List<double[]> sample = new ArrayList<>();
      for (int i = 0; i < units.size(); i++) {
        sample.addAll(units.get(random.nextInt(units.size())));
      }
      if (sample.stream().noneMatch(x -> x[1] == 1.0)
          || sample.stream().allMatch(x -> x[1] == 1.0)) {
        continue;
      }
      // highest score first; on equal scores negatives first, so ties never flatter precision
      sample.sort(Comparator.<double[]>comparingDouble(x -> -x[0]).thenComparingDouble(x -> x[1]));
      thresholds.add(
          Math.min(maxThreshold, ruleThreshold(sample, targetPrecision, maxNegativeFlagRate)));
    }
    if (thresholds.isEmpty()) {
      return new double[] {point, point};
    }
    Collections.sort(thresholds);
    int n = thresholds.size();
    return new double[] {
      thresholds.get((int) Math.floor(0.1 * (n - 1))),
      thresholds.get((int) Math.ceil(0.9 * (n - 1)))
    };
  }
}
