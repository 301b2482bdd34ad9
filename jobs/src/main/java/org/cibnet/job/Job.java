package org.cibnet.job;

import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;

/** A cibnet job: parsed options in, tables out. `run` takes the session so tests call it directly. */
public interface Job {
  String name();

  /** One line for the usage text. */
  String description();

  void run(SparkSession spark, JobOptions options);
}
