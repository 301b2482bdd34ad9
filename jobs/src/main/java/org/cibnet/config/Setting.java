package org.cibnet.config;

/**
 * One tunable: its key, built-in default and meaning. Every setting is declared in {@link
 * SettingKeys}, so unknown keys in a conf file or on the command line are rejected.
 */
public record Setting(String key, String defaultValue, Type type, String description) {
  /** The value types a setting can hold; checked when the configuration is built. */
  public enum Type {
    INT,
    LONG,
    DOUBLE,
    BOOLEAN,
    STRING
  }
}
