package org.cibnet.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cibnet.stage.TrainStage;
import org.junit.jupiter.api.Test;

/**
 * What train prints about held-out campaigns stays one readable line at any number of campaigns.
 */
class TrainJobTest {
  @Test
  void fewCampaignsArePrintedOneByOne() {
    assertThat(TrainStage.campaignRecallLine(Map.of("op-ru-00", 1.0)))
        .isEqualTo("recall per campaign (out of fold): {op-ru-00=1.0}");
  }

  @Test
  void manyCampaignsArePrintedAsACountAndTheFirstMissedOnes() {
    Map<String, Double> recall = new LinkedHashMap<>();
    for (int i = 0; i < 225; i++) {
      recall.put(String.format("op-%03d", i), i % 3 == 0 ? 1.0 : 0.0);
    }
    String line = TrainStage.campaignRecallLine(recall);
    assertThat(line)
        .startsWith(
            "held-out campaigns with a network above the threshold: 75 of 225; missed: op-001,"
                + " op-002, op-004")
        .endsWith("and 140 more (all in the model's metadata.json)")
        .doesNotContain("op-000");
    assertThat(line.length()).isLessThan(300);
  }
}
