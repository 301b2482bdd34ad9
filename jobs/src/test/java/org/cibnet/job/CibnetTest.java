package org.cibnet.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CibnetTest {
  private static String stderrOf(Runnable r) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true));
    try {
      r.run();
    } finally {
      System.setErr(old);
    }
    return buf.toString();
  }

  @Test
  void rejectsAnUnknownJobWithUsageAndExitTwo() {
    int[] status = new int[1];
    String err = stderrOf(() -> status[0] = Cibnet.run(new String[] {"detcet"}));
    assertThat(status[0]).isEqualTo(2);
    assertThat(err).contains("Unknown job 'detcet'").contains("usage: cibnet JOB");
  }

  @Test
  void rejectsAnUnknownOptionBeforeStartingSpark() {
    int[] status = new int[1];
    String err = stderrOf(() -> status[0] = Cibnet.run(new String[] {"detect", "--inptu", "x"}));
    assertThat(status[0]).isEqualTo(2);
    assertThat(err).startsWith("cibnet detect: Unknown option '--inptu'");
  }

  @Test
  void optionsAJobDoesNotTakeOrNeedsAndSettingsOutOfRangeFailBeforeStartingSpark() {
    int[] status = new int[1];
    String err =
        stderrOf(() -> status[0] = Cibnet.run(new String[] {"detect", "--verdict", "benign"}));
    assertThat(status[0]).isEqualTo(2);
    assertThat(err).startsWith("cibnet detect: Job 'detect' does not take --verdict. It takes: ");

    err = stderrOf(() -> status[0] = Cibnet.run(new String[] {"validate", "--warehouse", "w"}));
    assertThat(status[0]).isEqualTo(2);
    assertThat(err).contains("Job 'validate' needs --input.");

    err =
        stderrOf(
            () ->
                status[0] =
                    Cibnet.run(
                        new String[] {
                          "detect",
                          "--input",
                          "i",
                          "--warehouse",
                          "w",
                          "--set",
                          "detect.window_seconds=-5"
                        }));
    assertThat(status[0]).isEqualTo(2);
    assertThat(err)
        .contains("Cannot set detect.window_seconds to '-5': the value must be from 1 to 86400");

    err =
        stderrOf(
            () ->
                status[0] =
                    Cibnet.run(
                        new String[] {
                          "train",
                          "--input",
                          "i",
                          "--warehouse",
                          "w",
                          "--set",
                          "train.target_precision=5"
                        }));
    assertThat(status[0]).isEqualTo(2);
    assertThat(err).contains("Cannot set train.target_precision to '5'");
  }

  @Test
  void aDataErrorIsOneLineAndItsStackTraceOnlyWithVerbose(@TempDir Path dir) {
    String[] args = {
      "validate",
      "--input",
      dir.resolve("missing").toString(),
      "--warehouse",
      dir.resolve("wh").toString()
    };
    int[] status = new int[1];
    String quiet = stderrOf(() -> status[0] = Cibnet.run(args));
    assertThat(status[0]).isEqualTo(1);
    assertThat(quiet)
        .contains("cibnet validate: Input dataset 'posts' not found at ")
        .doesNotContain("\tat ");

    String[] verbose = Arrays.copyOf(args, args.length + 1);
    verbose[args.length] = "--verbose";
    String loud = stderrOf(() -> status[0] = Cibnet.run(verbose));
    assertThat(status[0]).isEqualTo(1);
    assertThat(loud)
        .contains("\tat org.cibnet.")
        .contains("cibnet validate: Input dataset 'posts'");
  }

  @Test
  void listsEveryJobOfTheContract() {
    assertThat(Cibnet.jobs().keySet())
        .contains("generate", "validate", "detect", "features", "train", "score", "pipeline");
  }
}
