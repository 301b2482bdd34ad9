package org.cibnet.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The report reads each kind of evidence that fired in words. */
class HtmlReportTest {
  @Test
  void everyPartOfAFlagsEvidenceIsSaid() {
    assertThat(HtmlReport.evidence(null)).isEmpty();
    assertThat(HtmlReport.evidence("coordination")).isEqualTo("inauthentic coordination");
    assertThat(HtmlReport.evidence("persona+recidivism"))
        .isEqualTo("inauthentic personas and a likely return of a removed campaign");
    assertThat(HtmlReport.evidence("coordination+persona"))
        .isEqualTo("inauthentic coordination and inauthentic personas");
  }
}
