package org.cibnet.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cibnet.config.CibnetException;
import org.cibnet.io.TruthReader;
import org.cibnet.schema.Schemas;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** evaluate's figures on a hand-made run: three networks, a truth of four kinds. */
@ExtendWith(SparkExtension.class)
class EvaluationTest {
  static Dataset<Row> truth(SparkSession spark) {
    return spark.createDataFrame(
        List.of(
            RowFactory.create("o1", "op-new", "operation", false),
            RowFactory.create("o2", "op-new", "operation", false),
            RowFactory.create("o3", "op-new", "operation", false),
            RowFactory.create("o4", "op-new", "operation", false),
            RowFactory.create("k1", "op-old", "operation", true),
            RowFactory.create("k2", "op-old", "operation", true),
            RowFactory.create("l1", "lk-fans", "lookalike", false),
            RowFactory.create("l2", "lk-fans", "lookalike", false),
            RowFactory.create("s1", "spam-1", "spam", false),
            RowFactory.create("g1", "organic", "organic", false),
            RowFactory.create("g2", "organic", "organic", false)),
        Schemas.TRUTH_SCHEMA);
  }

  static Dataset<Row> members(SparkSession spark) {
    // n1: three of op-new and an organic account (flagged); n2: the look-alikes (flagged, a false
    // positive); n3: op-old's accounts (not flagged); o4, s1, g2 are in no network.
    return spark.createDataFrame(
        List.of(
            RowFactory.create("n1", "o1"),
            RowFactory.create("n1", "o2"),
            RowFactory.create("n1", "o3"),
            RowFactory.create("n1", "g1"),
            RowFactory.create("n2", "l1"),
            RowFactory.create("n2", "l2"),
            RowFactory.create("n3", "k1"),
            RowFactory.create("n3", "k2")),
        new StructType().add("network_id", "string").add("account_id", "string"));
  }

  static Dataset<Row> scores(SparkSession spark) {
    return spark.createDataFrame(
        List.of(
            RowFactory.create("n1", 0.9, true),
            RowFactory.create("n2", 0.8, true),
            RowFactory.create("n3", 0.3, false)),
        new StructType()
            .add("network_id", "string")
            .add("score", "double")
            .add("flagged", "boolean"));
  }

  static Map<String, Row> byMetricAndScope(Dataset<Row> metrics) {
    return metrics.collectAsList().stream()
        .collect(
            Collectors.toMap(
                r -> r.getString(r.fieldIndex("metric")) + "/" + r.getString(r.fieldIndex("scope")),
                r -> r));
  }

  @Test
  void countsPrecisionRecallFlagRatesAndNetworkRanking(SparkSession spark) {
    Dataset<Row> truth = truth(spark);
    Map<String, Row> m =
        byMetricAndScope(
            Evaluation.metrics(
                Evaluation.accountOutcomes(truth, members(spark), scores(spark)),
                Evaluation.networkOutcomes(truth, members(spark), scores(spark))));

    assertThat(value(m, "account_precision/all"))
        .as("3 operations among 6 flagged accounts")
        .isEqualTo(0.5);
    assertThat(value(m, "unlabelled_operation_recall/all")).as("3 of op-new's 4").isEqualTo(0.75);
    assertThat(value(m, "unlabelled_operation_recall/op-new")).isEqualTo(0.75);
    assertThat(value(m, "labelled_operation_recall/all")).isZero();
    assertThat(value(m, "flag_rate/kind:lookalike")).isEqualTo(1.0);
    assertThat(value(m, "flag_rate/kind:organic")).isEqualTo(0.5);
    assertThat(value(m, "flag_rate/kind:spam")).isZero();
    assertThat(value(m, "in_network_share/kind:spam")).isZero();
    assertThat(value(m, "in_network_share/op-new")).isEqualTo(0.75);
    assertThat(value(m, "flagged_network_precision/all")).as("n1 of n1, n2").isEqualTo(0.5);
    // ranking n1 (operation), n2 (look-alike), n3 (operation): AP = (1/1 + 2/3) / 2
    assertThat(value(m, "network_average_precision/all"))
        .isCloseTo((1.0 + 2.0 / 3) / 2, within(1e-12));
    assertThat(m.get("account_precision/all").<Long>getAs("denominator")).isEqualTo(6L);
  }

  private static double value(Map<String, Row> m, String key) {
    assertThat(m).as("metric " + key).containsKey(key);
    return m.get(key).getDouble(m.get(key).fieldIndex("value"));
  }

  @Test
  void readsCsvTruthWithNumericLabelsAndNamesTheBadRow(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path good = dir.resolve("truth.csv");
    Files.writeString(
        good, "account_id,group,kind,labelled\na1,op-x,Operation,1\na2,organic,organic,0\n");
    List<Row> rows = TruthReader.read(spark, good.toString()).orderBy("account_id").collectAsList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getString(2)).as("kind case-folded").isEqualTo("operation");
    assertThat(rows.get(0).getBoolean(3)).isTrue();
    assertThat(rows.get(1).getBoolean(3)).isFalse();

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "account_id,group,kind,labelled\na1,op-x,operation,1\na9,x,bot,0\n");
    assertThatThrownBy(() -> TruthReader.read(spark, bad.toString()))
        .isInstanceOf(CibnetException.class)
        .hasMessageContaining("column 'kind'")
        .hasMessageContaining("account a9")
        .hasMessageContaining("'bot'");
  }
}
