package org.cibnet.network;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.cibnet.schema.Schemas.NetworkFrames;
import org.cibnet.spark.Cols;
import org.cibnet.spark.Kept;

/**
 * Groups coordinated accounts into networks: connected components of the kept graph, split by
 * weighted label propagation (ties broken on the smallest label) so that one operation is one
 * network and an organic cluster hanging off it by a weak link stays out. Deterministic: no random
 * choice, every tie broken on account ids.
 */
public final class Networks {
  private Networks() {}

  /**
   * One undirected weighted edge per account pair: the sum of its signals' weights, in units of
   * 1e-9 as a long. Sums of doubles depend on the order rows arrive in (partitioning, executors),
   * and a last-bit difference decided label-propagation ties: two runs on the same edges gave
   * networks differing by two accounts. Sums of longs do not depend on order.
   */
  public static Dataset<Row> pairGraph(Dataset<Row> edges) {
    return edges
        .groupBy("account_a", "account_b")
        .agg(sum(round(col("weight").multiply(WEIGHT_UNITS)).cast("long")).as("w"));
  }

  /** Weight units per 1.0 of edge weight in the graph. */
  static final double WEIGHT_UNITS = 1e9;

  private static Dataset<Row> directed(Dataset<Row> graph) {
    return graph
        .select(col("account_a").as("src"), col("account_b").as("dst"), col("w"))
        .union(graph.select(col("account_b").as("src"), col("account_a").as("dst"), col("w")));
  }

  private static Dataset<Row> truncate(Dataset<Row> d) {
    // Iterative plans grow each round; cut the lineage (reliably when a checkpoint dir is set).
    return d.sparkSession().sparkContext().getCheckpointDir().isDefined()
        ? d.checkpoint(true)
        : d.localCheckpoint(true);
  }

  /** account_id, component: the least account id reachable (min-label propagation). */
  public static Dataset<Row> components(Dataset<Row> graph, int maxIterations) {
    Dataset<Row> dir = directed(graph).select("src", "dst").transform(Kept::keep);
    Dataset<Row> labels =
        truncate(
            dir.select(col("src").as("account_id"))
                .distinct()
                .withColumn("component", col("account_id")));
    for (int i = 0; i < maxIterations; i++) {
      Dataset<Row> neighbourMin =
          dir.join(labels.select(col("account_id").as("dst"), col("component").as("c")), "dst")
              .groupBy("src")
              .agg(min("c").as("m"));
      Dataset<Row> next =
          truncate(
              labels
                  .join(
                      neighbourMin,
                      labels.col("account_id").equalTo(neighbourMin.col("src")),
                      "left")
                  .select(
                      col("account_id"),
                      when(col("m").isNull(), col("component"))
                          .otherwise(least(col("component"), col("m")))
                          .as("component"),
                      col("component").as("previous")));
      long changed = next.filter(col("component").notEqual(col("previous"))).count();
      labels = next.drop("previous");
      if (changed == 0) {
        break;
      }
    }
    Kept.release(dir);
    return labels;
  }

  /**
   * account_id, community: weighted label propagation. Each account votes for its own label with
   * the weight of its strongest edge and for each neighbour's label with that edge's weight; the
   * heaviest label wins, ties to the smallest, so the result does not depend on partitioning.
   */
  public static Dataset<Row> communities(Dataset<Row> graph, int iterations) {
    Dataset<Row> dir = directed(graph).transform(Kept::keep);
    Dataset<Row> self = dir.groupBy("src").agg(max("w").as("w"));
    Dataset<Row> labels =
        truncate(self.select(col("src").as("account_id"), col("src").as("label")));
    for (int i = 0; i < iterations; i++) {
      Dataset<Row> neighbourVotes =
          dir.join(labels.select(col("account_id").as("dst"), col("label")), "dst")
              .select("src", "label", "w");
      Dataset<Row> selfVotes =
          self.join(labels.withColumnRenamed("account_id", "src"), "src")
              .select("src", "label", "w");
      Dataset<Row> scores =
          neighbourVotes.union(selfVotes).groupBy("src", "label").agg(sum("w").as("score"));
      Dataset<Row> next =
          truncate(
              scores
                  .withColumn(
                      "rank",
                      row_number()
                          .over(
                              Window.partitionBy("src")
                                  .orderBy(col("score").desc(), col("label").asc())))
                  .filter(col("rank").equalTo(1))
                  .select(col("src").as("account_id"), col("label")));
      labels = next;
    }
    Kept.release(dir);
    return labels.withColumnRenamed("label", "community");
  }

  /**
   * Members of each network: account_id, component, network_key (its least member), n_accounts;
   * networks smaller than minSize are dropped. Always by the distributed label propagation, at any
   * graph size (detect passes its in-memory limit to the overload below).
   */
  public static Dataset<Row> membership(Dataset<Row> edges, int minSize, int iterations) {
    return membership(edges, minSize, iterations, 0);
  }

  /**
   * As above; a graph of at most inMemoryPairs account pairs is labelled in the driver's memory
   * ({@link InMemoryLabels}: the same components and communities without some thirty rounds of
   * distributed joins), a larger one by distributed label propagation.
   */
  public static Dataset<Row> membership(
      Dataset<Row> edges, int minSize, int iterations, long inMemoryPairs) {
    Dataset<Row> named = pairGraph(edges);
    // Both propagations join and group the whole graph a few dozen times: on long indexes, not
    // account id strings. Indexes follow the ids' order, so the least index is the least id and
    // every tie still breaks on the smallest account id.
    Dataset<Row> index = accountIndex(named).transform(Kept::keep);
    Dataset<Row> graph =
        named
            .join(index.select(col("account_id").as("account_a"), col("idx").as("a")), "account_a")
            .join(index.select(col("account_id").as("account_b"), col("idx").as("b")), "account_b")
            .select(col("a").as("account_a"), col("b").as("account_b"), col("w"))
            .transform(Kept::keep);
    long limit = Math.min(inMemoryPairs, InMemoryLabels.MAX_PAIRS);
    long pairs = limit > 0 ? graph.count() : Long.MAX_VALUE;
    Dataset<Row> joined =
        pairs <= limit
            ? InMemoryLabels.of(graph, pairs, iterations)
            : components(graph, 200).join(communities(graph, iterations), "account_id");
    Dataset<Row> keyed =
        joined
            .withColumn(
                "network_key", min("account_id").over(Window.partitionBy("component", "community")))
            .withColumn("n_accounts", count("*").over(Window.partitionBy("component", "community")))
            .filter(col("n_accounts").geq(minSize))
            .select(
                col("account_id").as("idx"),
                col("component"),
                col("network_key"),
                col("n_accounts"));
    Dataset<Row> names = index.select(col("idx").as("name_idx"), col("account_id").as("name"));
    return keyed
        .join(index, "idx")
        .join(
            names.select(col("name_idx").as("component"), col("name").as("component_id")),
            "component")
        .join(
            names.select(col("name_idx").as("network_key"), col("name").as("network_key_id")),
            "network_key")
        .select(
            col("account_id"),
            col("component_id").as("component"),
            col("network_key_id").as("network_key"),
            col("n_accounts"));
  }

  /**
   * account_id, idx: every account of the graph numbered 0, 1, ... in the order of its id (a
   * distributed sort and zipWithIndex, so no single partition holds every id).
   */
  static Dataset<Row> accountIndex(Dataset<Row> graph) {
    Dataset<Row> ids =
        graph
            .select(col("account_a").as("account_id"))
            .union(graph.select(col("account_b").as("account_id")))
            .distinct()
            .orderBy("account_id");
    JavaRDD<Row> indexed =
        ids.javaRDD().zipWithIndex().map(t -> RowFactory.create(t._1().getString(0), t._2()));
    return graph.sparkSession().createDataFrame(indexed, NetworkFrames.ACCOUNT_INDEX);
  }

  /**
   * A network id unique across runs and inputs: a hash of the data fingerprint and least member.
   */
  public static Column freshId(String fingerprint) {
    return concat(
        lit("net-"),
        substring(sha2(concat(lit(fingerprint + ":"), col("network_key")), 256), 1, 20));
  }

  /**
   * Ids carried over from an earlier run: a new network keeps the id of the earlier network with
   * which it shares the most members when the Jaccard overlap is at least minJaccard and the choice
   * is mutual (one to one). Input: current (account_id, network_key, n_accounts) and previous
   * (account_id, network_id). Output: network_key, network_id of the matches.
   */
  public static Dataset<Row> carryOver(
      Dataset<Row> current, Dataset<Row> previous, double minJaccard) {
    Dataset<Row> prevSize = previous.groupBy("network_id").agg(count("*").as("n_prev"));
    Dataset<Row> overlap =
        current
            .join(previous, "account_id")
            .groupBy("network_key", "network_id")
            .agg(count("*").as("inter"), max("n_accounts").as("n_cur"))
            .join(prevSize, "network_id")
            .withColumn(
                "jaccard",
                col("inter").divide(col("n_cur").plus(col("n_prev")).minus(col("inter"))))
            .filter(col("jaccard").geq(minJaccard));
    Dataset<Row> best =
        overlap
            .withColumn(
                "r_cur",
                row_number()
                    .over(
                        Window.partitionBy("network_key")
                            .orderBy(col("jaccard").desc(), col("network_id"))))
            .withColumn(
                "r_prev",
                row_number()
                    .over(
                        Window.partitionBy("network_id")
                            .orderBy(col("jaccard").desc(), col("network_key"))));
    return best.filter(col("r_cur").equalTo(1).and(col("r_prev").equalTo(1)))
        .select("network_key", "network_id");
  }

  /**
   * The networks table's rows of one run: run_id, network_id, account_id, n_accounts, component,
   * id_carried_over, as_of. A network keeps the id of the earlier run's network it matches one to
   * one ({@link #carryOver}), else gets a fresh id from the input's fingerprint ({@link #freshId}).
   * `previous` (account_id, network_id) is null for a warehouse's first run.
   */
  public static Dataset<Row> withIds(
      Dataset<Row> members,
      String fingerprint,
      Dataset<Row> previous,
      double matchJaccard,
      String runId,
      LocalDate asOf) {
    Dataset<Row> ids =
        members.select("network_key").distinct().withColumn("fresh_id", freshId(fingerprint));
    Dataset<Row> carried =
        previous == null
            ? ids.select(col("network_key"), lit(null).cast("string").as("network_id")).limit(0)
            : carryOver(members, previous, matchJaccard);
    return members
        .join(ids, "network_key")
        .join(carried, Cols.seq("network_key"), "left")
        .select(
            lit(runId).as("run_id"),
            coalesce(col("network_id"), col("fresh_id")).as("network_id"),
            col("account_id"),
            col("n_accounts"),
            col("component"),
            col("network_id").isNotNull().as("id_carried_over"),
            lit(Date.valueOf(asOf)).as("as_of"));
  }
}
