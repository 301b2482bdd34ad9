package org.cibnet.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The effective configuration. Precedence, written only here: built-in default (in {@link
 * SettingKeys}) &lt; conf file (--conf) &lt; --set key=value. Every value is type-checked when
 * built, so a typo fails at start rather than in the middle of a job.
 */
public final class Settings implements Serializable {
  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static Settings defaults() {
    return build(Map.of(), List.of());
  }

  /** Builds the configuration from a conf file's entries and --set overrides (key=value). */
  public static Settings build(Map<String, String> confFile, List<String> overrides) {
    Map<String, String> v = new LinkedHashMap<>();
    SettingKeys.all().values().forEach(s -> v.put(s.key(), s.defaultValue()));
    confFile.forEach((k, val) -> put(v, k, val));
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        throw Errors.badOptionValue("--set", o, "key=value");
      }
      put(v, o.substring(0, eq).trim(), o.substring(eq + 1).trim());
    }
    Settings built = new Settings(v);
    if (built.getInt(SettingKeys.SLOW_WINDOW) <= built.getInt(SettingKeys.WINDOW_SECONDS)) {
      throw Errors.badSetting(
          SettingKeys.SLOW_WINDOW.key(),
          built.get(SettingKeys.SLOW_WINDOW),
          "longer than detect.window_seconds ("
              + built.get(SettingKeys.WINDOW_SECONDS)
              + "): slow co-action is what"
              + " falls between the two");
    }
    return built;
  }

  private static void put(Map<String, String> v, String key, String value) {
    Setting s = SettingKeys.all().get(key);
    if (s == null) {
      throw Errors.unknownSetting(key);
    }
    check(s, value);
    v.put(key, value);
  }

  private static void check(Setting s, String value) {
    double number;
    try {
      switch (s.type()) {
        case INT -> number = Integer.parseInt(value);
        case LONG -> number = Long.parseLong(value);
        case DOUBLE -> number = Double.parseDouble(value);
        case BOOLEAN -> {
          if (!value.equals("true") && !value.equals("false")) {
            throw new NumberFormatException();
          }
          return;
        }
        default -> {
          return;
        }
      }
    } catch (NumberFormatException e) {
      throw Errors.badSetting(s.key(), value, "of type " + s.type().name().toLowerCase());
    }
    double[] range = SettingKeys.range(s.key());
    if (range != null && (Double.isNaN(number) || number < range[0] || number > range[1])) {
      throw Errors.badSetting(s.key(), value, "from " + plain(range[0]) + " to " + plain(range[1]));
    }
  }

  private static String plain(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x);
  }

  /** Reads a conf file (Java properties syntax) through Hadoop, so s3a://, hdfs:// work too. */
  public static Map<String, String> readConfFile(String path) {
    Properties p = new Properties();
    try {
      Path hp = new Path(path);
      FileSystem fs = hp.getFileSystem(new Configuration());
      try (InputStream in = fs.open(hp)) {
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw Errors.cannotRead("conf file", path, e);
    }
    Map<String, String> m = new LinkedHashMap<>();
    p.stringPropertyNames().stream().sorted().forEach(k -> m.put(k, p.getProperty(k).trim()));
    return m;
  }

  public String get(Setting s) {
    return values.get(s.key());
  }

  public int getInt(Setting s) {
    return Integer.parseInt(get(s));
  }

  public long getLong(Setting s) {
    return Long.parseLong(get(s));
  }

  public double getDouble(Setting s) {
    return Double.parseDouble(get(s));
  }

  public boolean getBoolean(Setting s) {
    return Boolean.parseBoolean(get(s));
  }

  /** A copy with one setting changed, for tests and benchmarks. */
  public Settings with(Setting s, Object value) {
    Map<String, String> v = new LinkedHashMap<>(values);
    check(s, String.valueOf(value));
    v.put(s.key(), String.valueOf(value));
    return new Settings(v);
  }

  public Map<String, String> asMap() {
    return values;
  }

  /** One line per setting that differs from its default, for the start-of-job log. */
  public String describeOverrides() {
    StringBuilder sb = new StringBuilder();
    SettingKeys.all()
        .values()
        .forEach(
            s -> {
              if (!s.defaultValue().equals(values.get(s.key()))) {
                sb.append("  ").append(s.key()).append(" = ").append(values.get(s.key()));
                sb.append('\n');
              }
            });
    return sb.length() == 0 ? "  (all defaults)\n" : sb.toString();
  }
}
