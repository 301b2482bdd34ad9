package org.cibnet.job;

import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.io.TableRegistry;
import org.cibnet.io.Warehouse;

/**
 * register: makes every Delta table of a warehouse queryable by name (database from
 * warehouse.database, default cibnet). With a Hive metastore (spark.sql.catalogImplementation=hive)
 * the tables are created there; otherwise the CREATE TABLE statements are printed. Idempotent;
 * pipeline does the same at its end.
 */
public final class RegisterJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new RegisterJob(), args);
  }

  @Override
  public String name() {
    return "register";
  }

  @Override
  public String description() {
    return "registers the warehouse's Delta tables by name in the metastore (or prints the"
        + " statements)";
  }

  @Override
  public Set<String> options() {
    return Set.of("--warehouse");
  }

  @Override
  public Set<String> required() {
    return Set.of("--warehouse");
  }

  @Override
  public void run(SparkSession spark, JobOptions o) {
    TableRegistry.register(
        spark, new Warehouse(spark, o.warehouse()), o.settings().get(SettingKeys.DATABASE));
  }
}
