package org.cibnet.config;

import java.util.Collection;

/**
 * The one factory for user-facing errors. Each message names the key, value, dataset, file, column
 * or row concerned and says how to fix it; tests assert these texts.
 */
public final class Errors {
  private Errors() {}

  public static CibnetException unknownJob(String job, Collection<String> known) {
    return new CibnetException(
        "Unknown job '" + job + "'. Choose one of: " + String.join(", ", known) + ".");
  }

  public static CibnetException unknownOption(String option, Collection<String> known) {
    return new CibnetException(
        "Unknown option '"
            + option
            + "'. Known options: "
            + String.join(", ", known)
            + ". Run 'bin/cibnet help' for usage.");
  }

  public static CibnetException optionNotForJob(String job, String option, Collection<String> allowed) {
    return new CibnetException(
        "Job '" + job + "' does not take " + option + ". It takes: " + String.join(", ", allowed) + ".");
  }

  public static CibnetException noPostsInWindow(String asOf, String since, String until) {
    return new CibnetException(
        "No post of the input falls before the as-of date " + asOf
            + (since == null ? "" : ", on or after --since " + since)
            + (until == null ? "" : ", on or before --until " + until)
            + ": there is nothing to analyse. Choose a later --as-of or a wider --since/--until.");
  }

  public static CibnetException noUsableRows(String dataset, String input, long read, long rejected) {
    return new CibnetException(
        "Dataset '" + dataset + "' in " + input + " has no usable rows (" + read + " read, " + rejected
            + " rejected): there is nothing to analyse. Check that --input points at the folder holding "
            + "posts/ and accounts/ as Parquet (docs/contract.md).");
  }

  public static CibnetException missingOptionValue(String option) {
    return new CibnetException("Option " + option + " needs a value, e.g. " + option + " VALUE.");
  }

  public static CibnetException requiredOption(String job, String option) {
    return new CibnetException("Job '" + job + "' needs " + option + ".");
  }

  public static CibnetException badOptionValue(String option, String value, String expected) {
    return new CibnetException(
        "Cannot use '" + value + "' for " + option + ": the value must be " + expected + ".");
  }

  public static CibnetException unknownSetting(String key) {
    return new CibnetException(
        "Unknown setting '" + key + "'. See conf/local.conf for every setting and its default.");
  }

  public static CibnetException badSetting(String key, String value, String expected) {
    return new CibnetException(
        "Cannot set " + key + " to '" + value + "': the value must be " + expected + ".");
  }

  public static CibnetException missingDataset(String dataset, String path) {
    return new CibnetException(
        "Input dataset '"
            + dataset
            + "' not found at "
            + path
            + ": --input must hold posts/, accounts/ (and optionally ads/, takedowns/) as Parquet.");
  }

  public static CibnetException missingColumn(String dataset, String file, String column) {
    return new CibnetException(
        "Dataset '"
            + dataset
            + "', file "
            + file
            + ": required column '"
            + column
            + "' is missing. Add it or rename the matching column (see docs/contract.md).");
  }

  public static CibnetException incompatibleType(
      String dataset, String file, String column, String actual, String expected) {
    return new CibnetException(
        "Dataset '"
            + dataset
            + "', file "
            + file
            + ": column '"
            + column
            + "' has type "
            + actual
            + " but the contract needs "
            + expected
            + ". Rewrite the column with a compatible type.");
  }

  public static CibnetException tooManyRejects(
      String dataset, long rejected, long read, double share, double max) {
    return new CibnetException(
        String.format(
            "Dataset '%s': %d of %d rows rejected (%.1f%%), above the limit of %.1f%%"
                + " (validate.max_reject_share). See rejects/%s in the warehouse for each row's reason.",
            dataset, rejected, read, 100 * share, 100 * max, dataset));
  }

  public static CibnetException tooManyUnreadableFiles(
      String dataset, long unreadable, long files, double share, double max) {
    return new CibnetException(
        String.format(
            "Dataset '%s': %d of %d files cannot be read (%.1f%%), above the limit of %.1f%%"
                + " (validate.max_reject_share). See rejects/_files in the warehouse for each file's reason.",
            dataset, unreadable, files, 100 * share, 100 * max));
  }

  public static CibnetException noLabels(String asOf) {
    return new CibnetException(
        "Cannot train: no takedown labels dated before "
            + asOf
            + " (takedowns/ is missing or empty, or no labelled network has two campaigns and both"
            + " classes). Add takedowns/ to the input, or run 'score'/'pipeline' to use the default"
            + " model.");
  }

  public static CibnetException missingTable(String table, String warehouse, String producer) {
    return new CibnetException(
        "Table '"
            + table
            + "' not found in warehouse "
            + warehouse
            + ". Run '"
            + producer
            + "' first (or 'pipeline').");
  }

  public static CibnetException stageFailed(String stage, Throwable cause) {
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return new CibnetException(
        "Stage '" + stage + "' failed: " + firstLine(reason), cause);
  }

  public static CibnetException missingTruth(String path) {
    return new CibnetException(
        "Truth table not found at "
            + path
            + ": --truth takes a Parquet dataset or a CSV file with account_id, group, kind and"
            + " labelled (the generator's ground_truth/ folder works as it is).");
  }

  public static CibnetException badTruthRow(
      String path, String column, String accountId, String value, String expected) {
    return new CibnetException(
        "Truth table "
            + path
            + ", column '"
            + column
            + "', row of account "
            + accountId
            + ": '"
            + value
            + "' must be "
            + expected
            + ". Fix the truth table and run evaluate again.");
  }

  public static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
