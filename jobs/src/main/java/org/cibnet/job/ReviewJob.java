package org.cibnet.job;

import static org.apache.spark.sql.functions.col;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.io.Runs;
import org.cibnet.io.Warehouse;
import org.cibnet.review.Reviews;
import org.cibnet.schema.Schemas;
import scala.jdk.javaapi.CollectionConverters;

/**
 * review: records an analyst's verdict on a network (--network-id ID --verdict
 * confirmed|benign|dismissed --reviewer NAME [--note TEXT]) in network_reviews, with the membership
 * the reviewer saw (from the network's newest score). The next train uses confirmed networks as
 * positives and benign ones as negatives; score stops flagging benign or dismissed networks until
 * their membership changes. Recording the same verdict twice is one row (MERGE on review_id).
 */
public final class ReviewJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new ReviewJob(), args);
  }

  @Override
  public String name() {
    return "review";
  }

  @Override
  public String description() {
    return "records an analyst's verdict on a network (confirmed, benign, dismissed)";
  }

  @Override
  public Set<String> options() {
    return Set.of(
        "--warehouse", "--network-id", "--verdict", "--reviewer", "--note", "--pseudonymize");
  }

  @Override
  public Set<String> required() {
    return Set.of("--warehouse", "--network-id", "--verdict", "--reviewer");
  }

  @Override
  public void run(SparkSession spark, JobOptions o) {
    String networkId = o.require("--network-id");
    String verdict = o.require("--verdict").toLowerCase(Locale.ROOT);
    if (!Reviews.VERDICTS.contains(verdict)) {
      throw Errors.badOptionValue(
          "--verdict", verdict, "one of " + new TreeSet<>(Reviews.VERDICTS));
    }
    String reviewer = o.require("--reviewer");
    String note = o.get("--note").orElse(null);
    Warehouse wh = new Warehouse(spark, o.warehouse());
    List<Row> newest =
        wh.require(Warehouse.NETWORK_SCORES, "score")
            .filter(col("network_id").equalTo(networkId))
            .orderBy(col("as_of").desc(), col("run_id").desc())
            .limit(1)
            .select("as_of", "run_id")
            .collectAsList();
    if (newest.isEmpty()) {
      throw Errors.unknownNetwork(networkId, wh.path(Warehouse.NETWORK_SCORES));
    }
    Date asOf = newest.get(0).getDate(0);
    String runId = newest.get(0).getString(1);
    List<String> members =
        wh.require(Warehouse.NETWORKS, "detect")
            .filter(Runs.isRun(runId).and(col("network_id").equalTo(networkId)))
            .select("account_id")
            .orderBy("account_id")
            .as(Encoders.STRING())
            .collectAsList();
    String reviewId =
        sha256(
                String.join(
                    "\u0001", networkId, asOf.toString(), verdict, reviewer, String.valueOf(note)))
            .substring(0, 16);
    // reviewed_at is when the verdict was given: bookkeeping only, never read for results.
    Row review =
        RowFactory.create(
            reviewId,
            networkId,
            asOf,
            runId,
            verdict,
            reviewer,
            note,
            Timestamp.from(Instant.now()),
            CollectionConverters.asScala(members).toSeq());
    Dataset<Row> row = spark.createDataFrame(List.of(review), Schemas.NETWORK_REVIEWS_SCHEMA);
    JobRun.recorded(
        spark,
        o.with("--run-id", "review-" + reviewId),
        log -> {
          wh.merge(Warehouse.NETWORK_REVIEWS, row, List.of("review_id"));
          log.output(Warehouse.NETWORK_REVIEWS, 1);
          return null;
        });
    System.out.printf(
        "review: network %s (as of %s, %d accounts) recorded as %s by %s%n",
        networkId, asOf, members.size(), verdict, reviewer);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
