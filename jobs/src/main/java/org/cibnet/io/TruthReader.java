package org.cibnet.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.schema.Schemas;
import org.cibnet.schema.Schemas.Truth;

/**
 * Reads a truth table for `evaluate`: Parquet, or CSV with a header (a .csv file, or a folder of
 * them), into {@link Schemas#TRUTH_SCHEMA}. labelled may be boolean, 1/0 or true/false text; kind
 * is case-folded. A row with an unknown kind or a missing id fails with the file, column and row
 * named; an account listed twice fails too (it would be counted twice).
 */
public final class TruthReader {
  private TruthReader() {}

  /** Earlier generator output named these columns group_id and group_kind. */
  private static final Map<String, String> ALIASES =
      Map.of("group_id", "group", "group_kind", "kind");

  public static Dataset<Row> read(SparkSession spark, String path) {
    Dataset<Row> raw =
        isCsv(spark, path)
            ? spark.read().option("header", "true").csv(path)
            : spark.read().parquet(path);
    for (Map.Entry<String, String> a : ALIASES.entrySet()) {
      if (Arrays.asList(raw.columns()).contains(a.getKey())
          && !Arrays.asList(raw.columns()).contains(a.getValue())) {
        raw = raw.withColumnRenamed(a.getKey(), a.getValue());
      }
    }
    for (String c : List.of(Truth.ACCOUNT_ID, Truth.GROUP, Truth.KIND, Truth.LABELLED)) {
      if (!Arrays.asList(raw.columns()).contains(c)) {
        throw Errors.missingColumn("truth", path, c);
      }
    }
    Dataset<Row> truth =
        raw.select(
            col(Truth.ACCOUNT_ID).cast("string").as(Truth.ACCOUNT_ID),
            col(Truth.GROUP).cast("string").as(Truth.GROUP),
            lower(trim(col(Truth.KIND).cast("string"))).as(Truth.KIND),
            labelled(col(Truth.LABELLED)).as(Truth.LABELLED));
    List<Row> bad =
        truth
            .filter(
                col(Truth.ACCOUNT_ID)
                    .isNull()
                    .or(col(Truth.KIND).isNull())
                    .or(col(Truth.KIND).isin(Truth.KINDS.toArray()).unary_$bang()))
            .limit(1)
            .collectAsList();
    if (!bad.isEmpty()) {
      Row r = bad.get(0);
      throw r.isNullAt(0)
          ? Errors.badTruthRow(path, Truth.ACCOUNT_ID, "(no id)", null, "an account id")
          : Errors.badTruthRow(
              path,
              Truth.KIND,
              r.getString(0),
              r.getString(2),
              "one of " + String.join(", ", Truth.KINDS));
    }
    List<Row> repeated =
        truth.groupBy(Truth.ACCOUNT_ID).count().filter("count > 1").limit(1).collectAsList();
    if (!repeated.isEmpty()) {
      throw Errors.badTruthRow(
          path,
          Truth.ACCOUNT_ID,
          repeated.get(0).getString(0),
          repeated.get(0).getString(0),
          "listed once (it appears " + repeated.get(0).getLong(1) + " times)");
    }
    return truth.withColumn(
        Truth.GROUP, when(col(Truth.GROUP).isNull(), col(Truth.KIND)).otherwise(col(Truth.GROUP)));
  }

  private static Column labelled(Column c) {
    Column text = lower(trim(c.cast("string")));
    return when(text.isin("1", "true", "yes", "t", "y", "1.0"), lit(true)).otherwise(lit(false));
  }

  private static boolean isCsv(SparkSession spark, String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
      return true;
    }
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw Errors.missingTruth(path);
      }
      if (!fs.getFileStatus(p).isDirectory()) {
        return false;
      }
      for (FileStatus st : fs.listStatus(p)) {
        String name = st.getPath().getName().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw Errors.missingTruth(path + " (" + e.getMessage() + ")");
    }
  }
}
