package org.cibnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cibnet.testing.DatasetAssert;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Training gives the same models however the labelled networks arrive. */
@ExtendWith(SparkExtension.class)
class TrainerTest {
  private static final StructType LABELLED = new StructType()
      .add("network_id", "string").add("campaign_id", "string").add("label", "double").add("fold", "int")
      .add("f1", "double").add("f2", "double").add("f3", "double");

  /** Six campaigns of five networks and 120 organic networks, noisy features, seeded. */
  private static List<Row> networks() {
    Random r = new Random(7);
    List<Row> rows = new ArrayList<>();
    for (int c = 0; c < 6; c++) {
      for (int i = 0; i < 5; i++) {
        rows.add(RowFactory.create("op" + c + "-" + i, "camp-" + c, 1.0, c % 3,
            1.0 + r.nextGaussian(), 0.5 + r.nextGaussian(), r.nextGaussian()));
      }
    }
    for (int i = 0; i < 120; i++) {
      rows.add(RowFactory.create(String.format("org-%03d", i), null, 0.0, i % 3,
          r.nextGaussian(), r.nextGaussian(), r.nextGaussian()));
    }
    return rows;
  }

  @Test
  void theSameNetworksInAnotherOrderAndPartitioningGiveTheSameScores(SparkSession spark) {
    List<Row> rows = networks();
    List<Row> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(3));
    Dataset<Row> a = spark.createDataFrame(rows, LABELLED).repartition(1);
    Dataset<Row> b = spark.createDataFrame(shuffled, LABELLED).repartition(5);

    // The canonical order puts the same networks in the same partitions in the same order.
    assertThat(Trainer.canonicalOrder(b, b.count()).javaRDD().glom().collect())
        .isEqualTo(Trainer.canonicalOrder(a, a.count()).javaRDD().glom().collect());

    List<String> features = List.of("f1", "f2", "f3");
    Trainer.Result ra = Trainer.train(a, features, 3, 42, 5, 3, 0.9);
    Trainer.Result rb = Trainer.train(b, features, 3, 42, 5, 3, 0.9);
    assertThat(rb.params()).isEqualTo(ra.params());
    DatasetAssert.assertSameRows(rb.outOfFold(), ra.outOfFold(), "network_id", "fold", "score");
    assertThat(rb.gbt().prAuc()).isEqualTo(ra.gbt().prAuc());
    assertThat(rb.baseline().prAuc()).isEqualTo(ra.baseline().prAuc());
  }

  @Test
  void aFoldIsUsableWhenItHasNetworksAndTheOtherFoldsHoldBothClasses(SparkSession spark) {
    // fold 0 holds every positive (training without it has none), fold 1 is usable, fold 2 is
    // empty, and the network without a fold only counts for the class weights
    Dataset<Row> labelled = spark.createDataFrame(List.of(
        RowFactory.create("p1", "camp-a", 1.0, 0, 0.0, 0.0, 0.0),
        RowFactory.create("p2", "camp-a", 1.0, 0, 0.0, 0.0, 0.0),
        RowFactory.create("n1", null, 0.0, 0, 0.0, 0.0, 0.0),
        RowFactory.create("n2", null, 0.0, 1, 0.0, 0.0, 0.0),
        RowFactory.create("p3", "camp-b", 1.0, null, 0.0, 0.0, 0.0)), LABELLED);
    Trainer.FoldCounts counts = Trainer.FoldCounts.of(labelled);
    assertThat(counts.total()).isEqualTo(5);
    assertThat(counts.positives()).isEqualTo(3);
    assertThat(counts.usableFolds(3)).containsExactly(1);
  }
}
