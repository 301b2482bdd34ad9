package org.cibnet.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The texts users read when something is wrong: each names what, where and how to fix it. */
class ErrorsTest {
  @Test
  void readAndWriteFailuresNameTheThingThePlaceAndTheCause() {
    IOException denied = new IOException("Permission denied");
    assertThat(Errors.cannotRead("reference list", "/ref/countries.csv", denied).getMessage())
        .isEqualTo(
            "Cannot read reference list /ref/countries.csv: Permission denied. Check that it exists"
                + " and that this user (and the cluster's executors) can read it.");
    assertThat(Errors.cannotWrite("the report", "/out/report.html", denied).getMessage())
        .isEqualTo(
            "Cannot write the report /out/report.html: Permission denied. Check that the folder"
                + " exists and that this user can write to it.");
    assertThat(Errors.cannotRead("conf file", "x.conf", denied)).hasCause(denied);
  }

  @Test
  void missingRunsAndNetworksSayWhatToRunOrName() {
    assertThat(
            Errors.noSucceededRun("detect", "/wh", "run 'detect' first (or 'pipeline')")
                .getMessage())
        .isEqualTo(
            "No successful detect run in warehouse /wh: run 'detect' first (or 'pipeline').");
    assertThat(Errors.runWithoutScores("r1", "/wh").getMessage())
        .isEqualTo(
            "Run r1 has no rows in network_scores of /wh: name a run that scored its networks"
                + " (pipeline or score) with --run-id.");
    assertThat(Errors.unknownNetwork("net-1", "/wh/network_scores").getMessage())
        .isEqualTo(
            "No network net-1 in /wh/network_scores: use a network_id from network_scores (the"
                + " report lists them).");
    assertThat(Errors.unknownModel("m-9", "/wh/models", List.of("m-1"), "default-1").getMessage())
        .isEqualTo(
            "No model 'm-9' under /wh/models. Known: [m-1] and the default default-1. Name one of"
                + " these with --model, or train one with 'train'.");
  }

  @Test
  void choicesAndInputsListWhatIsAccepted() {
    assertThat(
            Errors.unknownChoice("--format", "csv", List.of("coortweet", "ira-ads")).getMessage())
        .isEqualTo("Unknown --format 'csv'. Choose one of: coortweet, ira-ads.");
    assertThat(Errors.badShareRow("s.csv", "timestamp_share", "c1", "a1", true).getMessage())
        .isEqualTo(
            "Share table s.csv, column 'timestamp_share': a row (content_id c1, account_id a1) has"
                + " no value or one that is not a number of seconds. Every share needs object_id,"
                + " account_id, content_id and timestamp_share (epoch seconds).");
    assertThat(Errors.missingShareTable("/in/shares.csv").getMessage())
        .startsWith("Share table not found at /in/shares.csv: --input takes a CSV file");
    assertThat(Errors.noBacktestDate("2022-06-01", "2022-06-03", 30).getMessage())
        .isEqualTo(
            "backtest: no as-of date fits between the first post (2022-06-01) and the latest"
                + " takedown (2022-06-03) with --step-days 30. Choose a smaller --step-days.");
    assertThat(Errors.backtestWithoutTakedowns("/in").getMessage())
        .startsWith("backtest needs takedowns/ in /in: ")
        .endsWith("(docs/contract.md).");
    assertThat(Errors.missingPseudonymKey("CIBNET_PSEUDONYM_KEY").getMessage())
        .contains("environment variable CIBNET_PSEUDONYM_KEY")
        .endsWith("export CIBNET_PSEUDONYM_KEY=..., and run again.");
    assertThat(Errors.countsDoNotReconcile("posts", 10, 7, 2).getMessage())
        .startsWith(
            "Internal error: dataset 'posts' counts do not reconcile: read 10 != accepted 7"
                + " + rejected 2.");
  }

  @Test
  void theStackTraceIsCutToItsFirstLine() {
    assertThat(Errors.firstLine("a\nb\nc")).isEqualTo("a");
  }
}
