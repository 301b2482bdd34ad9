package org.cibnet.job;

import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;

/**
 * A cibnet job: parsed options in, tables out. `run` takes the session so tests call it directly.
 */
public interface Job {
  String name();

  /** One line for the usage text. */
  String description();

  /**
   * The options this job takes besides the common ones (--conf, --set, --verbose); any other is
   * rejected before Spark starts.
   */
  Set<String> options();

  /** The options it cannot run without, checked before Spark starts. */
  default Set<String> required() {
    return Set.of();
  }

  void run(SparkSession spark, JobOptions options);
}
