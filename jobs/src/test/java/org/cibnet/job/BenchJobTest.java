package org.cibnet.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cibnet.config.JobOptions;
import org.junit.jupiter.api.Test;

/** bench --stages picks the signals (and the pipeline) to time; a typo names the known stages. */
class BenchJobTest {
  @Test
  void everyStageByDefaultAndTheChosenOnesOtherwise() {
    assertThat(BenchJob.stages(JobOptions.parse("bench", new String[] {})))
        .startsWith("co_link")
        .endsWith("slow_wave", "amplification", "pipeline")
        .hasSize(13);
    assertThat(
            BenchJob.stages(
                JobOptions.parse("bench", new String[] {"--stages", "near_text, co_link"})))
        .containsExactly("near_text", "co_link");
  }

  @Test
  void anUnknownStageIsAClearError() {
    assertThatThrownBy(
            () -> BenchJob.stages(JobOptions.parse("bench", new String[] {"--stages", "colink"})))
        .hasMessageContaining("Unknown bench --stages stage 'colink'")
        .hasMessageContaining("co_link, co_reshare");
  }

  @Test
  void aSkewSizeThatIsNotANumberIsAClearError() {
    assertThatThrownBy(
            () ->
                new BenchJob()
                    .run(null, JobOptions.parse("bench", new String[] {"--skew-accounts", "1M"})))
        .hasMessageContaining("--skew-accounts")
        .hasMessageContaining("1M");
  }
}
