package org.cibnet.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.cibnet.schema.Schemas;
import org.cibnet.schema.Schemas.Account;
import org.cibnet.schema.Schemas.Ad;
import org.cibnet.schema.Schemas.Post;
import org.cibnet.schema.Schemas.Takedown;

/**
 * Row rules of the input contract. Each rule is a named check that yields a reason; a row with any
 * reason is rejected with its original content, source file and row index, the others go on.
 * Nothing is dropped silently: rows read = accepted + rejected.
 */
public final class Validation {
  public static final String REASON = Schemas.REJECT_REASON;

  /** The accepted rows and the rejected ones (Schemas.REJECTS_SCHEMA) of one dataset. */
  public record Outcome(Dataset<Row> accepted, Dataset<Row> rejected) {}

  /** Malformed URLs are removed from a post and recorded here, keyed by post. */
  public static final String POST_URLS = "post_urls";

  // scheme optional; a host with a dot; no spaces
  private static final String URL_PATTERN =
      "^(?i)([a-z][a-z0-9+.-]*://)?[^\\s/?#@:]+\\.[^\\s/?#@:]{2,}(:[0-9]{1,5})?([/?#][^\\s]*)?$";

  private static final Map<String, String> KEEP_NULLS = Map.of("ignoreNullFields", "false");

  private Validation() {}

  /** Applies the dataset's rules. `runStart` bounds timestamps from above (a future row is bad). */
  public static Outcome validate(
      Dataset<Row> rows, String dataset, Timestamp runStart, int minYear) {
    return split(check(rows, dataset, runStart, minYear), dataset);
  }

  /**
   * Every row read, repaired where the contract allows, with its {@link #REASON} for rejection
   * (null when accepted). A caller reading both sides may keep this once and {@link #split} it.
   */
  public static Dataset<Row> check(
      Dataset<Row> rows, String dataset, Timestamp runStart, int minYear) {
    Dataset<Row> normalised = normalise(rows, dataset);
    List<Column> reasons = new ArrayList<>(rules(dataset, runStart, minYear));
    Column reason = array_join(array_compact(array(reasons.toArray(Column[]::new))), "; ");
    Dataset<Row> checked =
        normalised.withColumn(REASON, when(reason.equalTo(""), lit(null)).otherwise(reason));

    // Duplicates: keep the first row by source file then row index; reject the rest by name.
    List<String> keys = Schemas.KEYS.get(dataset);
    Column[] keyCols = keys.stream().map(k -> col(k)).toArray(Column[]::new);
    Dataset<Row> ranked =
        checked.withColumn(
            "_dup_rank",
            when(
                    col(REASON).isNull(),
                    row_number()
                        .over(
                            Window.partitionBy(keyCols)
                                .orderBy(
                                    col(REASON).asc_nulls_first(),
                                    col(Schemas.SOURCE_FILE),
                                    col(Schemas.ROW_INDEX))))
                .otherwise(lit(1)));
    return ranked
        .withColumn(
            REASON,
            when(
                    col("_dup_rank").gt(1),
                    lit(
                        "duplicate "
                            + String.join("+", keys)
                            + " (the first row by file and position is kept)"))
                .otherwise(col(REASON)))
        .drop("_dup_rank");
  }

  /** The accepted rows (without the reason) and the rejects of a {@link #check}ed dataset. */
  public static Outcome split(Dataset<Row> checked, String dataset) {
    Dataset<Row> accepted = checked.filter(col(REASON).isNull()).drop(REASON);
    Dataset<Row> rejected =
        asRejects(checked.filter(col(REASON).isNotNull()), dataset, Schemas.KEYS.get(dataset));
    return new Outcome(accepted, rejected);
  }

  /**
   * Repairs the contract allows rather than rejecting: case of platforms, hashtags and currencies.
   */
  static Dataset<Row> normalise(Dataset<Row> rows, String dataset) {
    Dataset<Row> out = rows;
    if (Arrays.asList(rows.columns()).contains("platform")) {
      out = out.withColumn("platform", lower(trim(col("platform"))));
    }
    if (dataset.equals(Schemas.ADS)) {
      // ISO 4217 codes are upper case; "usd" is USD
      out = out.withColumn(Ad.CURRENCY, upper(trim(col(Ad.CURRENCY))));
    }
    if (dataset.equals(Schemas.POSTS)) {
      out =
          out.withColumn(
              Post.HASHTAGS,
              transform(col(Post.HASHTAGS), h -> lower(regexp_replace(trim(h), "^#+", ""))));
    }
    return out;
  }

  /** Posts keep their good URLs; malformed ones are split off as (post_id, url, reason). */
  public static Outcome splitMalformedUrls(Dataset<Row> acceptedPosts) {
    Dataset<Row> bad =
        acceptedPosts
            .filter(exists(col(Post.URLS), u -> u.isNull().or(not(u.rlike(URL_PATTERN)))))
            .select(
                col(Schemas.SOURCE_FILE).as("source_file"),
                col(Schemas.ROW_INDEX).as("row_index"),
                col(Post.POST_ID).as("row_key"),
                explode(filter(col(Post.URLS), u -> u.isNull().or(not(u.rlike(URL_PATTERN)))))
                    .as("url"))
            .select(
                lit(POST_URLS).as("dataset"),
                col("source_file"),
                col("row_index"),
                col("row_key"),
                concat(lit("malformed url removed from post "), col("row_key")).as(REASON),
                to_json(struct(col("row_key").as("post_id"), col("url")), KEEP_NULLS).as("row"));
    Dataset<Row> kept =
        acceptedPosts.withColumn(
            Post.URLS,
            when(col(Post.URLS).isNull(), lit(null))
                .otherwise(filter(col(Post.URLS), u -> u.isNotNull().and(u.rlike(URL_PATTERN)))));
    return new Outcome(kept, bad);
  }

  private static Dataset<Row> asRejects(Dataset<Row> rejected, String dataset, List<String> keys) {
    List<Column> original = new ArrayList<>();
    for (String c : rejected.columns()) {
      if (!c.equals(REASON) && !c.equals(Schemas.SOURCE_FILE) && !c.equals(Schemas.ROW_INDEX)) {
        original.add(col("`" + c + "`"));
      }
    }
    Column key =
        keys.size() == 1 ? col(keys.get(0)) : concat(col(keys.get(0)), lit("/"), col(keys.get(1)));
    return rejected.select(
        lit(dataset).as("dataset"),
        col(Schemas.SOURCE_FILE).as("source_file"),
        col(Schemas.ROW_INDEX).as("row_index"),
        key.as("row_key"),
        col(REASON),
        to_json(struct(original.toArray(Column[]::new)), KEEP_NULLS).as("row"));
  }

  private static Column required(String column) {
    Column c = col(column);
    return when(c.isNull().or(trim(c.cast("string")).equalTo("")), lit("missing " + column));
  }

  private static Column timeBounds(String column, Timestamp runStart, int minYear) {
    return when(year(col(column)).lt(minYear), lit(column + " before " + minYear))
        .when(col(column).gt(lit(runStart)), lit(column + " after the run started"));
  }

  private static Column nonNegative(String column) {
    return when(col(column).lt(0), lit("negative " + column));
  }

  private static Column country(String column) {
    return when(
        col(column).isNotNull().and(not(col(column).isin(Codes.COUNTRIES.toArray()))),
        lit(column + " is not an ISO 3166-1 alpha-2 code"));
  }

  private static Column countries(String column) {
    return when(
        exists(col(column), c -> c.isNull().or(not(c.isin(Codes.COUNTRIES.toArray())))),
        lit(column + " holds a code that is not ISO 3166-1 alpha-2"));
  }

  private static Column oneOf(String column, String... allowed) {
    return when(
        col(column).isNotNull().and(not(col(column).isin((Object[]) allowed))),
        lit(column + " is not one of " + String.join("/", allowed)));
  }

  private static List<Column> rules(String dataset, Timestamp runStart, int minYear) {
    return switch (dataset) {
      case Schemas.POSTS ->
          List.of(
              required(Post.POST_ID),
              required(Post.ACCOUNT_ID),
              required(Post.PLATFORM),
              required(Post.CREATED_AT),
              timeBounds(Post.CREATED_AT, runStart, minYear),
              nonNegative(Post.LIKE_COUNT),
              nonNegative(Post.SHARE_COUNT),
              nonNegative(Post.COMMENT_COUNT),
              when(col(Post.RESHARE_OF).equalTo(col(Post.POST_ID)), lit("post reshares itself")));
      case Schemas.ACCOUNTS ->
          List.of(
              required(Account.ACCOUNT_ID),
              required(Account.PLATFORM),
              required(Account.KIND),
              oneOf(Account.KIND, "user", "page", "group"),
              timeBounds(Account.CREATED_AT, runStart, minYear),
              country(Account.DECLARED_COUNTRY),
              countries(Account.ADMIN_COUNTRIES),
              oneOf(Account.NAME_GENDER, "f", "m", "u"),
              oneOf(Account.PHOTO_GENDER, "f", "m", "u"),
              nonNegative(Account.FOLLOWER_COUNT),
              nonNegative(Account.FOLLOWING_COUNT));
      case Schemas.ADS ->
          List.of(
              required(Ad.AD_ID),
              required(Ad.ACCOUNT_ID),
              required(Ad.PLATFORM),
              required(Ad.START_DATE),
              when(col(Ad.SPEND).isNull(), lit("missing spend (or not a decimal(18,2))")),
              required(Ad.CURRENCY),
              when(year(col(Ad.START_DATE)).lt(minYear), lit("start_date before " + minYear)),
              when(col(Ad.END_DATE).lt(col(Ad.START_DATE)), lit("end_date before start_date")),
              nonNegative(Ad.SPEND),
              nonNegative(Ad.IMPRESSIONS),
              when(
                  col(Ad.CURRENCY)
                      .isNotNull()
                      .and(not(col(Ad.CURRENCY).isin(Codes.CURRENCIES.toArray()))),
                  lit("currency is not an ISO 4217 code")),
              countries(Ad.TARGET_COUNTRIES));
      case Schemas.TAKEDOWNS ->
          List.of(
              required(Takedown.ACCOUNT_ID),
              required(Takedown.CAMPAIGN_ID),
              required(Takedown.TAKEDOWN_DATE),
              when(
                  year(col(Takedown.TAKEDOWN_DATE)).lt(minYear),
                  lit("takedown_date before " + minYear)),
              country(Takedown.ORIGIN_COUNTRY),
              countries(Takedown.TARGET_COUNTRIES));
      default -> throw new IllegalArgumentException("no rules for dataset " + dataset);
    };
  }
}
