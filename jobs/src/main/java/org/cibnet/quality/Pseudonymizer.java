package org.cibnet.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;

/**
 * --pseudonymize: account ids, handles, display names, bios, websites and @mentions are replaced,
 * as soon as the input is read, by a keyed hash (HMAC-SHA256 with the key from the environment
 * variable CIBNET_PSEUDONYM_KEY). Everything downstream (edges, networks, scores, rejects, reviews)
 * then holds only pseudonyms, consistent across tables and across runs with the same key, so
 * outputs can be shared. The key is never an option, never in a query plan (a UDF closure carries
 * it to executors), never logged or written. A handle keeps its trailing digits (the name+digits
 * feature needs them; they identify no one on their own).
 */
public final class Pseudonymizer implements Serializable {
  public static final String KEY_ENV = "CIBNET_PSEUDONYM_KEY";
  private static final long serialVersionUID = 1L;

  private static final Pattern MENTION = Pattern.compile("@(\\w+)");

  private final byte[] key;

  private Pseudonymizer(byte[] key) {
    this.key = key.clone();
  }

  /** The pseudonymizer when --pseudonymize is given; the key must be in the environment. */
  public static Optional<Pseudonymizer> of(JobOptions o, Map<String, String> env) {
    if (!o.flag("--pseudonymize")) {
      return Optional.empty();
    }
    String k = env.get(KEY_ENV);
    if (k == null || k.isBlank()) {
      throw Errors.missingPseudonymKey(KEY_ENV);
    }
    return Optional.of(new Pseudonymizer(k.getBytes(StandardCharsets.UTF_8)));
  }

  public static Optional<Pseudonymizer> of(JobOptions o) {
    return of(o, System.getenv());
  }

  /** The keyed pseudonym of a value: a prefix and the first 20 hex digits of its HMAC. */
  String pseudonym(String prefix, String value) {
    if (value == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return prefix + HexFormat.of().formatHex(h).substring(0, 20);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private UserDefinedFunction id() {
    Pseudonymizer p = this;
    return udf((UDF1<String, String>) v -> p.pseudonym("id-", v), DataTypes.StringType)
        .withName("pseudonym");
  }

  private UserDefinedFunction handle() {
    Pseudonymizer p = this;
    return udf(
            (UDF1<String, String>)
                v -> {
                  if (v == null) {
                    return null;
                  }
                  String digits = v.replaceAll("^.*?([0-9]*)$", "$1");
                  return p.pseudonym("h-", v.toLowerCase(Locale.ROOT)) + digits;
                },
            DataTypes.StringType)
        .withName("pseudonym_handle");
  }

  private UserDefinedFunction mentions() {
    Pseudonymizer p = this;
    return udf(
            (UDF1<String, String>)
                v -> {
                  if (v == null) {
                    return null;
                  }
                  Matcher m = MENTION.matcher(v);
                  StringBuilder sb = new StringBuilder();
                  while (m.find()) {
                    m.appendReplacement(
                        sb, "@" + p.pseudonym("h-", m.group(1).toLowerCase(Locale.ROOT)));
                  }
                  return m.appendTail(sb).toString();
                },
            DataTypes.StringType)
        .withName("pseudonym_mentions");
  }

  /**
   * A bio names its owner more often than not: it becomes a pseudonym of its normalised form (what
   * the mirrored-persona signal compares), long enough to be compared; bios too short to compare
   * are dropped.
   */
  private UserDefinedFunction bio() {
    Pseudonymizer p = this;
    return udf(
            (UDF1<String, String>)
                v -> {
                  if (v == null) {
                    return null;
                  }
                  String norm =
                      v.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
                  return norm.length() < 25 ? null : p.pseudonym("pseudonymous bio ", norm);
                },
            DataTypes.StringType)
        .withName("pseudonym_bio");
  }

  /** A website is usually the operator's own domain: a pseudonymous host under .invalid. */
  private UserDefinedFunction website() {
    Pseudonymizer p = this;
    return udf(
            (UDF1<String, String>)
                v -> {
                  if (v == null) {
                    return null;
                  }
                  String host =
                      v.toLowerCase(Locale.ROOT)
                          .replaceFirst("^[a-z]+://", "")
                          .replaceFirst("^www\\.", "")
                          .replaceFirst("[/?#].*$", "");
                  return "https://" + p.pseudonym("w-", host) + ".invalid/";
                },
            DataTypes.StringType)
        .withName("pseudonym_website");
  }

  /** Replaces the identifying columns of one raw input dataset (others pass through). */
  public Dataset<Row> apply(Dataset<Row> raw, String dataset) {
    List<String> cols = Arrays.asList(raw.columns());
    Dataset<Row> out = raw;
    if (cols.contains("account_id")) {
      out = out.withColumn("account_id", id().apply(col("account_id").cast("string")));
    }
    for (String c : List.of("handle", "display_name")) {
      if (cols.contains(c)) {
        out = out.withColumn(c, handle().apply(col(c).cast("string")));
      }
    }
    if (cols.contains("bio")) {
      out = out.withColumn("bio", bio().apply(col("bio").cast("string")));
    }
    if (cols.contains("website")) {
      out = out.withColumn("website", website().apply(col("website").cast("string")));
    }
    for (String c : List.of("text", "ad_text")) {
      if (cols.contains(c)) {
        out = out.withColumn(c, mentions().apply(col(c).cast("string")));
      }
    }
    return out;
  }

  /** The pseudonym of one account id (e.g. an allowlisted account given in settings). */
  public String accountId(String raw) {
    return pseudonym("id-", raw);
  }
}
