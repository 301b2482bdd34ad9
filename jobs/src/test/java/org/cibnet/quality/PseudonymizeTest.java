package org.cibnet.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.config.Settings;
import org.cibnet.generate.SyntheticWorld;
import org.cibnet.generate.World;
import org.cibnet.io.TableRegistry;
import org.cibnet.io.Warehouse;
import org.cibnet.job.PipelineJob;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With --pseudonymize no raw account id or handle appears in any output table (the key comes from
 * CIBNET_PSEUDONYM_KEY, set for the test JVM in the pom), and the pseudonyms are the same across
 * runs with the same key.
 */
class PseudonymizeTest {
  @TempDir Path dir;

  @Test
  void noRawIdOrHandleAppearsInAnyOutputTable() {
    SparkSession spark = SparkExtension.spark();
    World world = World.plan(3, 1, Set.of(), 60);
    String in = dir.resolve("in").toString();
    SyntheticWorld.posts(spark, world).write().parquet(in + "/posts");
    SyntheticWorld.accounts(spark, world).write().parquet(in + "/accounts");
    SyntheticWorld.ads(spark, world).write().parquet(in + "/ads");
    String wh = dir.resolve("wh").toString();
    new PipelineJob()
        .run(
            spark,
            JobOptions.of(
                "pipeline",
                Map.of(
                    "--input", in, "--warehouse", wh, "--pseudonymize", "true", "--run-id", "p1"),
                Settings.defaults()));

    Set<String> raw =
        new HashSet<>(
            spark
                .read()
                .parquet(in + "/accounts")
                .select("account_id")
                .as(Encoders.STRING())
                .collectAsList());
    raw.addAll(
        spark
            .read()
            .parquet(in + "/accounts")
            .filter("handle is not null")
            .selectExpr("lower(handle)")
            .as(Encoders.STRING())
            .collectAsList());
    Warehouse w = new Warehouse(spark, wh);
    List<String> tables = TableRegistry.tables(spark, w);
    assertThat(tables)
        .contains(Warehouse.NETWORKS, Warehouse.COORDINATION_EDGES, Warehouse.NETWORK_SCORES);
    // Plain set lookups, one per token: an assertion per token took longer than the pipeline.
    long tokensChecked = 0;
    List<String> leaks = new ArrayList<>();
    for (String t : tables) {
      for (String json : w.read(t).toJSON().collectAsList()) {
        for (String token : json.toLowerCase(Locale.ROOT).split("[^a-z0-9_.-]+")) {
          tokensChecked++;
          if (raw.contains(token) && leaks.size() < 10) {
            leaks.add(t + ": " + token + " in " + json);
          }
        }
      }
    }
    assertThat(leaks).as("raw ids or handles in output tables").isEmpty();
    assertThat(tokensChecked).isPositive();
    assertThat(w.read(Warehouse.NETWORKS).filter("account_id like 'id-%'").count())
        .isEqualTo(w.read(Warehouse.NETWORKS).count())
        .isPositive();
  }

  @Test
  void theKeyMustComeFromTheEnvironment() {
    JobOptions o = JobOptions.of("pipeline", Map.of("--pseudonymize", "true"), Settings.defaults());
    assertThatThrownBy(() -> Pseudonymizer.of(o, Map.of()))
        .hasMessageContaining(Pseudonymizer.KEY_ENV);
    Pseudonymizer a = Pseudonymizer.of(o, Map.of(Pseudonymizer.KEY_ENV, "k1")).orElseThrow();
    Pseudonymizer b = Pseudonymizer.of(o, Map.of(Pseudonymizer.KEY_ENV, "k1")).orElseThrow();
    Pseudonymizer c = Pseudonymizer.of(o, Map.of(Pseudonymizer.KEY_ENV, "k2")).orElseThrow();
    assertThat(a.accountId("acc-1"))
        .isEqualTo(b.accountId("acc-1"))
        .isNotEqualTo(c.accountId("acc-1"))
        .startsWith("id-")
        .doesNotContain("acc");
  }
}
