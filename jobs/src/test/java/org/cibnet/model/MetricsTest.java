package org.cibnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void recallAtAPrecisionIsTheBestRecallAmongPointsReachingIt() {
    // score, precision, recall down the ranking: 1/1, 2/2, 2/3, 3/4, 3/5 with 4 positives
    List<double[]> curve = List.of(new double[] {0.9, 1.0, 0.25}, new double[] {0.8, 1.0, 0.5},
        new double[] {0.7, 0.667, 0.5}, new double[] {0.6, 0.75, 0.75}, new double[] {0.5, 0.6, 0.75});
    Metrics.Summary s = new Metrics.Summary(0.8, 0.8, 0.8, 1.0, 0.5, 4, 1, Map.of(), curve);
    assertThat(s.recallAtPrecision(0.95)).isEqualTo(0.5);
    assertThat(s.recallAtPrecision(0.7)).isEqualTo(0.75);
    assertThat(new Metrics.Summary(0, 0, 1, 0, 0, 1, 1, Map.of(), List.of(new double[] {0.9, 0.5, 1.0}))
        .recallAtPrecision(0.95)).isZero();
    assertThat(s.asMap()).containsEntry("recall_at_precision_0.95", 0.5);
  }
}
