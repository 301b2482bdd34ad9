package org.cibnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Which unlabelled networks the training keeps as negatives. */
@ExtendWith(SparkExtension.class)
class PositiveUnlabelledTest {
  @Test
  void unlabelledNetworksWithInauthenticPersonasAreNeverNegatives(SparkSession spark) {
    Dataset<Row> data =
        spark.createDataFrame(
            List.of(
                RowFactory.create("campaign", 1.0, false, false),
                RowFactory.create("looks-organic", 0.0, false, false),
                RowFactory.create("scores-high", 0.0, false, false),
                RowFactory.create("fresh-digits", 0.0, false, true),
                RowFactory.create("called-benign", 0.0, true, true)),
            new StructType()
                .add("network_id", "string")
                .add("label", "double")
                .add("verified_negative", "boolean")
                .add(PositiveUnlabelled.PERSONA_EVIDENCE, "boolean"));
    Dataset<Row> firstStep =
        spark.createDataFrame(
            List.of(
                RowFactory.create("campaign", 0.9),
                RowFactory.create("looks-organic", 0.1),
                RowFactory.create("scores-high", 0.8),
                RowFactory.create("fresh-digits", 0.1),
                RowFactory.create("called-benign", 0.9)),
            new StructType().add("network_id", "string").add("score", "double"));

    Map<String, String> roles =
        PositiveUnlabelled.withRoles(data, firstStep, 0.7, 1.0).collectAsList().stream()
            .collect(
                Collectors.toMap(
                    r -> r.<String>getAs("network_id"),
                    r -> r.<String>getAs(PositiveUnlabelled.ROLE)));

    assertThat(roles)
        .containsEntry("campaign", PositiveUnlabelled.POSITIVE)
        .containsEntry("looks-organic", PositiveUnlabelled.RELIABLE_NEGATIVE)
        .containsEntry("scores-high", PositiveUnlabelled.LIKELY_POSITIVE)
        .as("set aside on the persona rule alone, whatever the first step scores")
        .containsEntry("fresh-digits", PositiveUnlabelled.LIKELY_POSITIVE)
        .as("an analyst's benign verdict wins")
        .containsEntry("called-benign", PositiveUnlabelled.VERIFIED_NEGATIVE);
  }
}
