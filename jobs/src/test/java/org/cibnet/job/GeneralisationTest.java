package org.cibnet.job;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.cibnet.config.JobOptions;
import org.cibnet.config.Settings;
import org.cibnet.io.Warehouse;
import org.cibnet.testing.SampleWarehouse;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operations nobody has taken down, on a world whose seed no model setting was tuned on: the sample
 * warehouse's four left-out operations link sites no takedown or indicator names, and each lacks
 * tactics the labelled ones use. Judged through `evaluate`, as a user would.
 */
class GeneralisationTest {
  static Map<String, Row> metrics;

  @BeforeAll
  static void evaluate() {
    String warehouse =
        SampleWarehouse.copyTo(Path.of("target", "generalisation-" + System.nanoTime()));
    new EvaluateJob()
        .run(
            SparkExtension.spark(),
            JobOptions.of(
                "evaluate",
                Map.of(
                    "--warehouse",
                    warehouse,
                    "--truth",
                    SampleWarehouse.input() + "/ground_truth",
                    "--run-id",
                    SampleWarehouse.RUN_ID),
                Settings.defaults()));
    metrics =
        new Warehouse(SparkExtension.spark(), warehouse)
                .read(Warehouse.EVALUATION)
                .filter(col("run_id").equalTo(SampleWarehouse.RUN_ID))
                .collectAsList()
                .stream()
                .collect(
                    Collectors.toMap(
                        r -> r.<String>getAs("metric") + "/" + r.<String>getAs("scope"), r -> r));
  }

  static double value(String key) {
    assertThat(metrics).as("evaluation has " + key).containsKey(key);
    return metrics.get(key).<Double>getAs("value");
  }

  @Test
  void flagsMostAccountsOfOperationsNeverLabelledAndAlmostNoLookalikes() {
    metrics.values().stream()
        .filter(
            r ->
                r.<String>getAs("scope").equals("all")
                    || r.<String>getAs("scope").startsWith("kind:"))
        .sorted(Comparator.comparing(r -> r.<String>getAs("metric")))
        .forEach(
            r ->
                System.out.printf(
                    "  %-30s %-16s %.3f%n",
                    r.getAs("metric"), r.getAs("scope"), r.<Double>getAs("value")));
    assertThat(value("unlabelled_operation_recall/all"))
        .as("accounts of never-labelled operations flagged")
        .isGreaterThanOrEqualTo(0.8);
    assertThat(value("flag_rate/kind:lookalike"))
        .as("look-alike accounts flagged")
        .isLessThanOrEqualTo(0.01);
    assertThat(value("flag_rate/kind:organic"))
        .as("organic accounts flagged")
        .isLessThanOrEqualTo(0.01);
    assertThat(value("account_precision/all"))
        .as("flagged accounts that are operations")
        .isGreaterThanOrEqualTo(0.9);
  }
}
