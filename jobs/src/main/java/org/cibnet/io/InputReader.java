package org.cibnet.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.cibnet.schema.Schemas.ROW_INDEX;
import static org.cibnet.schema.Schemas.SOURCE_FILE;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.cibnet.config.Errors;
import org.cibnet.schema.Schemas;

/**
 * Reads one input dataset into its contract schema. Files are grouped by their physical Parquet
 * schema (INT96 or INT64 timestamps of any unit, int for long, any decimal) and each group is cast
 * to the contract; extra columns are carried. Files that cannot be read at all are returned, not
 * thrown, so validate can list them in rejects/_files. Paths go through Hadoop's FileSystem.
 */
public final class InputReader {

  /** A file that could not be read, with why. */
  public record UnreadableFile(String dataset, String file, String reason) {}

  /**
   * A dataset as read: rows in the contract schema (plus extras), the files that failed, how many
   * files there were, and how many rows each readable file's footer announces (a file whose data
   * pages are corrupt yields fewer: see {@link #shortFiles}).
   */
  public record ReadResult(
      Dataset<Row> rows,
      List<UnreadableFile> unreadable,
      int files,
      Map<String, Long> footerRows) {}

  private InputReader() {}

  /** Returns null rows when an optional dataset (ads, takedowns) is absent or empty. */
  public static ReadResult read(SparkSession spark, String inputDir, String dataset) {
    StructType contract = Schemas.INPUTS.get(dataset);
    String dir = inputDir.replaceAll("/+$", "") + "/" + dataset;
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<Path> files = listDataFiles(hadoop, dir);
    if (files == null) {
      if (Schemas.optional(dataset)) {
        return new ReadResult(null, List.of(), 0, Map.of());
      }
      throw Errors.missingDataset(dataset, dir);
    }
    List<UnreadableFile> unreadable = new ArrayList<>();
    Map<String, List<Path>> groups = new LinkedHashMap<>();
    Map<String, MessageType> groupSchema = new LinkedHashMap<>();
    Map<String, Long> footerRows = new LinkedHashMap<>();
    for (Path f : files) {
      try {
        if (f.getFileSystem(hadoop).getFileStatus(f).getLen() == 0) {
          unreadable.add(
              new UnreadableFile(dataset, f.toString(), "empty file (0 bytes): no Parquet footer"));
          continue;
        }
        ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(f, hadoop));
        MessageType schema;
        try (footer) {
          schema = footer.getFooter().getFileMetaData().getSchema();
          footerRows.put(pathKey(f.toString()), footer.getRecordCount());
        }
        String key = schema.toString();
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        groupSchema.put(key, schema);
      } catch (IOException | RuntimeException e) {
        unreadable.add(new UnreadableFile(dataset, f.toString(), reasonOf(e)));
      }
    }
    Dataset<Row> all = null;
    for (Map.Entry<String, List<Path>> g : groups.entrySet()) {
      String[] paths = g.getValue().stream().map(Path::toString).toArray(String[]::new);
      // Metadata columns resolve only on the file relation itself, so take them before casting.
      // A file whose pages fail to decode (its footer read fine) is skipped from that row on, not
      // allowed to fail the run; shortFiles then names it and counts what was lost.
      Dataset<Row> raw =
          spark
              .read()
              .option("basePath", dir)
              .option("ignoreCorruptFiles", "true")
              .parquet(paths)
              .withColumn(SOURCE_FILE, col("_metadata.file_path"))
              .withColumn(ROW_INDEX, col("_metadata.row_index"));
      Dataset<Row> conformed =
          conform(raw, contract, dataset, paths[0], groupSchema.get(g.getKey()));
      all = all == null ? conformed : all.unionByName(conformed, true);
    }
    if (all == null && Schemas.optional(dataset)) {
      return new ReadResult(null, unreadable, files.size(), footerRows);
    }
    if (all == null) {
      all = spark.createDataFrame(List.of(), contract);
      all =
          all.withColumn(SOURCE_FILE, lit(null).cast("string"))
              .withColumn(ROW_INDEX, lit(null).cast("long"));
    }
    return new ReadResult(all, unreadable, files.size(), footerRows);
  }

  /**
   * A file's path as footers and Spark's file metadata both name it (scheme and authority aside).
   */
  public static String pathKey(String file) {
    return new Path(file).toUri().getPath();
  }

  /**
   * Files that gave fewer rows than their footer announces, with the rows lost: their data pages
   * could not be decoded from some row on (the rows before it were read and validated).
   *
   * @param readPerFile file (as SOURCE_FILE) and rows read, per file
   */
  public static List<ShortFile> shortFiles(
      String dataset, Map<String, Long> footerRows, Map<String, Long> readPerFile) {
    Map<String, Long> read = new LinkedHashMap<>();
    readPerFile.forEach((f, n) -> read.merge(pathKey(f), n, Long::sum));
    List<ShortFile> out = new ArrayList<>();
    footerRows.forEach(
        (file, expected) -> {
          long got = read.getOrDefault(file, 0L);
          if (got < expected) {
            out.add(
                new ShortFile(
                    new UnreadableFile(
                        dataset,
                        file,
                        String.format(
                            "rows %d to %d of %d could not be read: corrupt data pages (the footer"
                                + " is intact)",
                            got + 1, expected, expected)),
                    expected - got));
          }
        });
    return out;
  }

  /** A file that gave fewer rows than its footer announces. */
  public record ShortFile(UnreadableFile file, long rowsLost) {}

  /** Data files under a dataset folder, recursively; hidden and _-prefixed names are skipped. */
  static List<Path> listDataFiles(Configuration hadoop, String dir) {
    try {
      Path p = new Path(dir);
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        return null;
      }
      FileStatus st = fs.getFileStatus(p);
      if (!st.isDirectory()) {
        return List.of(p);
      }
      List<Path> out = new ArrayList<>();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
      while (it.hasNext()) {
        LocatedFileStatus s = it.next();
        if (!hidden(p, s.getPath())) {
          out.add(s.getPath());
        }
      }
      out.sort(null);
      return out;
    } catch (IOException e) {
      throw Errors.cannotRead("the input folder", String.valueOf(dir), e);
    }
  }

  private static boolean hidden(Path root, Path file) {
    for (Path q = file; q != null && !q.equals(root); q = q.getParent()) {
      String n = q.getName();
      if (n.startsWith("_") || n.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static String reasonOf(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + Errors.firstLine(m));
  }

  /** Casts each contract column from its physical type; extras pass through untouched. */
  static Dataset<Row> conform(
      Dataset<Row> raw, StructType contract, String dataset, String file, MessageType footer) {
    StructType actual = raw.schema();
    Set<String> present = Set.of(actual.fieldNames());
    List<Column> cols = new ArrayList<>();
    for (StructField want : contract.fields()) {
      String name = want.name();
      if (!present.contains(name)) {
        if (!want.nullable()) {
          throw Errors.missingColumn(dataset, file, name);
        }
        cols.add(lit(null).cast(want.dataType()).as(name));
        continue;
      }
      DataType have = actual.apply(name).dataType();
      boolean nanos = isNanosTimestamp(footer, name);
      if (!compatible(have, want.dataType(), nanos)) {
        throw Errors.incompatibleType(
            dataset, file, name, have.simpleString(), want.dataType().simpleString());
      }
      Column c = col("`" + name + "`");
      if (nanos) {
        c = expr("timestamp_micros(cast(floor(`" + name + "` / 1000) as bigint))");
      }
      cols.add(c.cast(want.dataType()).as(name));
    }
    for (StructField extra : actual.fields()) {
      if (!contract.getFieldIndex(extra.name()).isDefined()) {
        cols.add(col("`" + extra.name() + "`"));
      }
    }
    return raw.select(cols.toArray(Column[]::new));
  }

  private static boolean isNanosTimestamp(MessageType footer, String column) {
    if (footer == null || !footer.containsField(column)) {
      return false;
    }
    Type t = footer.getType(column);
    return t.isPrimitive()
        && t.getLogicalTypeAnnotation()
            instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
        && ts.getUnit() == LogicalTypeAnnotation.TimeUnit.NANOS;
  }

  /**
   * Which physical types may stand for a contract type (docs/contract.md: "where the logical type
   * fits").
   */
  static boolean compatible(DataType have, DataType want, boolean nanosTimestamp) {
    if (want instanceof StringType) {
      return have instanceof StringType || have instanceof BinaryType;
    }
    if (want instanceof LongType) {
      return have instanceof LongType
          || have instanceof IntegerType
          || have instanceof ShortType
          || have instanceof ByteType;
    }
    if (want instanceof TimestampType) {
      return have instanceof TimestampType
          || have instanceof TimestampNTZType
          || (have instanceof LongType && nanosTimestamp);
    }
    if (want instanceof DateType) {
      return have instanceof DateType
          || have instanceof TimestampType
          || have instanceof TimestampNTZType;
    }
    if (want instanceof DecimalType) {
      return have instanceof DecimalType
          || have instanceof IntegerType
          || have instanceof LongType
          || have instanceof DoubleType
          || have instanceof FloatType;
    }
    if (want instanceof ArrayType wa) {
      return have instanceof ArrayType ha && compatible(ha.elementType(), wa.elementType(), false);
    }
    return have.equals(want);
  }

  /**
   * known_indicators/ of the input folder (campaign_id, indicator_type, value, ...), null when
   * absent.
   */
  public static Dataset<Row> knownIndicators(SparkSession spark, String input) {
    Path p = new Path(input.replaceAll("/+$", "") + "/" + Schemas.KNOWN_INDICATORS);
    try {
      if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
        return null;
      }
    } catch (IOException e) {
      throw Errors.cannotRead("the indicator file", String.valueOf(p), e);
    }
    Dataset<Row> rows = spark.read().parquet(p.toString());
    return rows.select(
            Arrays.stream(Schemas.KNOWN_INDICATORS_SCHEMA.fields())
                .map(f -> col(f.name()).cast(f.dataType()).as(f.name()))
                .toArray(Column[]::new))
        .dropDuplicates("campaign_id", "indicator_type", "value");
  }
}
