package org.cibnet.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;

/**
 * Registers the warehouse's Delta tables by name. With a Hive metastore configured
 * (spark.sql.catalogImplementation=hive) the tables are created in it; otherwise the CREATE TABLE
 * statements are printed for whoever runs the metastore. Delta keeps the data and schema at the
 * location, so registering is idempotent and never copies anything.
 */
public final class TableRegistry {
  private TableRegistry() {}

  /** Every Delta table under the warehouse (rejects/<dataset> included, backtest scratch not). */
  public static List<String> tables(SparkSession spark, Warehouse wh) {
    List<String> out = new ArrayList<>();
    try {
      Path root = new Path(wh.root());
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return out;
      }
      for (FileStatus st : fs.listStatus(root)) {
        String name = st.getPath().getName();
        if (!st.isDirectory() || name.startsWith("_") || name.startsWith(".")) {
          continue;
        }
        if (fs.exists(new Path(st.getPath(), "_delta_log"))) {
          out.add(name);
        } else {
          for (FileStatus sub : fs.listStatus(st.getPath())) {
            if (sub.isDirectory() && fs.exists(new Path(sub.getPath(), "_delta_log"))) {
              out.add(name + "/" + sub.getPath().getName());
            }
          }
        }
      }
    } catch (IOException e) {
      throw Errors.cannotRead("the tables of warehouse", wh.root(), e);
    }
    out.sort(String::compareTo);
    return out;
  }

  /** The statements that register every table under `database`. */
  public static List<String> statements(SparkSession spark, Warehouse wh, String database) {
    List<String> sql = new ArrayList<>();
    sql.add("CREATE DATABASE IF NOT EXISTS " + database);
    for (String t : tables(spark, wh)) {
      String name = t.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT);
      String location = qualified(spark, wh.path(t)).replace("'", "\\'");
      sql.add(
          "CREATE TABLE IF NOT EXISTS "
              + database
              + "."
              + name
              + " USING delta LOCATION '"
              + location
              + "'");
    }
    return sql;
  }

  /** The full URI (with scheme) of a path, as a metastore needs it. */
  private static String qualified(SparkSession spark, String path) {
    Path p = new Path(path);
    try {
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration())
          .makeQualified(p)
          .toString();
    } catch (IOException e) {
      throw Errors.cannotRead("the path", path, e);
    }
  }

  /** Whether the session has a metastore to register tables in. */
  public static boolean hasMetastore(SparkSession spark) {
    return "hive".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"));
  }

  /**
   * Creates the tables in the configured metastore, or prints the statements when there is none.
   */
  public static void register(SparkSession spark, Warehouse wh, String database) {
    List<String> sql = statements(spark, wh, database);
    if (hasMetastore(spark)) {
      sql.forEach(spark::sql);
      System.out.println("tables registered in the metastore as " + database + ".*");
    } else {
      System.out.println(
          "No metastore configured (spark.sql.catalogImplementation=hive); to query the tables "
              + "by name, run:");
      sql.forEach(s -> System.out.println("  " + s + ";"));
    }
  }
}
