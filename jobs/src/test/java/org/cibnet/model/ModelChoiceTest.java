package org.cibnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which trained model scores an as-of date: never one that saw that date's future. */
class ModelChoiceTest {
  private static ModelStore.Metadata trained(String version, String asOf) {
    return new ModelStore.Metadata(
        version, "logistic", List.of("f"), 0.5, asOf, "run", "fp", Map.of(), Map.of(), Map.of());
  }

  @Test
  void theNewestModelTrainedNoLaterThanTheAsOfDate() {
    List<ModelStore.Metadata> models =
        List.of(
            trained("m-aug", "2022-08-01"),
            trained("m-oct", "2022-10-01"),
            trained("m-sep-b", "2022-09-01"),
            trained("m-sep-a", "2022-09-01"));

    assertThat(ModelStore.newestUpTo(models, "2022-09-15").map(ModelStore.Metadata::version))
        .as("ties on the date go to the greatest version")
        .contains("m-sep-b");
    assertThat(ModelStore.newestUpTo(models, "2022-10-01").map(ModelStore.Metadata::version))
        .as("trained on the as-of date itself")
        .contains("m-oct");
    assertThat(ModelStore.newestUpTo(models, "2022-07-31"))
        .as("every model saw later data: none (the default model is used)")
        .isEmpty();
  }
}
