package org.cibnet.config;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A job's parsed command line: the options of docs/contract.md plus job-specific ones, immutable.
 * Unknown options are rejected, never ignored.
 */
public record JobOptions(
    String job, Map<String, String> values, List<String> sets, Settings settings)
    implements Serializable {

  /** Options that take a value. */
  public static final Set<String> VALUED =
      Set.of(
          "--input",
          "--warehouse",
          "--conf",
          "--set",
          "--as-of",
          "--since",
          "--until",
          "--model-version",
          "--out",
          "--scale",
          "--seed",
          "--format",
          "--source",
          "--leave-out",
          "--network-id",
          "--verdict",
          "--reviewer",
          "--note",
          "--step-days",
          "--dates",
          "--stages",
          "--report",
          "--run-id",
          "--export-default",
          "--skew-accounts",
          "--truth",
          "--time-window",
          "--min-participation",
          "--edge-weight");

  /** Options that are flags. */
  public static final Set<String> FLAGS =
      Set.of("--pseudonymize", "--skip-generate", "--per-object-kind", "--verbose");

  /** Shows Spark's warnings and a failure's stack trace. */
  public static final String VERBOSE = "--verbose";

  /** Options every job takes. */
  public static final Set<String> COMMON = Set.of("--conf", "--set", VERBOSE);

  public static JobOptions parse(String job, String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0 && VALUED.contains(a.substring(0, eq))) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      if (FLAGS.contains(a)) {
        values.put(a, "true");
      } else if (VALUED.contains(a)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw Errors.missingOptionValue(a);
          }
          value = args[++i];
        }
        if (a.equals("--set")) {
          sets.add(value);
        } else {
          values.put(a, value);
        }
      } else {
        Set<String> known = new TreeSet<>(VALUED);
        known.addAll(FLAGS);
        throw Errors.unknownOption(a, known);
      }
    }
    Map<String, String> conf =
        values.containsKey("--conf") ? Settings.readConfFile(values.get("--conf")) : Map.of();
    Settings settings = Settings.build(conf, sets);
    JobOptions o = new JobOptions(job, Map.copyOf(values), List.copyOf(sets), settings);
    o.asOf(); // fail early on malformed dates
    o.since();
    o.until();
    return o;
  }

  /** For tests and composed jobs: options from a map, default settings. */
  public static JobOptions of(String job, Map<String, String> values, Settings settings) {
    return new JobOptions(job, Map.copyOf(values), List.of(), settings);
  }

  public JobOptions withJob(String newJob) {
    return new JobOptions(newJob, values, sets, settings);
  }

  public JobOptions withSettings(Settings newSettings) {
    return new JobOptions(job, values, sets, newSettings);
  }

  public JobOptions with(String option, String value) {
    Map<String, String> v = new LinkedHashMap<>(values);
    v.put(option, value);
    return new JobOptions(job, Map.copyOf(v), sets, settings);
  }

  public Optional<String> get(String option) {
    return Optional.ofNullable(values.get(option));
  }

  public String require(String option) {
    String v = values.get(option);
    if (v == null || v.isBlank()) {
      throw Errors.requiredOption(job, option);
    }
    return v;
  }

  public boolean flag(String option) {
    return "true".equals(values.get(option));
  }

  public String input() {
    return require("--input");
  }

  public String warehouse() {
    return require("--warehouse");
  }

  public Optional<LocalDate> asOf() {
    return date("--as-of");
  }

  public Optional<LocalDate> since() {
    return date("--since");
  }

  public Optional<LocalDate> until() {
    return date("--until");
  }

  public long longOption(String option, long def) {
    String v = values.get(option);
    if (v == null) {
      return def;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw Errors.badOptionValue(option, v, "a whole number");
    }
  }

  public double doubleOption(String option, double def) {
    String v = values.get(option);
    if (v == null) {
      return def;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw Errors.badOptionValue(option, v, "a number");
    }
  }

  private Optional<LocalDate> date(String option) {
    String v = values.get(option);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(v));
    } catch (DateTimeParseException e) {
      throw Errors.badOptionValue(option, v, "a date like 2022-09-27");
    }
  }

  /**
   * The parameters recorded in the runs table (never secrets: --pseudonymize keys are env-only).
   */
  public Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>(values);
    for (int i = 0; i < sets.size(); i++) {
      p.put("--set[" + i + "]", sets.get(i));
    }
    return p;
  }
}
