package org.cibnet.evaluate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.cibnet.schema.Schemas.Truth.ACCOUNT_ID;
import static org.cibnet.schema.Schemas.Truth.GROUP;
import static org.cibnet.schema.Schemas.Truth.KIND;
import static org.cibnet.schema.Schemas.Truth.LABELLED;
import static org.cibnet.schema.Schemas.Truth.OPERATION;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * How a run's flags compare with a truth table (what each account really is): account precision,
 * recall of operations nobody labelled, flag rates of look-alikes, organic accounts and spam, the
 * share of each group inside networks, and network-level ranking. Pure: the tables of one run and
 * the truth in, one row per metric out.
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * One row per truth account: account_id, group, kind, labelled, network_id (null outside
   * networks), in_network, flagged. `members` are the run's (account_id, network_id), `scores` its
   * (network_id, flagged).
   */
  public static Dataset<Row> accountOutcomes(
      Dataset<Row> truth, Dataset<Row> members, Dataset<Row> scores) {
    Dataset<Row> flaggedMembers =
        members
            .select("account_id", "network_id")
            .join(scores.select("network_id", "flagged"), "network_id");
    return truth
        .select(ACCOUNT_ID, GROUP, KIND, LABELLED)
        .join(flaggedMembers, "account_id", "left")
        .withColumn("in_network", col("network_id").isNotNull())
        .withColumn("flagged", coalesce(col("flagged"), lit(false)));
  }

  /**
   * One row per network of the run: network_id, score, flagged, operation (most of its accounts
   * known to the truth are operations), n_known (its accounts in the truth).
   */
  public static Dataset<Row> networkOutcomes(
      Dataset<Row> truth, Dataset<Row> members, Dataset<Row> scores) {
    Dataset<Row> composition =
        members
            .select("account_id", "network_id")
            .join(truth.select(ACCOUNT_ID, KIND), "account_id", "left")
            .groupBy("network_id")
            .agg(
                sum(when(col(KIND).equalTo(OPERATION), 1).otherwise(0)).as("n_operation"),
                count(col(KIND)).as("n_known"));
    return scores
        .select("network_id", "score", "flagged")
        .join(composition, "network_id", "left")
        .select(
            col("network_id"),
            col("score"),
            col("flagged"),
            coalesce(col("n_operation").multiply(2).gt(col("n_known")), lit(false)).as("operation"),
            coalesce(col("n_known"), lit(0L)).as("n_known"));
  }

  /** metric, scope, value, numerator, denominator: every figure `evaluate` reports. */
  public static Dataset<Row> metrics(Dataset<Row> accounts, Dataset<Row> networks) {
    Column op = col(KIND).equalTo(OPERATION);
    Column unlabelledOp = op.and(col(LABELLED).equalTo(false));
    Column labelledOp = op.and(col(LABELLED).equalTo(true));
    Column flagged = col("flagged");
    Dataset<Row> overall =
        ratio(accounts.filter(flagged), "account_precision", lit("all"), op)
            .unionByName(
                ratio(
                    accounts.filter(unlabelledOp),
                    "unlabelled_operation_recall",
                    lit("all"),
                    flagged))
            .unionByName(
                ratio(
                    accounts.filter(unlabelledOp),
                    "unlabelled_operation_recall",
                    col(GROUP),
                    flagged))
            .unionByName(
                ratio(
                    accounts.filter(labelledOp), "labelled_operation_recall", lit("all"), flagged))
            .unionByName(
                ratio(
                    accounts.filter(labelledOp), "labelled_operation_recall", col(GROUP), flagged))
            .unionByName(ratio(accounts, "flag_rate", concat(lit("kind:"), col(KIND)), flagged))
            .unionByName(ratio(accounts, "flag_rate", col(GROUP), flagged))
            .unionByName(
                ratio(
                    accounts,
                    "in_network_share",
                    concat(lit("kind:"), col(KIND)),
                    col("in_network")))
            .unionByName(ratio(accounts, "in_network_share", col(GROUP), col("in_network")));
    return overall
        .unionByName(
            ratio(
                networks.filter("flagged"),
                "flagged_network_precision",
                lit("all"),
                col("operation")))
        .unionByName(averagePrecision(networks));
  }

  /** Per scope, the share of rows where `hit` holds (empty scopes give no row). */
  private static Dataset<Row> ratio(Dataset<Row> rows, String metric, Column scope, Column hit) {
    return rows.groupBy(scope.as("scope"))
        .agg(sum(when(hit, 1L).otherwise(0L)).as("numerator"), count("*").as("denominator"))
        .select(
            lit(metric).as("metric"),
            col("scope"),
            col("numerator").divide(col("denominator")).as("value"),
            col("numerator"),
            col("denominator"));
  }

  /**
   * Network average precision: networks ranked by score (ties by id), the mean over operation
   * networks of the precision among the networks ranked at or above each. Ranking all networks in
   * one window: one row per network, a few thousand at most.
   */
  static Dataset<Row> averagePrecision(Dataset<Row> networks) {
    var byRank = Window.orderBy(col("score").desc(), col("network_id"));
    Dataset<Row> ranked =
        networks
            .withColumn("rank", expr("row_number()").over(byRank))
            .withColumn("hits", sum(when(col("operation"), 1L).otherwise(0L)).over(byRank));
    return ranked
        .filter("operation")
        .agg(avg(col("hits").divide(col("rank"))).as("value"), count("*").as("numerator"))
        .join(networks.agg(count("*").as("denominator")))
        .select(
            lit("network_average_precision").as("metric"),
            lit("all").as("scope"),
            coalesce(col("value"), lit(0.0)).as("value"),
            col("numerator"),
            col("denominator"));
  }
}
