package org.cibnet.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.cibnet.spark.Cols;

/**
 * Retrospective research without re-running detection per date: the graph as it stood at an as-of
 * date is derived from the full run's edges (an edge exists once its first shared object is before
 * the date), and each campaign's fate is read from the networks flagged at that date.
 */
public final class Backtest {
  private Backtest() {}

  /**
   * The shared grid of as-of dates: every `stepDays` back from the latest takedown (exclusive) to
   * the first post (exclusive), oldest first, at most `maxDates` (the latest ones).
   */
  public static List<LocalDate> grid(
      LocalDate firstPost, LocalDate lastTakedown, int stepDays, int maxDates) {
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate d = lastTakedown.minusDays(stepDays);
        d.isAfter(firstPost) && dates.size() < maxDates;
        d = d.minusDays(stepDays)) {
      dates.add(0, d);
    }
    return dates;
  }

  /** Edges present at the date: first shared object before it; assets once both accounts exist. */
  public static Dataset<Row> edgesAt(Dataset<Row> edges, Dataset<Row> accountsAt, LocalDate asOf) {
    Dataset<Row> known = accountsAt.select("account_id").distinct();
    return edges
        .filter(
            col("first_at")
                .isNull()
                .or(col("first_at").lt(lit(Timestamp.valueOf(asOf.atStartOfDay())))))
        .join(known.withColumnRenamed("account_id", "account_a"), "account_a")
        .join(known.withColumnRenamed("account_id", "account_b"), "account_b");
  }

  /**
   * The full run's networks (run_id, network_id, account_id, ...) cut down to what the edges
   * present at the date support: members with an edge to a fellow member, networks of at least
   * minSize such members. Ids stay those of the full run, so a network's scores line up over dates.
   */
  public static Dataset<Row> networksAt(Dataset<Row> networks, Dataset<Row> edgesAt, int minSize) {
    Dataset<Row> m = networks.select("network_id", "account_id");
    Dataset<Row> ends =
        edgesAt
            .select(col("account_a").as("account_id"), col("account_b").as("other"))
            .union(edgesAt.select(col("account_b").as("account_id"), col("account_a").as("other")));
    Dataset<Row> linked =
        ends.join(m, "account_id")
            .join(
                m.select(col("network_id").as("other_network"), col("account_id").as("other")),
                "other")
            .filter(col("network_id").equalTo(col("other_network")))
            .select("account_id")
            .distinct();
    return networks
        .join(linked, "account_id")
        .withColumn("n_accounts", count("*").over(Window.partitionBy("network_id")))
        .filter(col("n_accounts").geq(minSize));
  }

  /**
   * One row per campaign not yet taken down at the date: how many of its accounts sit in networks
   * and in flagged networks, whether a flagged network is mostly (positiveShare) its accounts, the
   * highest score of such a network (null when none is) against the date's threshold, and the
   * precision of that date's flags judged with hindsight (a flagged network counts as right when
   * mostly made of accounts removed by any takedown, including later ones).
   */
  public static Dataset<Row> evaluate(
      Dataset<Row> scores,
      Dataset<Row> membersAt,
      Dataset<Row> takedowns,
      LocalDate asOf,
      double positiveShare) {
    Dataset<Row> removed =
        takedowns
            .groupBy("account_id")
            .agg(expr("min_by(campaign_id, takedown_date)").as("campaign_id"));
    Dataset<Row> campaigns =
        takedowns
            .groupBy("campaign_id")
            .agg(
                min("takedown_date").as("takedown_date"),
                countDistinct("account_id").as("accounts"))
            .filter(col("takedown_date").gt(lit(Date.valueOf(asOf))));
    Dataset<Row> placed =
        membersAt
            .select("network_id", "account_id")
            .join(scores.select("network_id", "flagged", "model_version", "score"), "network_id")
            .join(removed, Cols.seq("account_id"), "left");
    Dataset<Row> perNetwork =
        placed
            .groupBy("network_id", "flagged", "score")
            .agg(count("*").as("n"), expr("count(campaign_id)").as("removed"));
    Dataset<Row> byCampaign =
        placed
            .filter(col("campaign_id").isNotNull())
            .groupBy("network_id", "campaign_id")
            .agg(count("*").as("k"))
            .join(perNetwork.select("network_id", "n", "flagged", "score"), "network_id")
            .withColumn("mostly", col("k").geq(col("n").multiply(positiveShare)))
            .groupBy("campaign_id")
            .agg(
                sum("k").as("accounts_in_networks"),
                sum(when(col("flagged"), col("k")).otherwise(0)).as("accounts_in_flagged_networks"),
                max(col("flagged").and(col("mostly"))).as("caught"),
                max(when(col("mostly"), col("score"))).as("campaign_network_score"));
    Row totals =
        perNetwork
            .filter(col("flagged"))
            .agg(
                count("*").as("flagged"),
                sum(when(col("removed").geq(col("n").multiply(positiveShare)), 1).otherwise(0)))
            .first();
    long flagged = totals.getLong(0);
    Column precision =
        flagged == 0
            ? lit(null).cast("double")
            : lit((totals.isNullAt(1) ? 0 : totals.getLong(1)) / (double) flagged);
    List<Row> modelRow = scores.select("model_version", "threshold").limit(1).collectAsList();
    String model = modelRow.isEmpty() ? null : modelRow.get(0).getString(0);
    Column threshold =
        modelRow.isEmpty() ? lit(null).cast("double") : lit(modelRow.get(0).getDouble(1));
    return campaigns
        .join(byCampaign, Cols.seq("campaign_id"), "left")
        .select(
            col("campaign_id"),
            col("takedown_date"),
            lit(Date.valueOf(asOf)).as("as_of"),
            col("accounts"),
            expr("coalesce(accounts_in_networks, 0)").as("accounts_in_networks"),
            expr("coalesce(accounts_in_flagged_networks, 0)").as("accounts_in_flagged_networks"),
            expr("coalesce(caught, false)").as("caught"),
            col("campaign_network_score"),
            threshold.as("threshold"),
            lit(flagged).as("flagged_networks"),
            precision.as("precision_at_date"),
            lit(model).cast("string").as("model_version"));
  }

  /**
   * Adds, per campaign, the first date it was caught, the days of warning before its real takedown,
   * and the precision of the flags on that date.
   */
  public static Dataset<Row> summarize(Dataset<Row> perDate) {
    var w = Window.partitionBy("campaign_id");
    return perDate
        .withColumn("first_caught_as_of", min(when(col("caught"), col("as_of"))).over(w))
        .withColumn("days_of_warning", datediff(col("takedown_date"), col("first_caught_as_of")))
        .withColumn(
            "precision_when_first_caught",
            max(when(col("as_of").equalTo(col("first_caught_as_of")), col("precision_at_date")))
                .over(w));
  }
}
