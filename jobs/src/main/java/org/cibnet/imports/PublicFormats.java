package org.cibnet.imports;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cibnet.config.Errors;
import org.cibnet.schema.Schemas;

/**
 * Converters from public influence-operation data into the input contract. Each returns, per
 * contract dataset, rows in the contract schema (extra columns kept, e.g. the IRA persona) with the
 * source file and row position, ready for validate's rules. Pure DataFrame code: the files are read
 * with Spark's CSV reader, so the same conversion runs on a cluster.
 */
public final class PublicFormats {
  private PublicFormats() {}

  public static final String[] FORMATS = {
    "twitter-io", "fivethirtyeight-ira", "coortweet", "ira-ads", "meta-indicators"
  };

  public static Map<String, Dataset<Row>> convert(
      SparkSession spark, String format, String source) {
    return switch (format) {
      case "fivethirtyeight-ira" -> fiveThirtyEightIra(spark, source);
      case "coortweet" -> coortweet(spark, source);
      case "ira-ads" -> iraAds(spark, source);
      case "meta-indicators" -> metaIndicators(spark, source);
      case "twitter-io" -> twitterIo(spark, source);
      default -> throw Errors.unknownChoice("--format", format, List.of(FORMATS));
    };
  }

  static Dataset<Row> csv(SparkSession spark, String path, boolean multiLine) {
    return csv(spark, path, multiLine, null);
  }

  /** A CSV with a header, quotes escaped by doubling, with its source file and row position. */
  static Dataset<Row> csv(SparkSession spark, String path, boolean multiLine, String nullValue) {
    DataFrameReader r =
        spark
            .read()
            .option("header", "true")
            .option("multiLine", String.valueOf(multiLine))
            .option("escape", "\"")
            .option("mode", "PERMISSIVE");
    if (nullValue != null) {
      r = r.option("nullValue", nullValue);
    }
    return r.csv(path)
        .withColumn(Schemas.SOURCE_FILE, expr("_metadata.file_path"))
        .withColumn(Schemas.ROW_INDEX, expr("monotonically_increasing_id()"));
  }

  /**
   * Rows in the contract schema of a dataset (missing columns null), extras and provenance kept.
   */
  static Dataset<Row> conform(Dataset<Row> rows, StructType contract, String... extras) {
    List<Column> cols = new ArrayList<>();
    Set<String> have = new HashSet<>(Arrays.asList(rows.columns()));
    for (StructField f : contract.fields()) {
      cols.add(
          (have.contains(f.name()) ? col(f.name()) : lit(null)).cast(f.dataType()).as(f.name()));
    }
    for (String e : extras) {
      cols.add(col(e));
    }
    cols.add(col(Schemas.SOURCE_FILE));
    cols.add(col(Schemas.ROW_INDEX));
    return rows.select(cols.toArray(Column[]::new));
  }

  /** URLs and hashtags written in a post's text (column name). */
  static Column urlsIn(String text) {
    return expr("regexp_extract_all(" + text + ", '(https?://[^\\\\s]+)', 1)");
  }

  static Column hashtagsIn(String text) {
    return expr(
        "transform(regexp_extract_all(" + text + ", '#([\\\\p{L}\\\\p{N}_]+)', 1), h -> lower(h))");
  }

  /** FiveThirtyEight's language names to ISO 639-1 (the common ones; others stay null). */
  static Column language(String name) {
    return expr(
        "case "
            + name
            + " when 'English' then 'en' when 'Russian' then 'ru' when 'German' then 'de' when"
            + " 'Ukrainian' then 'uk' when 'Italian' then 'it' when 'Spanish' then 'es' when"
            + " 'French' then 'fr' when 'Arabic' then 'ar' when 'Uzbek' then 'uz' when 'Bulgarian'"
            + " then 'bg' when 'Macedonian' then 'mk' when 'Serbian' then 'sr' when 'Farsi"
            + " (Persian)' then 'fa' when 'Japanese' then 'ja' when 'Dutch' then 'nl' when"
            + " 'Portuguese' then 'pt' end");
  }

  /**
   * FiveThirtyEight / Clemson IRA tweets: SOURCE is the tweets file (csv or csv.gz) or a folder
   * holding it; authors.csv beside it gives the accounts and their persona (account_category, kept
   * as an extra column). The data has no tweet ids: a post id is a hash of author, minute and text.
   * Every account is one campaign, "ira-twitter", dated by the House Intelligence Committee
   * releases: 2017-11-01 for the first list, 2018-06-18 for accounts new in June 2018.
   */
  static Map<String, Dataset<Row>> fiveThirtyEightIra(SparkSession spark, String source) {
    Path p = new Path(source);
    String dir;
    String tweets;
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      boolean isDir = fs.getFileStatus(p).isDirectory();
      dir = isDir ? source : p.getParent().toString();
      tweets = isDir ? source + "/ira_tweets*.csv*" : source;
    } catch (IOException e) {
      throw Errors.cannotRead("the export", source, e);
    }
    Dataset<Row> t = csv(spark, tweets, false);
    Dataset<Row> posts =
        t.withColumn("created_at", to_timestamp(col("publish_date"), "yyyy-MM-dd HH:mm:ss"))
            .withColumn("account_id", lower(trim(col("author_id"))))
            .withColumn(
                "post_id",
                concat_ws(
                    "",
                    lit("ira-"),
                    expr(
                        "substr(sha2(concat_ws('|', author_id, publish_date, content), 256), 1,"
                            + " 24)")))
            .withColumn("platform", lit("twitter"))
            .withColumn("text", col("content"))
            .withColumn("lang", language("language"))
            .withColumn("urls", urlsIn("content"))
            .withColumn("hashtags", hashtagsIn("content"))
            .withColumn("post_type", col("post_type"))
            .withColumn("region", col("region"));
    Dataset<Row> authors =
        csv(spark, dir + "/authors.csv", false)
            .withColumn("account_id", lower(trim(col("author_id"))))
            .withColumn("platform", lit("twitter"))
            .withColumn("kind", lit("user"))
            .withColumn("handle", col("author"))
            .withColumn("persona", col("account_category"));
    Dataset<Row> takedowns =
        authors
            .withColumn("campaign_id", lit("ira-twitter"))
            .withColumn(
                "takedown_date",
                when(col("new_june_2018").equalTo("1"), lit("2018-06-18"))
                    .otherwise(lit("2017-11-01"))
                    .cast("date"))
            .withColumn("origin_country", lit("RU"))
            .withColumn("target_countries", array(lit("US")))
            .withColumn(
                "source",
                lit(
                    "US House Intelligence Committee release of Twitter's IRA list "
                        + "(FiveThirtyEight / Linvill & Warren)"));
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    out.put(Schemas.POSTS, conform(posts, Schemas.POSTS_SCHEMA, "post_type", "region"));
    out.put(Schemas.ACCOUNTS, conform(authors, Schemas.ACCOUNTS_SCHEMA, "persona", "account_type"));
    out.put(Schemas.TAKEDOWNS, conform(takedowns, Schemas.TAKEDOWNS_SCHEMA, "persona"));
    return out;
  }

  /**
   * CooRTweet's input (object_id, account_id, content_id, timestamp_share): each share becomes a
   * post (content_id) resharing the object, so co-reshare within the window is CooRTweet's
   * coordinated sharing. Accounts are the distinct account ids.
   */
  static Map<String, Dataset<Row>> coortweet(SparkSession spark, String source) {
    Dataset<Row> s = csv(spark, source, false);
    Dataset<Row> posts =
        s.withColumn("post_id", col("content_id"))
            .withColumn("platform", lit("twitter"))
            .withColumn("created_at", expr("timestamp_seconds(cast(timestamp_share as long))"))
            .withColumn("reshare_of", col("object_id"));
    Dataset<Row> accounts =
        s.groupBy("account_id")
            .agg(
                expr("min(" + Schemas.SOURCE_FILE + ")").as(Schemas.SOURCE_FILE),
                expr("min(" + Schemas.ROW_INDEX + ")").as(Schemas.ROW_INDEX))
            .withColumn("platform", lit("twitter"))
            .withColumn("kind", lit("user"));
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    out.put(Schemas.POSTS, conform(posts, Schemas.POSTS_SCHEMA));
    out.put(Schemas.ACCOUNTS, conform(accounts, Schemas.ACCOUNTS_SCHEMA));
    return out;
  }

  /**
   * House Intelligence Committee IRA Facebook/Instagram ads: multi-line text, "NA" as null,
   * impressions with an OCR'd thousands dot ("21.093" = 21,093), spend with a missing currency (RUB
   * assumed when spend is given: every other row is RUB). The landing page is the advertiser
   * account; ads without one are kept with a page id derived from the document name.
   */
  static Map<String, Dataset<Row>> iraAds(SparkSession spark, String source) {
    Dataset<Row> a = csv(spark, source, true, "NA");
    Column landing = lower(trim(col("ad_landing_page")));
    Dataset<Row> ads =
        a.withColumn(
                "ad_id",
                concat_ws("", lit("ira-ad-"), col("ad_id"), lit("-"), col("document_name")))
            .withColumn(
                "account_id",
                coalesce(
                    regexp_replace(landing, "/+$", ""),
                    concat_ws("", lit("doc:"), col("document_name"))))
            .withColumn(
                "platform",
                when(col("ad_targeting_fulltext").contains("Instagram"), lit("instagram"))
                    .otherwise(lit("facebook")))
            .withColumn("start_date", to_date(to_timestamp(col("ad_creation_date"))))
            .withColumn("end_date", to_date(to_timestamp(col("ad_end_date"))))
            .withColumn("spend", col("ad_spend").cast("decimal(18,2)"))
            .withColumn(
                "currency",
                when(col("currency").isNull().and(col("ad_spend").isNotNull()), lit("RUB"))
                    .otherwise(col("currency")))
            .withColumn(
                "impressions", regexp_replace(col("ad_impressions"), "[.,]", "").cast("long"))
            .withColumn(
                "target_countries",
                when(col("location_country").equalTo("United States"), array(lit("US")))
                    .otherwise(expr("cast(null as array<string>)")))
            .withColumn("ad_text", col("ad_text"))
            .withColumn("ad_urls", when(landing.isNotNull(), array(landing)));
    Dataset<Row> pages =
        ads.filter(col("account_id").isNotNull())
            .groupBy("account_id")
            .agg(
                expr("min(platform)").as("platform"),
                expr("min(" + Schemas.SOURCE_FILE + ")").as(Schemas.SOURCE_FILE),
                expr("min(" + Schemas.ROW_INDEX + ")").as(Schemas.ROW_INDEX))
            .withColumn("kind", lit("page"))
            .withColumn("website", col("account_id"));
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    out.put(Schemas.ADS, conform(ads, Schemas.ADS_SCHEMA, "ad_clicks"));
    out.put(Schemas.ACCOUNTS, conform(pages, Schemas.ACCOUNTS_SCHEMA));
    return out;
  }

  /**
   * Meta's threat-research indicator CSVs, both generations: 2022 (indicator_type, indicator_value,
   * comment, ds) and the Kill Chain files (Tactic, Technique, Procedure, Indicator, Comments).
   * Values are re-fanged ("[.]" to "."), domains lower-cased; each file is one removed network,
   * named after the file; first_seen is ds, else the quarter in the name.
   */
  static Map<String, Dataset<Row>> metaIndicators(SparkSession spark, String source) {
    // The two generations have different headers: read file by file, align columns by name.
    Dataset<Row> r = null;
    for (String file : csvFiles(spark, source)) {
      Dataset<Row> one = csv(spark, file, true);
      for (String c : one.columns()) {
        one = one.withColumnRenamed(c, c.trim().toLowerCase(Locale.ROOT));
      }
      r = r == null ? one : r.unionByName(one, true);
    }
    Set<String> cols = new HashSet<>(Arrays.asList(r.columns()));
    Column value =
        cols.contains("indicator_value")
            ? coalesce(
                col("indicator_value"), cols.contains("indicator") ? col("indicator") : lit(null))
            : col("indicator");
    Column type =
        cols.contains("indicator_type") ? col("indicator_type") : lit(null).cast("string");
    Column technique = cols.contains("technique") ? col("technique") : lit(null).cast("string");
    Column refanged = trim(regexp_replace(regexp_replace(value, "\\[\\.\\]", "."), "hxxp", "http"));
    Column kind =
        when(lower(type).contains("domain").or(lower(technique).contains("domain")), lit("domain"))
            .when(refanged.rlike("^(?i)https?://"), lit("url"))
            .when(refanged.rlike("^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$"), lit("domain"))
            .otherwise(lit("other"));
    Column file = expr("regexp_extract(" + Schemas.SOURCE_FILE + ", '([^/]+)\\\\.csv$', 1)");
    Column quarter =
        expr(
            "make_date(cast(regexp_extract("
                + Schemas.SOURCE_FILE
                + ", 'Q([1-4])[^/]*_(20[0-9]{2})', 2) as int), 3 * cast(regexp_extract("
                + Schemas.SOURCE_FILE
                + ", 'Q([1-4])', 1) as int) - 2, 1)");
    Column ds = cols.contains("ds") ? to_date(col("ds")) : lit(null).cast("date");
    Dataset<Row> ind =
        r.filter(value.isNotNull().and(trim(value).notEqual("")))
            .withColumn("campaign_id", concat_ws("", lit("meta:"), file))
            .withColumn("indicator_type", kind)
            .withColumn("value", when(kind.equalTo("domain"), lower(refanged)).otherwise(refanged))
            .withColumn("first_seen", coalesce(ds, quarter))
            .withColumn("source", concat_ws("", lit("Meta threat-research indicators: "), file));
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    out.put(
        Schemas.KNOWN_INDICATORS,
        conform(
            ind.filter(col("indicator_type").notEqual("other")), Schemas.KNOWN_INDICATORS_SCHEMA));
    return out;
  }

  /** The CSV files at a path: the file itself, or the *.csv files of a folder, sorted. */
  static List<String> csvFiles(SparkSession spark, String source) {
    Path p = new Path(source);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.getFileStatus(p).isDirectory()) {
        return List.of(source);
      }
      List<String> files = new ArrayList<>();
      for (FileStatus st : fs.listStatus(p)) {
        if (st.isFile() && st.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
          files.add(st.getPath().toString());
        }
      }
      if (files.isEmpty()) {
        throw Errors.noCsvFiles(source);
      }
      files.sort(String::compareTo);
      return files;
    } catch (IOException e) {
      throw Errors.cannotRead("the export", source, e);
    }
  }

  /**
   * Twitter/X information-operations archive (tweets CSV, also the hashed-user variant where userid
   * and screen names are hashes): tweets to posts, the user columns to accounts. The file carries
   * no takedown date, so takedowns/ is left for the user to add from the announcement.
   */
  static Map<String, Dataset<Row>> twitterIo(SparkSession spark, String source) {
    Dataset<Row> t = csv(spark, source, true);
    Column isRetweet = lower(coalesce(col("is_retweet"), lit("false"))).isin("true", "1");
    Dataset<Row> posts =
        t.withColumn("post_id", col("tweetid"))
            .withColumn("account_id", col("userid"))
            .withColumn("platform", lit("twitter"))
            .withColumn("created_at", to_timestamp(col("tweet_time")))
            .withColumn("text", col("tweet_text"))
            .withColumn("lang", col("tweet_language"))
            .withColumn(
                "urls",
                expr(
                    "filter(transform(split(regexp_replace(coalesce(urls, ''), '[\\\\[\\\\]\\' ]',"
                        + " ''), ','), u -> trim(u)), u -> u != '')"))
            .withColumn(
                "hashtags",
                expr(
                    "filter(transform(split(regexp_replace(coalesce(hashtags, ''), '[\\\\[\\\\]\\'"
                        + " ]', ''), ','), h -> lower(trim(h))), h -> h != '')"))
            .withColumn("reshare_of", when(isRetweet, col("retweet_tweetid")))
            .withColumn("reply_to", col("in_reply_to_tweetid"))
            .withColumn("like_count", col("like_count"))
            .withColumn("share_count", col("retweet_count"))
            .withColumn("comment_count", col("reply_count"));
    Dataset<Row> users =
        t.withColumn(
                "r",
                expr(
                    "row_number() over (partition by userid order by tweet_time desc, tweetid"
                        + " desc)"))
            .filter("r = 1")
            .withColumn("account_id", col("userid"))
            .withColumn("platform", lit("twitter"))
            .withColumn("kind", lit("user"))
            .withColumn("handle", col("user_screen_name"))
            .withColumn("display_name", col("user_display_name"))
            .withColumn("created_at", to_timestamp(col("account_creation_date")))
            .withColumn("bio", col("user_profile_description"))
            .withColumn("follower_count", col("follower_count"))
            .withColumn("following_count", col("following_count"))
            .withColumn("reported_location", col("user_reported_location"));
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    out.put(Schemas.POSTS, conform(posts, Schemas.POSTS_SCHEMA, "tweet_client_name"));
    out.put(
        Schemas.ACCOUNTS,
        conform(users, Schemas.ACCOUNTS_SCHEMA, "reported_location", "account_language"));
    return out;
  }
}
