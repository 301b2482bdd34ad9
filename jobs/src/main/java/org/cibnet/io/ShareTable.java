package org.cibnet.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.network.CooRTweet;

/**
 * Reads and writes CooRTweet's tables: a share table in (object_id, account_id, content_id,
 * timestamp_share, optionally object_kind; CSV with a header, as CooRTweet's datasets are written,
 * or Parquet), and the network out as edges.csv and vertices.csv.
 */
public final class ShareTable {
  private ShareTable() {}

  public static final List<String> COLUMNS =
      List.of("object_id", "account_id", "content_id", "timestamp_share");

  /**
   * The shares with their input order (input_row), every column as the package reads it. A share
   * without an object, account, content or a whole-second timestamp fails, naming the column and
   * the first such row.
   */
  public static Dataset<Row> read(SparkSession spark, String path) {
    Dataset<Row> raw =
        isCsv(spark, path)
            ? spark.read().option("header", "true").option("mode", "FAILFAST").csv(path)
            : spark.read().parquet(path);
    List<String> columns = Arrays.asList(raw.columns());
    for (String c : COLUMNS) {
      if (!columns.contains(c)) {
        throw Errors.missingColumn("shares", path, c);
      }
    }
    List<Column> select =
        new ArrayList<>(
            List.of(
                col("object_id").cast("string").as("object_id"),
                col("account_id").cast("string").as("account_id"),
                col("content_id").cast("string").as("content_id"),
                col("timestamp_share").cast("double").as("timestamp_share")));
    if (columns.contains(CooRTweet.KIND)) {
      select.add(col(CooRTweet.KIND).cast("string").as(CooRTweet.KIND));
    }
    Dataset<Row> shares =
        raw.select(select.toArray(Column[]::new))
            .withColumn(CooRTweet.ROW, monotonically_increasing_id());
    List<Row> bad =
        shares
            .filter(
                col("object_id")
                    .isNull()
                    .or(col("account_id").isNull())
                    .or(col("content_id").isNull())
                    .or(col("timestamp_share").isNull()))
            .orderBy(CooRTweet.ROW)
            .limit(1)
            .collectAsList();
    if (!bad.isEmpty()) {
      Row r = bad.get(0);
      String column =
          COLUMNS.stream().filter(c -> r.isNullAt(r.fieldIndex(c))).findFirst().orElse("?");
      throw Errors.badShareRow(
          path,
          column,
          r.getAs("content_id"),
          r.getAs("account_id"),
          column.equals("timestamp_share"));
    }
    return shares.withColumn("timestamp_share", col("timestamp_share").cast("long"));
  }

  /** Writes one CSV file with a header at dir/name (through a temporary folder, then a rename). */
  public static void writeCsv(SparkSession spark, Dataset<Row> rows, String dir, String name) {
    Path target = new Path(dir, name);
    Path tmp = new Path(dir, "_" + name + ".parts");
    rows.coalesce(1).write().mode("overwrite").option("header", "true").csv(tmp.toString());
    try {
      FileSystem fs = tmp.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus part =
          Arrays.stream(fs.listStatus(tmp))
              .filter(s -> s.getPath().getName().startsWith("part-"))
              .findFirst()
              .orElseThrow(() -> new IOException("Spark wrote no part file under " + tmp));
      fs.delete(target, false);
      if (!fs.rename(part.getPath(), target)) {
        throw new IOException("cannot rename " + part.getPath() + " to " + target);
      }
      fs.delete(tmp, true);
    } catch (IOException e) {
      throw Errors.cannotWrite("the CSV file", target.toString(), e);
    }
  }

  private static boolean isCsv(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw Errors.missingShareTable(path);
      }
      String lower = path.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
        return true;
      }
      return fs.getFileStatus(p).isDirectory()
          && Arrays.stream(fs.listStatus(p))
              .anyMatch(
                  s -> s.getPath().getName().toLowerCase(Locale.ROOT).matches(".*\\.csv(\\.gz)?$"));
    } catch (IOException e) {
      throw Errors.cannotRead("the share table", path, e);
    }
  }
}
