package org.cibnet.job;

import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.io.ShareTable;
import org.cibnet.network.CooRTweet;
import org.cibnet.spark.Kept;

/**
 * coortweet: CooRTweet's detect_groups and generate_coordinated_network at Spark scale, for
 * researchers who compare with the R package. --input SHARES (object_id, account_id, content_id,
 * timestamp_share; CSV or Parquet) --out DIR --time-window S (10) --min-participation N (2)
 * --edge-weight Q (0.5) [--per-object-kind]: writes DIR/edges.csv (from, to, weight,
 * avg_time_delta, n_content_id, n_content_id_y, edge_symmetry_score, weight_threshold) and
 * DIR/vertices.csv (name), the package's network with subgraph = 1.
 */
public final class CooRTweetJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new CooRTweetJob(), args);
  }

  @Override
  public String name() {
    return "coortweet";
  }

  @Override
  public String description() {
    return "CooRTweet-compatible coordinated sharing (--input SHARES --out DIR --time-window S"
        + " --min-participation N --edge-weight Q [--per-object-kind])";
  }

  @Override
  public Set<String> options() {
    return Set.of(
        "--input",
        "--out",
        "--time-window",
        "--min-participation",
        "--edge-weight",
        "--per-object-kind");
  }

  @Override
  public Set<String> required() {
    return Set.of("--input", "--out");
  }

  @Override
  public void run(SparkSession spark, JobOptions o) {
    String input = o.input();
    String out = o.require("--out");
    long window = o.longOption("--time-window", 10);
    long minParticipation = o.longOption("--min-participation", 2);
    double edgeWeight = o.doubleOption("--edge-weight", 0.5);
    if (window < 0) {
      throw Errors.badOptionValue(
          "--time-window", String.valueOf(window), "a number of seconds, 0 or more");
    }
    if (minParticipation < 1 || minParticipation > Integer.MAX_VALUE) {
      throw Errors.badOptionValue(
          "--min-participation", String.valueOf(minParticipation), "a whole number, 1 or more");
    }
    if (edgeWeight < 0 || edgeWeight > 1) {
      throw Errors.badOptionValue(
          "--edge-weight", String.valueOf(edgeWeight), "a quantile between 0 and 1");
    }
    Dataset<Row> shares = CooRTweet.withKinds(ShareTable.read(spark, input)).transform(Kept::keep);
    Dataset<Row> groups =
        CooRTweet.groups(shares, window, (int) minParticipation, o.flag("--per-object-kind"))
            .transform(Kept::keep);
    Dataset<Row> network =
        CooRTweet.network(groups, edgeWeight).orderBy("from", "to").transform(Kept::keep);
    ShareTable.writeCsv(spark, network, out, "edges.csv");
    ShareTable.writeCsv(spark, CooRTweet.vertices(network).orderBy("name"), out, "vertices.csv");
    System.out.printf(
        "coortweet: %d shares, %d coordinated pairs of shares, %d edges among %d accounts;"
            + " written to %s/edges.csv and vertices.csv%n",
        shares.count(),
        groups.count(),
        network.count(),
        CooRTweet.vertices(network).count(),
        out.replaceAll("/+$", ""));
    Kept.release(network);
    Kept.release(groups);
    Kept.release(shares);
  }
}
