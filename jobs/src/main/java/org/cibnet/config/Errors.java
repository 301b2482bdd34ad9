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

  public static CibnetException optionNotForJob(
      String job, String option, Collection<String> allowed) {
    return new CibnetException(
        "Job '"
            + job
            + "' does not take "
            + option
            + ". It takes: "
            + String.join(", ", allowed)
            + ".");
  }

  public static CibnetException noPostsInWindow(String asOf, String since, String until) {
    return new CibnetException(
        "No post of the input falls before the as-of date "
            + asOf
            + (since == null ? "" : ", on or after --since " + since)
            + (until == null ? "" : ", on or before --until " + until)
            + ": there is nothing to analyse. Choose a later --as-of or a wider --since/--until.");
  }

  public static CibnetException noUsableRows(
      String dataset, String input, long read, long rejected) {
    return new CibnetException(
        "Dataset '"
            + dataset
            + "' in "
            + input
            + " has no usable rows ("
            + read
            + " read, "
            + rejected
            + " rejected): there is nothing to analyse. Check that --input points at the folder"
            + " holding posts/ and accounts/ as Parquet (docs/contract.md).");
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
            + ": --input must hold posts/, accounts/ (and optionally ads/, takedowns/) as"
            + " Parquet.");
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
                + " (validate.max_reject_share). See rejects/%s in the warehouse for each row's"
                + " reason.",
            dataset, rejected, read, 100 * share, 100 * max, dataset));
  }

  public static CibnetException tooManyUnreadableFiles(
      String dataset, long unreadable, long files, double share, double max) {
    return new CibnetException(
        String.format(
            "Dataset '%s': %d of %d files cannot be read (%.1f%%), above the limit of %.1f%%"
                + " (validate.max_reject_share). See rejects/_files in the warehouse for each"
                + " file's reason.",
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

  /** A file or folder that cannot be read: what it is, where, and the system's reason. */
  public static CibnetException cannotRead(String what, String location, Exception cause) {
    return new CibnetException(
        "Cannot read "
            + what
            + " "
            + location
            + ": "
            + cause.getMessage()
            + ". Check that it exists and that this user (and the cluster's executors) can read"
            + " it.",
        cause);
  }

  public static CibnetException cannotWrite(String what, String location, Exception cause) {
    return new CibnetException(
        "Cannot write "
            + what
            + " "
            + location
            + ": "
            + cause.getMessage()
            + ". Check that the folder exists and that this user can write to it.",
        cause);
  }

  public static CibnetException unknownChoice(
      String option, String value, Collection<String> known) {
    return new CibnetException(
        "Unknown " + option + " '" + value + "'. Choose one of: " + String.join(", ", known) + ".");
  }

  public static CibnetException missingDefaultModel(String resource) {
    return new CibnetException(
        "The default model "
            + resource
            + " is missing from the classpath: the build is incomplete."
            + " Rebuild it with 'bin/cibnet train --export-default' (docs/model.md).");
  }

  public static CibnetException unknownModel(
      String version, String root, Collection<String> known, String defaultVersion) {
    return new CibnetException(
        "No model '"
            + version
            + "' under "
            + root
            + ". Known: "
            + known
            + " and the default "
            + defaultVersion
            + ". Name one of these with --model, or train one with 'train'.");
  }

  public static CibnetException missingPseudonymKey(String env) {
    return new CibnetException(
        "--pseudonymize needs a secret key in the environment variable "
            + env
            + " (it is read only from there so it never appears in commands, logs or the runs"
            + " table). Set it, e.g. export "
            + env
            + "=..., and run again.");
  }

  public static CibnetException countsDoNotReconcile(
      String dataset, long read, long accepted, long rejected) {
    return new CibnetException(
        "Internal error: dataset '"
            + dataset
            + "' counts do not reconcile: read "
            + read
            + " != accepted "
            + accepted
            + " + rejected "
            + rejected
            + ". Nothing was written as a result; please report it with the input's file list.");
  }

  public static CibnetException noUsableFold() {
    return new CibnetException(
        "No leave-campaign-out fold has both labels in its training part and networks to score,"
            + " so no out-of-fold score can be given: more labelled campaigns are needed.");
  }

  public static CibnetException everySignalOff() {
    return new CibnetException(
        "Every coordination signal is switched off (detect.*.enabled): nothing to detect. Turn at"
            + " least one on, e.g. --set detect.colink.enabled=true.");
  }

  /** No run of the jobs that produce what is asked for has succeeded in this warehouse. */
  public static CibnetException noSucceededRun(String jobs, String warehouse, String fix) {
    return new CibnetException(
        "No successful " + jobs + " run in warehouse " + warehouse + ": " + fix + ".");
  }

  public static CibnetException runWithoutScores(String runId, String warehouse) {
    return new CibnetException(
        "Run "
            + runId
            + " has no rows in network_scores of "
            + warehouse
            + ": name a run that scored its networks (pipeline or score) with --run-id.");
  }

  public static CibnetException unknownNetwork(String networkId, String where) {
    return new CibnetException(
        "No network "
            + networkId
            + " in "
            + where
            + ": use a network_id from network_scores (the report lists them).");
  }

  public static CibnetException backtestWithoutTakedowns(String input) {
    return new CibnetException(
        "backtest needs takedowns/ in "
            + input
            + ": it measures how early removed campaigns would have been flagged. Add the takedown"
            + " labels (docs/contract.md).");
  }

  public static CibnetException noBacktestDate(
      String firstPost, String lastTakedown, int stepDays) {
    return new CibnetException(
        "backtest: no as-of date fits between the first post ("
            + firstPost
            + ") and the latest takedown ("
            + lastTakedown
            + ") with --step-days "
            + stepDays
            + ". Choose a smaller --step-days.");
  }

  public static CibnetException noCsvFiles(String source) {
    return new CibnetException(
        "No .csv files in " + source + ": --source must hold the export's CSV files.");
  }

  public static CibnetException badShareRow(
      String path, String column, Object contentId, Object accountId, boolean numeric) {
    return new CibnetException(
        "Share table "
            + path
            + ", column '"
            + column
            + "': a row (content_id "
            + contentId
            + ", account_id "
            + accountId
            + ") has no value or one that is not"
            + (numeric ? " a number of seconds" : " text")
            + ". Every share needs object_id, account_id, content_id and timestamp_share (epoch"
            + " seconds).");
  }

  public static CibnetException missingShareTable(String path) {
    return new CibnetException(
        "Share table not found at "
            + path
            + ": --input takes a CSV file (object_id, account_id,"
            + " content_id, timestamp_share) or a Parquet dataset of those columns.");
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
    return new CibnetException("Stage '" + stage + "' failed: " + firstLine(reason), cause);
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
