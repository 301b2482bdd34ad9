package org.cibnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The as-of dates a backtest scores: stepped back from the latest takedown. */
class BacktestGridTest {
  @Test
  void everyStepBackFromTheLatestTakedownOldestFirstAndTheLatestKept() {
    LocalDate first = LocalDate.parse("2022-06-01");
    LocalDate last = LocalDate.parse("2022-10-01");

    assertThat(Backtest.grid(first, last, 30, 10))
        .containsExactly(
            LocalDate.parse("2022-06-03"),
            LocalDate.parse("2022-07-03"),
            LocalDate.parse("2022-08-02"),
            LocalDate.parse("2022-09-01"));
    assertThat(Backtest.grid(first, last, 30, 2))
        .as("at most two dates: the latest ones")
        .containsExactly(LocalDate.parse("2022-08-02"), LocalDate.parse("2022-09-01"));
    assertThat(Backtest.grid(first, LocalDate.parse("2022-06-20"), 30, 10))
        .as("no date after the first post")
        .isEmpty();
  }
}
