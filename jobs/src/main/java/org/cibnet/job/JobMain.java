package org.cibnet.job;

import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.CibnetException;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.spark.SparkSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin entry every job shares: parse options, log the effective configuration, build the one
 * session, run, and exit non-zero with a one-line reason on any failure.
 */
public final class JobMain {
  private static final Logger LOG = LoggerFactory.getLogger(JobMain.class);

  private JobMain() {}

  /** For spark-submit --class: runs the job and exits with its status. */
  public static void main(Job job, String[] args) {
    System.exit(run(job, args));
  }

  /** Returns the exit status: 0 on success, 1 on failure (reason on stderr), 2 on bad usage. */
  public static int run(Job job, String[] args) {
    JobOptions options;
    try {
      options = JobOptions.parse(job.name(), args);
      checkOptions(job, options);
    } catch (RuntimeException e) {
      System.err.println("cibnet " + job.name() + ": " + Errors.firstLine(e.getMessage()));
      return 2;
    }
    boolean verbose = options.flag(JobOptions.VERBOSE);
    try {
      LOG.info("cibnet {} options {}", job.name(), options.parameters());
      System.out.println(
          "cibnet "
              + job.name()
              + " "
              + options.parameters()
              + "\nsettings:\n"
              + options.settings().describeOverrides().stripTrailing());
      SparkSession spark = SparkSessions.forJob(job.name());
      // Spark's own warnings say nothing a user can act on; --verbose brings them back.
      spark.sparkContext().setLogLevel(verbose ? "WARN" : "ERROR");
      job.run(spark, options);
      return 0;
    } catch (Throwable e) {
      if (verbose) {
        e.printStackTrace();
      } else {
        LOG.debug("cibnet " + job.name() + " failed", e);
      }
      System.err.println("cibnet " + job.name() + ": " + reason(e));
      return 1;
    }
  }

  /**
   * Options the job does not take, and options it needs, are usage errors found before the session
   * starts (which takes half a minute).
   */
  static void checkOptions(Job job, JobOptions options) {
    Set<String> allowed = new TreeSet<>(job.options());
    allowed.addAll(JobOptions.COMMON);
    for (String given : options.values().keySet()) {
      if (!allowed.contains(given)) {
        throw Errors.optionNotForJob(job.name(), given, allowed);
      }
    }
    if (!options.sets().isEmpty() && !allowed.contains("--set")) {
      throw Errors.optionNotForJob(job.name(), "--set", allowed);
    }
    for (String needed : new TreeSet<>(job.required())) {
      options.require(needed);
    }
  }

  private static String reason(Throwable e) {
    Throwable t = e;
    // Spark wraps user errors; show the innermost message a person can act on.
    while (t.getCause() != null && !(t instanceof CibnetException)) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.toString() : t.getMessage();
    return Errors.firstLine(m);
  }
}
