package org.cibnet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.SparkSession;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class SqlConfOverrideTest {

  @Test
  void putsASetValueBack(SparkSession spark) {
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    try (SqlConfOverride o = SqlConfOverride.set(spark, "spark.sql.shuffle.partitions", "7")) {
      assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("7");
    }
    assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo(before);
  }

  @Test
  void unsetsWhatWasUnset(SparkSession spark) {
    String key = "spark.cibnet.test.override";
    assertThat(spark.conf().getOption(key).isDefined()).isFalse();
    try (SqlConfOverride o = SqlConfOverride.set(spark, key, "on")) {
      assertThat(spark.conf().get(key)).isEqualTo("on");
    }
    assertThat(spark.conf().getOption(key).isDefined()).isFalse();
  }
}
