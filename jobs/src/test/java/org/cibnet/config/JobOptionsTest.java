package org.cibnet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobOptionsTest {
  @TempDir Path dir;

  @Test
  void commandLineBeatsConfFileBeatsDefault() throws Exception {
    Path conf = dir.resolve("local.conf");
    Files.writeString(conf, "detect.window_seconds = 30\ndetect.min_network_size = 5\n");
    JobOptions o =
        JobOptions.parse(
            "detect",
            new String[] {
              "--input",
              "in",
              "--conf",
              conf.toString(),
              "--set",
              "detect.window_seconds=90",
              "--as-of=2022-09-27"
            });
    assertThat(o.settings().getInt(SettingKeys.WINDOW_SECONDS)).isEqualTo(90);
    assertThat(o.settings().getInt(SettingKeys.MIN_NETWORK_SIZE)).isEqualTo(5);
    assertThat(o.settings().getDouble(SettingKeys.NEARTEXT_JACCARD)).isEqualTo(0.45);
    assertThat(o.asOf()).contains(LocalDate.of(2022, 9, 27));
    assertThat(o.input()).isEqualTo("in");
  }

  @Test
  void rejectsUnknownOptionsSettingsAndBadValues() {
    assertThatThrownBy(() -> JobOptions.parse("detect", new String[] {"--inptu", "x"}))
        .hasMessageStartingWith("Unknown option '--inptu'");
    assertThatThrownBy(() -> JobOptions.parse("detect", new String[] {"--set", "detect.windw=3"}))
        .hasMessageStartingWith("Unknown setting 'detect.windw'");
    assertThatThrownBy(
            () -> JobOptions.parse("detect", new String[] {"--set", "detect.window_seconds=soon"}))
        .hasMessage("Cannot set detect.window_seconds to 'soon': the value must be of type int.");
    assertThatThrownBy(() -> JobOptions.parse("detect", new String[] {"--as-of", "27/09/2022"}))
        .hasMessage(
            "Cannot use '27/09/2022' for --as-of: the value must be a date like 2022-09-27.");
    assertThatThrownBy(() -> JobOptions.parse("detect", new String[] {"--input"}))
        .hasMessageContaining("--input needs a value");
    assertThatThrownBy(() -> JobOptions.parse("detect", new String[] {}).warehouse())
        .hasMessage("Job 'detect' needs --warehouse.");
  }

  @Test
  void confFileMatchesEveryDefault() throws Exception {
    // conf/local.conf documents every setting; it must name each one with its default.
    Path local = Path.of("conf/local.conf");
    Map<String, String> conf = Settings.readConfFile(local.toAbsolutePath().toString());
    for (Setting s : SettingKeys.all().values()) {
      assertThat(conf)
          .as("conf/local.conf lists %s", s.key())
          .containsEntry(s.key(), s.defaultValue());
    }
    assertThat(conf.keySet()).allSatisfy(k -> assertThat(SettingKeys.all()).containsKey(k));
  }
}
