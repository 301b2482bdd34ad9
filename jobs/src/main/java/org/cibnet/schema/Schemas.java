package org.cibnet.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createDecimalType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One StructType per dataset, with its column names: the input contract (docs/contract.md), the
 * tables whose rows the jobs build themselves (runs, reviews, rejects, counts, model metrics), the
 * reference lists and detect's internal frames. Reader, validator, generator and tests all use
 * these; nothing infers a schema.
 */
public final class Schemas {
  private Schemas() {}

  public static final DataType STRINGS = createArrayType(StringType, true);

  // Dataset names, as folders under --input and tables under rejects/.
  /**
   * Lineage columns every input reader adds: the file a row came from and its position inside it,
   * so a rejected row is named by file and row.
   */
  public static final String SOURCE_FILE = "_source_file";

  public static final String ROW_INDEX = "_row_index";

  public static final String POSTS = "posts";
  public static final String ACCOUNTS = "accounts";
  public static final String ADS = "ads";
  public static final String TAKEDOWNS = "takedowns";
  public static final String KNOWN_INDICATORS = "known_indicators";

  /** Columns of posts. */
  public static final class Post {
    public static final String POST_ID = "post_id";
    public static final String ACCOUNT_ID = "account_id";
    public static final String PLATFORM = "platform";
    public static final String CREATED_AT = "created_at";
    public static final String TEXT = "text";
    public static final String LANG = "lang";
    public static final String URLS = "urls";
    public static final String HASHTAGS = "hashtags";
    public static final String RESHARE_OF = "reshare_of";
    public static final String REPLY_TO = "reply_to";
    public static final String LIKE_COUNT = "like_count";
    public static final String SHARE_COUNT = "share_count";
    public static final String COMMENT_COUNT = "comment_count";
  }

  /** Columns of accounts. */
  public static final class Account {
    public static final String ACCOUNT_ID = "account_id";
    public static final String PLATFORM = "platform";
    public static final String KIND = "kind";
    public static final String HANDLE = "handle";
    public static final String DISPLAY_NAME = "display_name";
    public static final String CREATED_AT = "created_at";
    public static final String DECLARED_COUNTRY = "declared_country";
    public static final String NAME_GENDER = "name_gender";
    public static final String PHOTO_GENDER = "photo_gender";
    public static final String PROFILE_IMAGE_HASH = "profile_image_hash";
    public static final String BIO = "bio";
    public static final String FOLLOWER_COUNT = "follower_count";
    public static final String FOLLOWING_COUNT = "following_count";
    public static final String ADMIN_COUNTRIES = "admin_countries";
    public static final String WEBSITE = "website";
  }

  /** Columns of ads. */
  public static final class Ad {
    public static final String AD_ID = "ad_id";
    public static final String ACCOUNT_ID = "account_id";
    public static final String PLATFORM = "platform";
    public static final String START_DATE = "start_date";
    public static final String END_DATE = "end_date";
    public static final String SPEND = "spend";
    public static final String CURRENCY = "currency";
    public static final String IMPRESSIONS = "impressions";
    public static final String TARGET_COUNTRIES = "target_countries";
    public static final String FUNDING_ENTITY = "funding_entity";
    public static final String AD_TEXT = "ad_text";
    public static final String AD_URLS = "ad_urls";
  }

  /** Columns of takedowns. */
  public static final class Takedown {
    public static final String ACCOUNT_ID = "account_id";
    public static final String CAMPAIGN_ID = "campaign_id";
    public static final String TAKEDOWN_DATE = "takedown_date";
    public static final String ORIGIN_COUNTRY = "origin_country";
    public static final String TARGET_COUNTRIES = "target_countries";
    public static final String SOURCE = "source";
  }

  /** Columns of a truth table (`evaluate --truth`) and the kinds of account it may name. */
  public static final class Truth {
    public static final String ACCOUNT_ID = "account_id";
    public static final String GROUP = "group";
    public static final String KIND = "kind";
    public static final String LABELLED = "labelled";
    public static final String ORGANIC = "organic";
    public static final String LOOKALIKE = "lookalike";
    public static final String OPERATION = "operation";
    public static final String SPAM = "spam";
    public static final List<String> KINDS = List.of(ORGANIC, LOOKALIKE, OPERATION, SPAM);
  }

  private static StructField f(String name, DataType type, boolean nullable) {
    return createStructField(name, type, nullable);
  }

  public static final StructType POSTS_SCHEMA =
      createStructType(
          List.of(
              f(Post.POST_ID, StringType, false),
              f(Post.ACCOUNT_ID, StringType, false),
              f(Post.PLATFORM, StringType, false),
              f(Post.CREATED_AT, TimestampType, false),
              f(Post.TEXT, StringType, true),
              f(Post.LANG, StringType, true),
              f(Post.URLS, STRINGS, true),
              f(Post.HASHTAGS, STRINGS, true),
              f(Post.RESHARE_OF, StringType, true),
              f(Post.REPLY_TO, StringType, true),
              f(Post.LIKE_COUNT, LongType, true),
              f(Post.SHARE_COUNT, LongType, true),
              f(Post.COMMENT_COUNT, LongType, true)));

  public static final StructType ACCOUNTS_SCHEMA =
      createStructType(
          List.of(
              f(Account.ACCOUNT_ID, StringType, false),
              f(Account.PLATFORM, StringType, false),
              f(Account.KIND, StringType, false),
              f(Account.HANDLE, StringType, true),
              f(Account.DISPLAY_NAME, StringType, true),
              f(Account.CREATED_AT, TimestampType, true),
              f(Account.DECLARED_COUNTRY, StringType, true),
              f(Account.NAME_GENDER, StringType, true),
              f(Account.PHOTO_GENDER, StringType, true),
              f(Account.PROFILE_IMAGE_HASH, LongType, true),
              f(Account.BIO, StringType, true),
              f(Account.FOLLOWER_COUNT, LongType, true),
              f(Account.FOLLOWING_COUNT, LongType, true),
              f(Account.ADMIN_COUNTRIES, STRINGS, true),
              f(Account.WEBSITE, StringType, true)));

  public static final StructType ADS_SCHEMA =
      createStructType(
          List.of(
              f(Ad.AD_ID, StringType, false),
              f(Ad.ACCOUNT_ID, StringType, false),
              f(Ad.PLATFORM, StringType, false),
              f(Ad.START_DATE, DateType, false),
              f(Ad.END_DATE, DateType, true),
              f(Ad.SPEND, createDecimalType(18, 2), false),
              f(Ad.CURRENCY, StringType, false),
              f(Ad.IMPRESSIONS, LongType, true),
              f(Ad.TARGET_COUNTRIES, STRINGS, true),
              f(Ad.FUNDING_ENTITY, StringType, true),
              f(Ad.AD_TEXT, StringType, true),
              f(Ad.AD_URLS, STRINGS, true)));

  public static final StructType TAKEDOWNS_SCHEMA =
      createStructType(
          List.of(
              f(Takedown.ACCOUNT_ID, StringType, false),
              f(Takedown.CAMPAIGN_ID, StringType, false),
              f(Takedown.TAKEDOWN_DATE, DateType, false),
              f(Takedown.ORIGIN_COUNTRY, StringType, true),
              f(Takedown.TARGET_COUNTRIES, STRINGS, true),
              f(Takedown.SOURCE, StringType, true)));

  /** Reference indicators of removed campaigns (domains, URLs, handles), filled by importers. */
  public static final StructType KNOWN_INDICATORS_SCHEMA =
      createStructType(
          List.of(
              f("campaign_id", StringType, false),
              f("indicator_type", StringType, false),
              f("value", StringType, false),
              f("first_seen", DateType, true),
              f("source", StringType, true)));

  /**
   * A truth table for `evaluate`: what each account really is (group: its campaign or look-alike
   * group, or organic; kind: organic, lookalike, operation or spam; labelled: its campaign is in
   * the takedowns). The generator's ground_truth/ is one, with the archetype added.
   */
  public static final StructType TRUTH_SCHEMA =
      createStructType(
          List.of(
              f(Truth.ACCOUNT_ID, StringType, false),
              f(Truth.GROUP, StringType, false),
              f(Truth.KIND, StringType, false),
              f(Truth.LABELLED, BooleanType, false)));

  /** The generator's answer key, beside the input: the truth columns and the archetype. */
  public static final StructType GROUND_TRUTH_SCHEMA =
      createStructType(
          List.of(
              f(Truth.ACCOUNT_ID, StringType, false),
              f(Truth.GROUP, StringType, false),
              f(Truth.KIND, StringType, false),
              f("archetype", StringType, false),
              f(Truth.LABELLED, BooleanType, false)));

  public static final Map<String, StructType> INPUTS =
      Map.of(
          POSTS, POSTS_SCHEMA,
          ACCOUNTS, ACCOUNTS_SCHEMA,
          ADS, ADS_SCHEMA,
          TAKEDOWNS, TAKEDOWNS_SCHEMA);

  /** The key column of each input dataset (duplicates rejected); takedowns have a pair key. */
  public static final Map<String, List<String>> KEYS =
      Map.of(
          POSTS, List.of(Post.POST_ID),
          ACCOUNTS, List.of(Account.ACCOUNT_ID),
          ADS, List.of(Ad.AD_ID),
          TAKEDOWNS, List.of(Takedown.ACCOUNT_ID, Takedown.CAMPAIGN_ID));

  /** Whether a dataset may be absent from --input. */
  public static boolean optional(String dataset) {
    return dataset.equals(ADS) || dataset.equals(TAKEDOWNS);
  }

  /** runs: one row per job run, rewritten as the run goes from running to its end. */
  public static final StructType RUNS_SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("job", DataTypes.StringType, false)
          .add("started_at", DataTypes.TimestampType, false)
          .add("finished_at", DataTypes.TimestampType, true)
          .add("parameters", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
          .add("input_rows", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
          .add("output_rows", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
          .add("status", DataTypes.StringType, false)
          .add("error", DataTypes.StringType, true);

  /**
   * bursts (without its run_id): blocking keys with more accounts than the cap, recorded instead of
   * paired; window_start is null for shared assets, which have no window.
   */
  public static final StructType BURSTS_SCHEMA =
      new StructType()
          .add("signal", "string", false)
          .add("object", "string", true)
          .add("window_start", "timestamp", true)
          .add("n_accounts", "long", false)
          .add("n_actions", "long", false);

  /** network_reviews: one row per verdict; members is the network's membership the reviewer saw. */
  public static final StructType NETWORK_REVIEWS_SCHEMA =
      new StructType()
          .add("review_id", "string", false)
          .add("network_id", "string", false)
          .add("as_of", "date", false)
          .add("run_id", "string", false)
          .add("verdict", "string", false)
          .add("reviewer", "string", false)
          .add("note", "string", true)
          .add("reviewed_at", "timestamp", false)
          .add("members", DataTypes.createArrayType(DataTypes.StringType), false);

  /** Column of rejects/&lt;dataset&gt;: why the row was rejected. */
  public static final String REJECT_REASON = "reason";

  /** rejects/&lt;dataset&gt;: each rejected row, where it came from and why. */
  public static final StructType REJECTS_SCHEMA =
      new StructType()
          .add("dataset", "string")
          .add("source_file", "string")
          .add("row_index", "long")
          .add("row_key", "string")
          .add(REJECT_REASON, "string")
          .add("row", "string");

  /** The network_scores columns a backtest evaluates (a date without networks has none). */
  public static final StructType BACKTEST_SCORES_SCHEMA =
      new StructType()
          .add("network_id", "string")
          .add("flagged", "boolean")
          .add("model_version", "string")
          .add("score", "double")
          .add("threshold", "double");

  /** validation_counts: per run and dataset, files and rows read, accepted, rejected and lost. */
  public static final StructType VALIDATION_COUNTS_SCHEMA =
      new StructType()
          .add("run_id", "string")
          .add("dataset", "string")
          .add("files", "long")
          .add("unreadable_files", "long")
          .add("rows_read", "long")
          .add("rows_accepted", "long")
          .add("rows_rejected", "long")
          .add("rows_unreadable", "long");

  /** rejects/_files: the files of a run that could not be read, with the reason. */
  public static final StructType REJECTED_FILES_SCHEMA =
      new StructType()
          .add("run_id", "string")
          .add("dataset", "string")
          .add("file", "string")
          .add("reason", "string");

  /** model_metrics: one row per trained model family, with its held-out figures. */
  public static final StructType MODEL_METRICS_SCHEMA =
      new StructType()
          .add("model_version", "string")
          .add("trained_as_of", "string")
          .add("model", "string")
          .add("pr_auc", "double")
          .add("roc_auc", "double")
          .add("threshold", "double")
          .add("precision_at_threshold", "double")
          .add("recall_at_threshold", "double")
          .add("positives", "int")
          .add("negatives", "int")
          .add(
              "campaign_recall",
              DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
          .add(
              "pr_curve",
              DataTypes.createArrayType(
                  new StructType()
                      .add("score", "double")
                      .add("precision", "double")
                      .add("recall", "double")));

  /**
   * Reference lists (conf/reference, or the files the reference.* settings name), as the CSV
   * parsers in features.Reference fill them.
   */
  public static final class ReferenceList {
    private ReferenceList() {}

    /** Typosquatted copies of real outlets: the spoof's domain and the outlet it imitates. */
    public static final StructType SPOOF_DOMAINS =
        new StructType().add("domain", "string").add("imitates", "string");

    /** Real outlets (domain), the brand their look-alikes copy, and their country. */
    public static final StructType OUTLETS =
        new StructType()
            .add("outlet", "string")
            .add("brand", "string")
            .add("outlet_country", "string");

    /** USD per unit of a currency from a date on. */
    public static final StructType FX_RATES =
        new StructType()
            .add("currency", "string")
            .add("valid_from", DataTypes.DateType)
            .add("usd_per_unit", "double");

    /** A country's main time zone, language, currency and every time zone it has (main first). */
    public static final StructType COUNTRIES =
        new StructType()
            .add("country", "string")
            .add("zone", "string")
            .add("language", "string")
            .add("country_currency", "string")
            .add("zones", DataTypes.createArrayType(DataTypes.StringType));
  }

  /** Frames detect passes between its steps (never written as tables). */
  public static final class NetworkFrames {
    private NetworkFrames() {}

    /** Per signal, the pairs of actions its blocking considered (printed and logged by detect). */
    public static final StructType PAIRS_CONSIDERED =
        new StructType().add("signal", "string", false).add("pairs_considered", "long", false);

    /**
     * Near-text pairs of actions as the scan of each blocking key finds them (network
     * NearDuplicateScan): "_l" the earlier action, "_r" the later.
     */
    public static final StructType SCANNED_PAIRS =
        new StructType()
            .add("signal", "string", false)
            .add("object_key", "long", false)
            .add("account_id_l", "string", false)
            .add("account_id_r", "string", false)
            .add("evidence_l", "string", false)
            .add("evidence_r", "string", false)
            .add("ts_l", "long", false)
            .add("ts_r", "long", false);

    /**
     * One edge's figures as network EdgeFigures sums them from its pairs of actions: the weight in
     * fixed-point units, the times in epoch seconds (null for assets), the least pair of evidence
     * ids on the pair's first and on its last object.
     */
    public static final StructType EDGE_FIGURES =
        new StructType()
            .add("signal", "string", false)
            .add("account_a", "string", false)
            .add("account_b", "string", false)
            .add("support", "long", false)
            .add("weight_units", "long", false)
            .add("first_ts", "long", true)
            .add("last_ts", "long", true)
            .add("ids_1", DataTypes.createArrayType(DataTypes.StringType, true), false)
            .add("ids_2", DataTypes.createArrayType(DataTypes.StringType, true), false);

    /** Every account of the coordination graph numbered 0, 1, ... in the order of its id. */
    public static final StructType ACCOUNT_INDEX =
        new StructType().add("account_id", "string", false).add("idx", "long", false);

    /** Each account's (by index) component and community, as the driver computes them. */
    public static final StructType ACCOUNT_LABELS =
        new StructType()
            .add("account_id", "long", false)
            .add("component", "long", false)
            .add("community", "long", false);
  }
}
