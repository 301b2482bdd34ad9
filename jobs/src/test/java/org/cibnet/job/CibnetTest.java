package org.cibnet.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

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
  void listsEveryJobOfTheContract() {
    assertThat(Cibnet.jobs().keySet())
        .contains("generate", "validate", "detect", "features", "train", "score", "pipeline");
  }
}
