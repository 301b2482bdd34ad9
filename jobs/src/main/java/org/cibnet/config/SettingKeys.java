package org.cibnet.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every setting with its default beside it. conf/local.conf documents them for users. */
public final class SettingKeys {
  private SettingKeys() {}

  private static final Map<String, Setting> ALL = new LinkedHashMap<>();

  private static Setting define(String key, Object def, Setting.Type type, String description) {
    Setting s = new Setting(key, String.valueOf(def), type, description);
    ALL.put(key, s);
    return s;
  }

  private static final Map<String, double[]> RANGES = new LinkedHashMap<>();

  private static void range(Setting s, double min, double max) {
    RANGES.put(s.key(), new double[] {min, max});
  }

  /** The least and greatest value a numeric setting may take, or null when any value does. */
  public static double[] range(String key) {
    return RANGES.get(key);
  }

  private static Setting i(String key, int def, String d) {
    return define(key, def, Setting.Type.INT, d);
  }

  private static Setting l(String key, long def, String d) {
    return define(key, def, Setting.Type.LONG, d);
  }

  private static Setting d(String key, double def, String d) {
    return define(key, def, Setting.Type.DOUBLE, d);
  }

  private static Setting b(String key, boolean def, String d) {
    return define(key, def, Setting.Type.BOOLEAN, d);
  }

  private static Setting s(String key, String def, String d) {
    return define(key, def, Setting.Type.STRING, d);
  }

  // --- validate
  public static final Setting MAX_REJECT_SHARE =
      d("validate.max_reject_share", 0.05, "share of rejected rows per dataset that fails the job");
  public static final Setting MIN_YEAR =
      i("validate.min_year", 2004, "timestamps before this year are rejected");

  // --- detect: co-action signals
  public static final Setting WINDOW_SECONDS =
      i(
          "detect.window_seconds",
          60,
          "co-action window for links, reshares, replies, text, hashtags");
  public static final Setting COLINK =
      b("detect.colink.enabled", true, "same URL within the window");
  public static final Setting CORESHARE =
      b("detect.coreshare.enabled", true, "resharing the same post within the window");
  public static final Setting COREPLY =
      b("detect.coreply.enabled", true, "replying to the same post within the window");
  public static final Setting COTEXT =
      b("detect.cotext.enabled", true, "identical normalised text within the window");
  public static final Setting NEARTEXT =
      b(
          "detect.neartext.enabled",
          true,
          "near-duplicate text (MinHash/LSH) within a longer window");
  public static final Setting NEARTEXT_WINDOW =
      i("detect.neartext.window_seconds", 3600, "window for near-duplicate text");
  public static final Setting NEARTEXT_JACCARD =
      d(
          "detect.neartext.jaccard",
          0.45,
          "minimum Jaccard of two near-duplicate posts' words and word pairs (character pairs in"
              + " scripts without spaces)");
  public static final Setting NEARTEXT_MIN_SHINGLES =
      i("detect.neartext.min_shingles", 12, "posts with fewer shingles are too short to judge");
  public static final Setting NEARTEXT_BANDS = i("detect.neartext.bands", 12, "LSH bands");
  public static final Setting NEARTEXT_ROWS = i("detect.neartext.rows", 3, "MinHash rows per band");
  public static final Setting HASHTAGS =
      b("detect.hashtags.enabled", true, "same hashtag set within the window");
  public static final Setting HASHTAGS_MIN =
      i("detect.hashtags.min_tags", 3, "smallest hashtag set that counts");
  public static final Setting PHOTO =
      b("detect.photo.enabled", true, "equal or near-equal profile image hashes");
  public static final Setting PHOTO_MAX_HAMMING =
      i("detect.photo.max_hamming", 3, "largest Hamming distance of two reused photos");
  public static final Setting PHOTO_MAX_ACCOUNTS =
      i("detect.photo.max_accounts", 25, "hashes used by more accounts are default avatars");
  public static final Setting PERSONA =
      b(
          "detect.persona.enabled",
          true,
          "same handle, display name, bio or website across accounts");
  public static final Setting PERSONA_MAX_HANDLE_ACCOUNTS =
      i(
          "detect.persona.max_handle_accounts",
          5,
          "a handle on more accounts is a common name (anna.smith), not one persona across"
              + " platforms");
  public static final Setting PAYER =
      b("detect.payer.enabled", true, "same ad funding entity or landing domain");
  public static final Setting SYNC =
      b("detect.sync.enabled", true, "repeatedly active in the same short time bins");
  public static final Setting SYNC_BIN_SECONDS =
      i("detect.sync.bin_seconds", 120, "time bin of synchronised activity");
  public static final Setting SYNC_MIN_BINS =
      i("detect.sync.min_shared_bins", 6, "fewest shared bins for a synchronised pair");
  public static final Setting SYNC_MIN_LIFT =
      d("detect.sync.min_lift", 20.0, "shared bins over the count expected by chance");
  public static final Setting SYNC_BANDS =
      i("detect.sync.bands", 40, "LSH bands over each account's set of active bins");
  public static final Setting SYNC_ROWS =
      i("detect.sync.rows", 2, "MinHash rows per band of active bins");
  public static final Setting SLOW =
      b(
          "detect.slow.enabled",
          true,
          "the same link, reshared or replied-to post or hashtag set within minutes (people working"
              + " a list)");
  public static final Setting SLOW_WINDOW =
      i(
          "detect.slow.window_seconds",
          1800,
          "window of slow co-action (pairs within detect.window_seconds are fast)");
  public static final Setting SLOW_MAX_OBJECT_ACCOUNTS =
      i(
          "detect.slow.max_object_accounts",
          200,
          "objects acted on by more accounts over the whole input are too popular to say anything"
              + " at minutes");
  public static final Setting SLOW_MIN_SUPPORT =
      i(
          "detect.slow.min_support",
          3,
          "distinct objects two accounts must act on within the slow window");
  public static final Setting SLOW_MIN_LIFT =
      d(
          "detect.slow.min_lift",
          10.0,
          "slow co-actions of a pair over the count expected by chance from both accounts' activity"
              + " and the objects' popularity");
  public static final Setting AMPLIFY =
      b(
          "detect.amplify.enabled",
          true,
          "accounts resharing or replying to each other's posts again and again");
  public static final Setting AMPLIFY_MIN_SUPPORT =
      i(
          "detect.amplify.min_support",
          3,
          "distinct posts one account of a pair amplified of the other");
  public static final Setting AMPLIFY_MIN_WEIGHT =
      d(
          "detect.amplify.min_weight",
          1.0,
          "weight an amplification edge needs: posts amplified, times how much of the amplifier's"
              + " attention they take, over log2(1 + the author's amplifiers); fast boosts count"
              + " fully, slow ones half");
  public static final Setting AMPLIFY_FAST_SECONDS =
      i(
          "detect.amplify.fast_seconds",
          3600,
          "a boost within this many seconds of the post counts fully");
  public static final Setting MIN_SUPPORT_COACTION =
      i("detect.min_support.coaction", 2, "distinct shared objects for co-action signals");
  public static final Setting MIN_SUPPORT_ASSET =
      i("detect.min_support.asset", 1, "distinct shared assets for photo and payer");
  public static final Setting MIN_SUPPORT_PERSONA =
      i(
          "detect.min_support.persona",
          2,
          "persona fields two accounts must share (handle, website, bio): one common handle is a"
              + " coincidence of names");
  public static final Setting MAX_KEY_MEMBERS =
      i("detect.max_key_members", 200, "blocking keys with more accounts are bursts, not pairs");
  public static final Setting MIN_COACTION_WEIGHT =
      d(
          "detect.min_coaction_weight",
          0.5,
          "popularity-discounted weight a co-action edge needs (object shared by n counts"
              + " 1/log2(1+n))");
  public static final Setting MIN_NETWORK_SIZE =
      i("detect.min_network_size", 3, "smaller networks are dropped");
  public static final Setting COMMUNITY_ITERATIONS =
      i("detect.community.iterations", 10, "weighted label propagation rounds");
  public static final Setting IN_MEMORY_GRAPH_PAIRS =
      l(
          "detect.networks.in_memory_max_pairs",
          5_000_000,
          "graphs with at most this many account pairs are split into networks in the driver's"
              + " memory (about 40 bytes a pair; same networks as the distributed label"
              + " propagation); 0 = always distributed");
  public static final Setting ID_MATCH_JACCARD =
      d("detect.id_match_jaccard", 0.5, "member overlap to keep an earlier network's id");

  // --- features
  public static final Setting SPOOF_DOMAINS =
      s(
          "reference.spoof_domains",
          "classpath:cibnet/reference/spoof_domains.csv",
          "known typosquats");
  public static final Setting OUTLETS =
      s("reference.outlets", "classpath:cibnet/reference/outlets.csv", "real outlets to protect");
  public static final Setting FX_RATES =
      s("reference.fx_rates", "classpath:cibnet/reference/fx_rates.csv", "currency to USD rates");
  public static final Setting COUNTRIES =
      s("reference.countries", "classpath:cibnet/reference/countries.csv", "country time zones");

  // --- train / score
  public static final Setting POSITIVE_SHARE =
      d("train.positive_share", 0.5, "share of removed accounts that makes a network positive");
  public static final Setting TARGET_PRECISION =
      d("train.target_precision", 0.9, "threshold = lowest score reaching this precision");
  public static final Setting MAX_THRESHOLD =
      d(
          "train.max_threshold",
          0.5,
          "the threshold never exceeds this score: unlabelled networks count as negatives in the"
              + " precision rule, and some of them are operations nobody removed yet");
  public static final Setting MAX_NEGATIVE_FLAG_RATE =
      d(
          "train.max_negative_flag_rate",
          0.1,
          "the threshold flags at most this share of the training's negative networks (out of"
              + " fold): precision depends on the training mix, this share does not");
  public static final Setting TRAIN_SEED = l("train.seed", 42L, "seed of every random choice");
  public static final Setting LOGISTIC_REG =
      d("train.logistic.reg", 0.2, "L2 penalty of the logistic model (on standardised features)");
  public static final Setting EVIDENCE_FLOOR =
      d(
          "train.logistic.evidence_floor",
          1.0,
          "least weight (log-odds per standard deviation) of each deception signal in the logistic"
              + " model, even when no labelled campaign used it");
  public static final Setting PU_SPY_QUANTILE =
      d(
          "train.pu.spy_quantile",
          0.1,
          "unlabelled networks scoring (out of fold) above this quantile of the positives' scores"
              + " are likely operations, not negatives; 0 treats every unlabelled network as a"
              + " negative");
  public static final Setting PU_MAX_LIKELY_SHARE =
      d(
          "train.pu.max_likely_share",
          0.3,
          "at most this share of the unlabelled networks (the highest scoring) are set aside as"
              + " likely operations");
  public static final Setting FOLDS =
      i("train.folds", 5, "leave-campaign-out folds (at most the number of campaigns)");
  public static final Setting TRAIN_TREES =
      b(
          "train.trees",
          false,
          "also fit gradient-boosted trees, kept when they beat the logistic model out of fold; off"
              + " by default: trees learn the tactic mixes of the labelled campaigns and miss new"
              + " ones");
  public static final Setting GBT_MAX_ITER = i("train.gbt.max_iter", 30, "boosting rounds");
  public static final Setting GBT_MAX_DEPTH = i("train.gbt.max_depth", 4, "tree depth");
  public static final Setting TOP_REASONS = i("score.top_reasons", 3, "reasons per network");
  public static final Setting MAX_COMMERCIAL_SHARE =
      d(
          "score.max_commercial_share",
          0.5,
          "a network with at least this share of posts that sell is spam or marketing: coordination"
              + " does not flag it");
  public static final Setting RETURN_MIN_SHARE =
      d(
          "score.return_min_share",
          0.3,
          "share of a network's accounts holding indicators of a removed campaign (other than its"
              + " own) that flags it as a likely return of that campaign");
  public static final Setting PERSONA_MARGIN =
      d(
          "score.persona.margin",
          0.3,
          "a persona trait (digit handles, mismatched genders, young accounts) stands out in a"
              + " network when its share of the members is at least this far above its share among"
              + " the accounts outside every network");
  public static final Setting PERSONA_MIN_TRAITS =
      i(
          "score.persona.min_traits",
          2,
          "persona traits standing out in a network that flag it on their own (0: the rule is"
              + " off)");
  public static final Setting ALLOW_ACCOUNTS =
      s("review.allow_accounts", "", "comma-separated account ids never flagged");
  public static final Setting ALLOW_DOMAINS =
      s("review.allow_domains", "", "comma-separated domains not counted as suspicious");
  public static final Setting REFLAG_JACCARD =
      d(
          "review.reflag_below_jaccard",
          0.5,
          "a benign/dismissed network is flagged again only when its member overlap with the"
              + " reviewed members falls below this");

  // --- runs
  public static final Setting HEARTBEAT_SECONDS =
      i(
          "runs.heartbeat_seconds",
          30,
          "a running job rewrites its heartbeat this often; three missed beats and the next job"
              + " marks its run failed (abandoned)");

  // --- testing
  public static final Setting FAIL_FIRST_ATTEMPT =
      s(
          "test.fail_first_attempt",
          "",
          "stage whose first task attempt fails on purpose (fault-tolerance tests; 'detect')");

  // --- warehouse
  public static final Setting DATABASE =
      s(
          "warehouse.database",
          "cibnet",
          "database the tables are registered under (metastore or printed statements)");

  // --- report
  public static final Setting REPORT_TOP_NETWORKS =
      i("report.top_networks", 5, "networks shown in depth in the report");

  // --- backtest
  public static final Setting BACKTEST_STEP_DAYS =
      i("backtest.step_days", 30, "days between as-of dates of the backtest grid (--step-days)");
  public static final Setting BACKTEST_MAX_DATES =
      i("backtest.max_dates", 12, "most as-of dates in one backtest (the latest ones)");
  public static final Setting BACKTEST_TREES =
      b(
          "backtest.trees",
          false,
          "fit trees at every backtest date too (slow); else the logistic model");

  static {
    // the values each number may take: checked with the rest of the configuration, before Spark
    // starts
    range(MAX_REJECT_SHARE, 0.0, 1.0);
    range(MIN_YEAR, 1970.0, 2100.0);
    range(WINDOW_SECONDS, 1.0, 86400.0);
    range(NEARTEXT_WINDOW, 1.0, 604800.0);
    range(NEARTEXT_JACCARD, 0.01, 1.0);
    range(NEARTEXT_MIN_SHINGLES, 1.0, 10000.0);
    range(NEARTEXT_BANDS, 1.0, 64.0);
    range(NEARTEXT_ROWS, 1.0, 16.0);
    range(HASHTAGS_MIN, 1.0, 100.0);
    range(PHOTO_MAX_HAMMING, 0.0, 16.0);
    range(PHOTO_MAX_ACCOUNTS, 2.0, 1000000000000.0);
    range(PERSONA_MAX_HANDLE_ACCOUNTS, 2.0, 1000000000000.0);
    range(SYNC_BIN_SECONDS, 1.0, 86400.0);
    range(SYNC_MIN_BINS, 1.0, 1000000.0);
    range(SYNC_MIN_LIFT, 0.0, 1000000000000.0);
    range(SYNC_BANDS, 1.0, 256.0);
    range(SYNC_ROWS, 1.0, 16.0);
    range(SLOW_WINDOW, 2.0, 604800.0);
    range(SLOW_MAX_OBJECT_ACCOUNTS, 2.0, 1000000000000.0);
    range(SLOW_MIN_SUPPORT, 1.0, 1000000.0);
    range(SLOW_MIN_LIFT, 0.0, 1000000000000.0);
    range(AMPLIFY_MIN_SUPPORT, 1.0, 1000000.0);
    range(AMPLIFY_MIN_WEIGHT, 0.0, 1000000000000.0);
    range(AMPLIFY_FAST_SECONDS, 1.0, 604800.0);
    range(MIN_SUPPORT_COACTION, 1.0, 1000000.0);
    range(MIN_SUPPORT_ASSET, 1.0, 1000000.0);
    range(MIN_SUPPORT_PERSONA, 1.0, 3.0);
    range(MAX_KEY_MEMBERS, 2.0, 1000000000.0);
    range(MIN_COACTION_WEIGHT, 0.0, 1000000000000.0);
    range(MIN_NETWORK_SIZE, 2.0, 1000000000.0);
    range(COMMUNITY_ITERATIONS, 1.0, 1000.0);
    range(IN_MEMORY_GRAPH_PAIRS, 0.0, 1000000000000.0);
    range(ID_MATCH_JACCARD, 0.0, 1.0);
    range(POSITIVE_SHARE, 0.01, 1.0);
    range(TARGET_PRECISION, 0.01, 1.0);
    range(MAX_THRESHOLD, 0.0, 1.0);
    range(MAX_NEGATIVE_FLAG_RATE, 0.0, 1.0);
    range(LOGISTIC_REG, 0.0, 1000000.0);
    range(EVIDENCE_FLOOR, 0.0, 100.0);
    range(PU_SPY_QUANTILE, 0.0, 1.0);
    range(PU_MAX_LIKELY_SHARE, 0.0, 1.0);
    range(FOLDS, 2.0, 1000.0);
    range(GBT_MAX_ITER, 1.0, 10000.0);
    range(GBT_MAX_DEPTH, 1.0, 30.0);
    range(TOP_REASONS, 1.0, 50.0);
    range(MAX_COMMERCIAL_SHARE, 0.0, 1.0);
    range(RETURN_MIN_SHARE, 0.01, 1.0);
    range(PERSONA_MARGIN, 0.0, 1.0);
    range(PERSONA_MIN_TRAITS, 0.0, 3.0);
    range(REFLAG_JACCARD, 0.0, 1.0);
    range(REPORT_TOP_NETWORKS, 1.0, 10000.0);
    range(BACKTEST_STEP_DAYS, 1.0, 36500.0);
    range(BACKTEST_MAX_DATES, 1.0, 10000.0);
    range(HEARTBEAT_SECONDS, 1.0, 3600.0);
  }

  public static Map<String, Setting> all() {
    return Collections.unmodifiableMap(ALL);
  }
}
