package org.cibnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void recallAtAPrecisionIsTheBestRecallAmongPointsReachingIt() {
    // score, precision, recall down the ranking: 1/1, 2/2, 2/3, 3/4, 3/5 with 4 positives
    List<double[]> curve =
        List.of(
            new double[] {0.9, 1.0, 0.25},
            new double[] {0.8, 1.0, 0.5},
            new double[] {0.7, 0.667, 0.5},
            new double[] {0.6, 0.75, 0.75},
            new double[] {0.5, 0.6, 0.75});
    Metrics.Summary s = new Metrics.Summary(0.8, 0.8, 0.8, 1.0, 0.5, 4, 1, Map.of(), curve);
    assertThat(s.recallAtPrecision(0.95)).isEqualTo(0.5);
    assertThat(s.recallAtPrecision(0.7)).isEqualTo(0.75);
    assertThat(
            new Metrics.Summary(
                    0, 0, 1, 0, 0, 1, 1, Map.of(), List.of(new double[] {0.9, 0.5, 1.0}))
                .recallAtPrecision(0.95))
        .isZero();
    assertThat(s.asMap()).containsEntry("recall_at_precision_0.95", 0.5);
  }

  @Test
  void theRuleTakesTheLowestPositiveStillAtTargetPrecisionElseBestF1() {
    // ranking: + + - + - - : precision 1, 1, .67, .75, .6, .5
    List<double[]> ranked =
        List.of(
            new double[] {0.9, 1},
            new double[] {0.8, 1},
            new double[] {0.7, 0},
            new double[] {0.6, 1},
            new double[] {0.5, 0},
            new double[] {0.4, 0});
    assertThat(Metrics.ruleThreshold(ranked, 0.9)).isEqualTo(0.8);
    assertThat(Metrics.ruleThreshold(ranked, 0.75)).isEqualTo(0.6);
    assertThat(Metrics.ruleThreshold(List.of(new double[] {0.9, 0}, new double[] {0.8, 1}), 0.9))
        .as("target never reached: best F1")
        .isEqualTo(0.8);
  }

  @Test
  void theThresholdFlagsNoMoreOfTheNegativesThanAllowed() {
    List<double[]> ranked =
        List.of(
            new double[] {0.9, 1},
            new double[] {0.8, 1},
            new double[] {0.7, 0},
            new double[] {0.6, 1},
            new double[] {0.5, 0},
            new double[] {0.4, 0});
    assertThat(Metrics.ruleThreshold(ranked, 0.75, 0.0))
        .as("precision 0.75 at 0.6, but one of three negatives above it")
        .isEqualTo(0.8);
    assertThat(Metrics.ruleThreshold(ranked, 0.75, 0.34)).isEqualTo(0.6);
  }

  @Test
  void theThresholdIntervalComesFromACampaignBootstrapAndIsSeeded() {
    // Nine campaigns of two networks each; three of them score like organic networks, and three
    // negatives score like operations.
    List<Row> rows = new ArrayList<>();
    Random r = new Random(3);
    for (int c = 0; c < 9; c++) {
      for (int k = 0; k < 2; k++) {
        rows.add(
            RowFactory.create(
                c % 3 == 2 ? 0.6 * r.nextDouble() : 0.6 + 0.4 * r.nextDouble(),
                1.0,
                "op-" + c,
                "p" + c + k));
      }
    }
    for (int n = 0; n < 20; n++) {
      rows.add(
          RowFactory.create(
              n < 3 ? 0.7 + 0.3 * r.nextDouble() : 0.7 * r.nextDouble(), 0.0, null, "n" + n));
    }
    rows.sort(
        Comparator.<Row>comparingDouble(x -> -x.getDouble(0)).thenComparing(x -> x.getString(3)));
    double[] a = Metrics.thresholdInterval(rows, 0.9, 1.0, 1.0, 42);
    assertThat(Metrics.thresholdInterval(rows, 0.9, 1.0, 1.0, 42))
        .as("same seed, same interval")
        .containsExactly(a);
    double rule =
        Metrics.ruleThreshold(
            rows.stream().map(x -> new double[] {x.getDouble(0), x.getDouble(1)}).toList(), 0.9);
    System.out.printf("threshold %.3f, campaign bootstrap 10-90%%: %.3f-%.3f%n", rule, a[0], a[1]);
    assertThat(a[0]).isLessThanOrEqualTo(a[1]);
    assertThat(a[1] - a[0]).as("nine campaigns: the rule moves with the sample").isPositive();
    assertThat(rule)
        .as("the rule on all campaigns lies within its bootstrap interval")
        .isBetween(a[0], a[1]);
    double[] capped = Metrics.thresholdInterval(rows, 0.9, 1.0, 0.5, 42);
    assertThat(capped[1]).as("the cap holds in every replicate").isLessThanOrEqualTo(0.5);
  }
}
