package org.cibnet.io;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.spark.SparkSessions;

/**
 * Run in a fresh JVM by HiveRegistrationTest: registers the warehouse (args[1]) again, which must
 * change nothing, then lists the tables of the database (args[0]) in the configured metastore and
 * counts each by name, one "TABLE name rows" line each.
 */
public final class HiveCatalogProbe {
  private HiveCatalogProbe() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSessions.forJob("hive-probe");
    System.out.println("CATALOG " + spark.conf().get("spark.sql.catalogImplementation"));
    TableRegistry.register(spark, new Warehouse(spark, args[1]), args[0]);
    for (Row t : spark.sql("SHOW TABLES IN " + args[0]).collectAsList()) {
      String name = t.getString(t.fieldIndex("tableName"));
      System.out.println("TABLE " + name + " " + spark.table(args[0] + "." + name).count());
    }
    spark.stop();
  }
}
