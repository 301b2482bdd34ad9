package org.cibnet.features;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.cibnet.network.CoordinationSignals;
import org.cibnet.network.Signal;
import org.cibnet.network.TextShingles;
import org.cibnet.network.UrlNormalizer;
import org.cibnet.schema.Schemas.Account;
import org.cibnet.schema.Schemas.Ad;
import org.cibnet.schema.Schemas.Post;
import org.cibnet.spark.Cols;

/**
 * Per-network features, one row per network and one column per feature, each a DataFrame
 * aggregation over the network's members, posts, ads and edges. docs/features.md explains each one
 * and why it points to inauthentic coordination.
 */
public final class NetworkFeatures {
  private NetworkFeatures() {}

  /** Everything the features read, already limited to the run's window and as-of date. */
  public record Sources(
      Dataset<Row> members,
      Dataset<Row> posts,
      Dataset<Row> accounts,
      Dataset<Row> ads,
      Dataset<Row> edges,
      Dataset<Row> countries,
      Dataset<Row> fx,
      Dataset<Row> spoofs,
      Dataset<Row> outlets,
      Dataset<Row> indicators,
      long defaultAvatarMinAccounts,
      List<String> allowedDomains,
      Dataset<Row> bursts,
      long coActionWindowSeconds,
      int minHashtags) {}

  /**
   * The classifier's inputs, each with the direction in which it points to an influence operation:
   * +1 when a higher value is more suspicious, -1 when a lower one is; +2 and -2 mark evidence of
   * deception (a persona, an age, a place, a payer that is not what it claims), which counts even
   * when no labelled campaign used it. Campaign-agnostic only: none is computed from takedown
   * labels or indicators, so a model that did not see a campaign scores its networks honestly, and
   * a campaign nobody has removed yet looks no different to it from one that was. The logistic
   * model keeps each coefficient to its direction, reads each input from its organic reference on
   * (a trait a network lacks never counts against it) and gives each deception signal at least a
   * floor weight.
   */
  // spotless:off (one feature and its direction per line)
  public static final Map<String, Integer> DIRECTIONS = directions(
      "gender_mismatch_share", 2,
      "digits_handle_share", 2,
      "photo_reuse_share", 2,
      "default_avatar_share", 1,
      "mirrored_persona_share", 1,
      "account_age_log_days", -2,
      "creation_burst_share", 2,
      "creation_entropy", -1,
      "clock_offset_gap_hours", 2,
      "declared_night_share", 1,
      "weekend_share", -1,
      "lunch_dip", 1,
      "hour_entropy", -1,
      "near_duplicate_share", 1,
      "distinct_text_ratio", -1,
      "lang_mismatch_share", 1,
      "lookalike_link_share", 2,
      "internal_reshare_share", 1,
      "reply_outsider_share", 1,
      "foreign_currency_spend_share", 2,
      "missing_funder_share", 1,
      "target_declared_mismatch_share", 1,
      "admin_country_mismatch_share", 2,
      "coshare_gap_log_seconds", -1,
      "burst_touch_share", 1,
      "declared_country_hhi", 1,
      "round_the_clock_share", -1,
      "commercial_share", -2);
  // spotless:on

  /**
   * Inputs whose organic side is itself evidence, explaining a network away (it sells, it is a feed
   * posting round the clock): the logistic model reads them two-sided, every other input only from
   * its organic reference on ({@link org.cibnet.model.OrganicReference}).
   */
  public static final Set<String> EXPLANATIONS =
      Set.of("commercial_share", "round_the_clock_share");

  /** The classifier's inputs, in a fixed order (model feature vectors and docs use it). */
  public static final List<String> FEATURES = List.copyOf(DIRECTIONS.keySet());

  /**
   * Also computed for every network and shown to analysts, but not classifier inputs: they describe
   * a network (its size, platforms, which signals tie it) without pointing either way.
   */
  public static final List<String> DESCRIPTIVE =
      List.of(
          "n_accounts",
          "page_share",
          "group_share",
          "n_platforms",
          "median_account_age_days",
          "hashtag_hhi",
          "domain_hhi",
          "engagement_per_follower",
          "ad_spend_usd_log",
          "w_co_link",
          "w_co_reshare",
          "w_co_reply",
          "w_co_text",
          "w_near_text",
          "w_hashtag_set",
          "w_shared_photo",
          "w_mirrored_persona",
          "w_shared_payer",
          "w_sync_activity",
          "w_slow_wave",
          "w_amplification",
          "edge_density");

  private static Map<String, Integer> directions(Object... pairs) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Integer) pairs[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * Columns of network_features derived from takedowns and known indicators: evidence of a removed
   * campaign's return (the recidivism rule and the reasons read them), never classifier inputs.
   */
  public static final List<String> LABEL_DERIVED =
      List.of("known_indicator_link_share", "campaign_similarity");

  /** All features of every network of the run. */
  public static Dataset<Row> compute(Sources s) {
    return compute(s, memberPosts(s));
  }

  /**
   * network_id, account_id and the member's accounts columns, with its declared country's zone etc.
   */
  static Dataset<Row> memberAccounts(Sources s) {
    return s.members()
        .join(s.accounts(), "account_id", "left")
        .join(
            broadcast(
                s.countries()
                    .select(
                        col("country").as(Account.DECLARED_COUNTRY),
                        col("zone"),
                        col("zones"),
                        col("language"),
                        col("country_currency"))),
            Account.DECLARED_COUNTRY,
            "left");
  }

  /**
   * Every post of a network member, with network_id and the declared country's zone and language.
   * Six feature groups read it: a caller may persist it and pass it to compute(s, memberPosts).
   */
  public static Dataset<Row> memberPosts(Sources s) {
    return s.members()
        .join(s.posts(), "account_id")
        .join(memberAccounts(s).select("account_id", "zones", "language"), "account_id");
  }

  /** As compute(s), on the given member posts (memberPosts(s), persisted or not). */
  public static Dataset<Row> compute(Sources s, Dataset<Row> memberPosts) {
    Dataset<Row> memberAccounts = memberAccounts(s);
    List<Dataset<Row>> parts = new ArrayList<>();
    parts.add(persona(memberAccounts, memberPosts, s));
    parts.add(clock(memberPosts));
    parts.add(content(memberPosts));
    parts.add(links(memberPosts, s));
    parts.add(interaction(memberPosts, memberAccounts, s));
    parts.add(money(memberAccounts, s));
    parts.add(structure(s));
    parts.add(timing(s));
    // Every part has one row per network: stack them and take each column's one non-null value.
    // One shuffle and one aggregation, where a chain of joins kept a sorter per part alive in a
    // single task (and ran out of execution memory on 2 cores with 10 parts).
    Dataset<Row> stacked = s.members().groupBy("network_id").agg(count("*").as("n_accounts"));
    for (Dataset<Row> p : parts) {
      stacked = stacked.unionByName(p, true);
    }
    List<Column> values = new ArrayList<>();
    for (String c : stacked.columns()) {
      if (!c.equals("network_id")) {
        values.add(max(col(c)).as(c)); // the one non-null value of the column for the network
      }
    }
    Dataset<Row> out =
        stacked
            .groupBy("network_id")
            .agg(values.get(0), values.subList(1, values.size()).toArray(Column[]::new))
            .filter(col("n_accounts").isNotNull());
    List<Column> cols = new ArrayList<>();
    cols.add(col("network_id"));
    for (String f : DESCRIPTIVE) {
      cols.add(coalesce(col(f).cast("double"), lit(0.0)).as(f));
    }
    for (String f : FEATURES) {
      if (f.equals("account_age_log_days")) {
        // days are heavy-tailed (a week to fifteen years): the model reads their logarithm
        cols.add(
            expr("log1p(greatest(coalesce(cast(median_account_age_days as double), 0.0), 0.0))")
                .as(f));
        continue;
      }
      // A network whose members never act on the same object is a day or more apart, not 0 s.
      double missing = f.equals("coshare_gap_log_seconds") ? NO_CO_ACTION : 0.0;
      cols.add(coalesce(col(f).cast("double"), lit(missing)).as(f));
    }
    cols.add(
        coalesce(col("known_indicator_link_share").cast("double"), lit(0.0))
            .as("known_indicator_link_share"));
    // Descriptive, not model inputs: the clock the network keeps, for reasons and likely origin.
    cols.add(col("likely_utc_offset"));
    cols.add(col("declared_offset").cast("double").as("declared_offset"));
    cols.add(coalesce(col("office_share").cast("double"), lit(0.0)).as("office_share"));
    return out.select(cols.toArray(Column[]::new));
  }

  /**
   * A network keeps a work week when at least this share of its posts fall in office hours at its
   * likely offset and at most WORK_SCHEDULE_WEEKEND_SHARE at weekends (as LikelyOrigin reads it).
   */
  static final double WORK_SCHEDULE_OFFICE_SHARE = 0.6;

  static final double WORK_SCHEDULE_WEEKEND_SHARE = 0.1;

  /** log1p of a day in seconds: the gap of a network whose members never co-act. */
  static final double NO_CO_ACTION = Math.log1p(86_400);

  /**
   * Timing. How fast members follow each other onto the same link, reshared or replied-to post or
   * hashtag set: the median of the seconds between consecutive actions of two different members on
   * one object (log1p, at most a day; exact median, so reruns agree). And the share of members that
   * acted on a burst key: an object so crowded within one window that detect recorded it instead of
   * pairing its accounts (flooding a trending link or hashtag).
   */
  static Dataset<Row> timing(Sources s) {
    Dataset<Row> net = s.members().select("network_id", "account_id");
    Dataset<Row> mp = net.join(s.posts(), "account_id");
    Dataset<Row> actions =
        CoordinationSignals.links(mp)
            .union(CoordinationSignals.reshares(mp))
            .union(CoordinationSignals.replies(mp))
            .union(CoordinationSignals.hashtagSets(mp, s.minHashtags()))
            .join(net, CoordinationSignals.ACCOUNT);
    var byObject =
        Window.partitionBy("network_id", CoordinationSignals.SIGNAL, CoordinationSignals.OBJECT)
            .orderBy(
                CoordinationSignals.TS, CoordinationSignals.ACCOUNT, CoordinationSignals.EVIDENCE);
    Dataset<Row> gaps =
        actions
            .withColumn("prev_ts", lag(CoordinationSignals.TS, 1).over(byObject))
            .withColumn("prev_account", lag(CoordinationSignals.ACCOUNT, 1).over(byObject))
            .filter(
                col("prev_account")
                    .isNotNull()
                    .and(col("prev_account").notEqual(col(CoordinationSignals.ACCOUNT))))
            .groupBy("network_id")
            .agg(
                expr("log1p(least(percentile(ts - prev_ts, 0.5), 86400))")
                    .as("coshare_gap_log_seconds"));
    Dataset<Row> sizes = net.groupBy("network_id").agg(count("*").as("n"));
    Dataset<Row> out = sizes.join(gaps, Cols.seq("network_id"), "left");
    if (s.bursts() == null) {
      return out.withColumn("burst_touch_share", lit(0.0)).drop("n");
    }
    Dataset<Row> burstKeys =
        s.bursts()
            .filter(col("window_start").isNotNull())
            .select(
                col(CoordinationSignals.SIGNAL),
                col(CoordinationSignals.OBJECT),
                unix_seconds(col("window_start")).as("bucket_start"));
    long w = s.coActionWindowSeconds();
    Dataset<Row> touching =
        actions
            .withColumn("bucket_start", floor(col(CoordinationSignals.TS).divide(w)).multiply(w))
            .join(
                burstKeys,
                Cols.seq(CoordinationSignals.SIGNAL, CoordinationSignals.OBJECT, "bucket_start"),
                "left_semi")
            .groupBy("network_id")
            .agg(countDistinct(CoordinationSignals.ACCOUNT).as("touching"));
    return out.join(touching, Cols.seq("network_id"), "left")
        .withColumn("burst_touch_share", coalesce(col("touching"), lit(0L)).divide(col("n")))
        .drop("n", "touching");
  }

  private static Column share(Column condition) {
    return avg(when(condition, 1.0).otherwise(0.0));
  }

  static Dataset<Row> persona(Dataset<Row> ma, Dataset<Row> mp, Sources s) {
    Dataset<Row> avatars =
        s.accounts().groupBy(Account.PROFILE_IMAGE_HASH).agg(count("*").as("n_hash"));
    Dataset<Row> firstPost = mp.groupBy("account_id").agg(expr("min(created_at)").as("first_post"));
    Dataset<Row> withAge =
        ma.join(avatars, Account.PROFILE_IMAGE_HASH, "left")
            .join(firstPost, "account_id", "left")
            .withColumn("age_days", expr("datediff(first_post, created_at)"))
            .withColumn("created_day", expr("to_date(created_at)"));
    Dataset<Row> byAccount =
        withAge
            .groupBy("network_id")
            .agg(
                share(col(Account.KIND).equalTo("page")).as("page_share"),
                share(col(Account.KIND).equalTo("group")).as("group_share"),
                countDistinct(Account.PLATFORM).as("n_platforms"),
                avg(PersonaTraits.genderMismatch()).as("gender_mismatch_share"),
                share(PersonaTraits.digitsHandle()).as("digits_handle_share"),
                share(col("n_hash").gt(s.defaultAvatarMinAccounts())).as("default_avatar_share"),
                expr("percentile_approx(age_days, 0.5)").as("median_account_age_days"));
    // Creation burstiness: the largest share of members created within any 7 days.
    Dataset<Row> perDay =
        withAge
            .filter(col("created_day").isNotNull())
            .groupBy("network_id", "created_day")
            .agg(count("*").as("k"));
    Dataset<Row> burst =
        perDay
            .withColumn(
                "week",
                expr(
                    "sum(k) over (partition by network_id order by unix_date(created_day)"
                        + " range between 6 preceding and current row)"))
            .withColumn("total", expr("sum(k) over (partition by network_id)"))
            .groupBy("network_id")
            .agg(
                max(col("week").divide(col("total"))).as("creation_burst_share"),
                expr("-sum((k / total) * log2(k / total))").as("creation_entropy"));
    // Among people only: pages of one outlet or brand share a logo, a website and a bio by design.
    Dataset<Row> people =
        ma.filter(col(Account.KIND).equalTo("user")).select("network_id", "account_id");
    Dataset<Row> reuse =
        accountsWithSignal(s, people, Signal.SHARED_PHOTO, "photo_reuse_share")
            .join(
                accountsWithSignal(s, people, Signal.MIRRORED_PERSONA, "mirrored_persona_share"),
                "network_id",
                "full");
    // How much the members agree on where they are: an operation poses as people of the country
    // it targets; a commercial network claims anywhere. Herfindahl index of declared countries.
    Dataset<Row> declared =
        ma.filter(col(Account.DECLARED_COUNTRY).isNotNull())
            .groupBy("network_id", Account.DECLARED_COUNTRY)
            .agg(count("*").as("k"))
            .withColumn("total", expr("sum(k) over (partition by network_id)"))
            .groupBy("network_id")
            .agg(expr("sum(pow(k / total, 2))").as("declared_country_hhi"));
    return byAccount
        .join(burst, "network_id", "left")
        .join(reuse, "network_id", "left")
        .join(declared, "network_id", "left");
  }

  /** Share of the given members (network_id, account_id) that have an edge of a signal. */
  private static Dataset<Row> accountsWithSignal(
      Sources s, Dataset<Row> members, String signal, String name) {
    Dataset<Row> e = s.edges().filter(col("signal").equalTo(signal));
    Dataset<Row> touched =
        e.select(col("account_a").as("account_id"))
            .union(e.select(col("account_b").as("account_id")))
            .distinct()
            .withColumn("hit", lit(1.0));
    return members
        .join(touched, "account_id", "left")
        .groupBy("network_id")
        .agg(avg(coalesce(col("hit"), lit(0.0))).as(name));
  }

  /**
   * The operating clock. For each candidate UTC offset, the share of posts that fall in office
   * hours (09-18, weekdays) of that offset less the share at night (01-07); the best offset is the
   * network's likely clock (where it works and sleeps), compared with the offsets its members'
   * declared countries had on each post's date (daylight saving aware through from_utc_timestamp).
   */
  static Dataset<Row> clock(Dataset<Row> mp) {
    Dataset<Row> p =
        mp.select(col("network_id"), col(Post.CREATED_AT).as("t"), col("zones"))
            .withColumn(
                "offsets",
                expr(
                    "transform(zones, z -> (unix_seconds(from_utc_timestamp(t, z)) -"
                        + " unix_seconds(t)) / 3600.0)"));
    // A whole-hour offset shifts the UTC hour of the week, which alone fixes the local hour and
    // weekday: count each network's posts per hour of the week once and shift those 168 counts 26
    // ways, instead of every post 26 ways (the session time zone is UTC).
    Dataset<Row> week =
        p.groupBy(col("network_id"), expr("(dayofweek(t) - 1) * 24 + hour(t)").as("hw"))
            .agg(count("*").as("k"));
    Dataset<Row> candidates =
        week.withColumn("o", explode(expr("sequence(-11, 14)")))
            .withColumn("lhw", expr("pmod(hw + o, 168)"))
            .withColumn("lh", expr("lhw % 24"))
            .withColumn("ld", expr("div(lhw, 24) + 1")) // dayofweek numbering: 1 = Sunday
            .groupBy("network_id", "o")
            .agg(
                expr("sum(case when lh between 9 and 17 and ld between 2 and 6 then k else 0 end) /"
                        + " sum(k)")
                    .as("office"),
                expr("sum(case when ld in (1, 7) then k else 0 end) / sum(k)").as("weekend"),
                expr("sum(case when lh = 12 then k else 0 end)").as("h12"),
                expr("sum(case when lh in (11, 13) then k else 0 end)").as("h1113"),
                expr("sum(case when lh between 1 and 6 then k else 0 end) / sum(k)").as("night"));
    Dataset<Row> best =
        candidates
            .withColumn(
                "r",
                expr("row_number() over (partition by network_id order by office - night desc, o)"))
            .filter("r = 1")
            .select(
                col("network_id"),
                col("o").as("likely_utc_offset"),
                col("office").as("office_share"),
                col("weekend").as("weekend_share"),
                expr("1.0 - (h12 + 1.0) / ((h1113 + 2.0) / 2.0)").as("lunch_dip"),
                col("night").as("round_the_clock_share"));
    Dataset<Row> hours =
        week.groupBy(col("network_id"), expr("hw % 24").as("h"))
            .agg(sum("k").as("k"))
            .withColumn("total", expr("sum(k) over (partition by network_id)"))
            .groupBy("network_id")
            .agg(expr("-sum((k / total) * log2(k / total))").as("hour_entropy"));
    // The declared country's time zone nearest the clock the network keeps (a country may span
    // several, the United States six): its mean offset over the posts, and the share of posts made
    // at night there.
    Dataset<Row> zoneOffsets =
        p.filter(col("zones").isNotNull())
            .select(col("network_id"), posexplode(col("offsets")).as(new String[] {"zi", "offset"}))
            .groupBy("network_id", "zi")
            .agg(avg("offset").as("declared_offset"));
    Dataset<Row> nearest =
        zoneOffsets
            .join(best.select("network_id", "likely_utc_offset"), "network_id")
            .withColumn(
                "gap",
                expr(
                    "least(abs(likely_utc_offset - declared_offset), 24 - abs(likely_utc_offset -"
                        + " declared_offset))"))
            .withColumn("r", expr("row_number() over (partition by network_id order by gap, zi)"))
            .filter("r = 1")
            .select("network_id", "zi", "declared_offset");
    Dataset<Row> night =
        p.filter(col("zones").isNotNull())
            .join(nearest.select("network_id", "zi"), "network_id")
            .groupBy("network_id")
            .agg(
                expr("avg(case when hour(from_utc_timestamp(t, element_at(zones, cast(least(zi,"
                        + " size(zones) - 1) as int) + 1))) between 0 and 5 then 1.0 else 0.0"
                        + " end)")
                    .as("declared_night_share"));
    return best.join(hours, "network_id")
        .join(nearest.drop("zi"), Cols.seq("network_id"), "left")
        .join(night, Cols.seq("network_id"), "left")
        // Only a network that keeps a work week has a clock to compare: round-the-clock, evening or
        // scattered posting fits every offset about as badly, and its best offset is noise.
        .withColumn(
            "clock_offset_gap_hours",
            expr(
                "case when declared_offset is null or office_share < "
                    + WORK_SCHEDULE_OFFICE_SHARE
                    + " or weekend_share > "
                    + WORK_SCHEDULE_WEEKEND_SHARE
                    + " then 0 else least(abs(likely_utc_offset - declared_offset), 24 -"
                    + " abs(likely_utc_offset - declared_offset)) end"))
        .select(
            "network_id",
            "likely_utc_offset",
            "declared_offset",
            "clock_offset_gap_hours",
            "declared_night_share",
            "weekend_share",
            "lunch_dip",
            "hour_entropy",
            "office_share",
            "round_the_clock_share");
  }

  /**
   * Words of selling, in text or in the host of a link: a network that sells is spam or marketing,
   * not an influence operation (which pushes opinions, not products).
   */
  static final String COMMERCIAL_TEXT =
      "(?i)\\b(buy now|discount|coupons?|promo code|giveaway|free"
          + " shipping|casino|bitcoin|crypto|forex|loans?|pills|pharmacy|order now|click here|earn"
          + " money|cashback|\\d+% off|best price)\\b";

  static final String COMMERCIAL_HOST =
      "(shop|store|deal|cheap|discount|coupon|promo|casino|bet|crypto|coin|loan|pill|pharma|gift|bonus|sale)";

  static Dataset<Row> content(Dataset<Row> mp) {
    Dataset<Row> texts =
        mp.filter(col(Post.TEXT).isNotNull())
            .withColumn("norm", TextShingles.normalize(col(Post.TEXT)))
            .withColumn("h", expr("sha2(norm, 256)"))
            .withColumn("copies", expr("count(*) over (partition by network_id, h)"))
            .withColumn("first_word5", expr("substring(norm, 1, 40)"))
            .withColumn("similar", expr("count(*) over (partition by network_id, first_word5)"));
    Dataset<Row> t =
        texts
            .groupBy("network_id")
            .agg(
                share(col("copies").gt(1).or(col("similar").gt(1))).as("near_duplicate_share"),
                expr("count(distinct h) / count(*)").as("distinct_text_ratio"),
                expr("avg(case when lang is null or language is null then null"
                        + " when lang != language then 1.0 else 0 end)")
                    .as("lang_mismatch_share"));
    Column sells =
        coalesce(col(Post.TEXT).rlike(COMMERCIAL_TEXT), lit(false))
            .or(
                coalesce(
                    expr(
                        "exists(urls, u -> "
                            + "regexp_extract(lower(u), '^(?:[a-z]+://)?([^/?#]+)', 1) rlike '"
                            + COMMERCIAL_HOST
                            + "')"),
                    lit(false)));
    Dataset<Row> selling =
        mp.filter(col(Post.TEXT).isNotNull().or(col(Post.URLS).isNotNull()))
            .groupBy("network_id")
            .agg(share(sells).as("commercial_share"));
    Dataset<Row> tags =
        mp.filter(col(Post.HASHTAGS).isNotNull())
            .select(col("network_id"), explode(col(Post.HASHTAGS)).as("tag"))
            .groupBy("network_id", "tag")
            .agg(count("*").as("k"))
            .withColumn("total", expr("sum(k) over (partition by network_id)"))
            .groupBy("network_id")
            .agg(expr("sum(pow(k / total, 2))").as("hashtag_hhi"));
    return t.join(tags, "network_id", "left").join(selling, "network_id", "left");
  }

  /**
   * Links: domain concentration, links to look-alikes of real outlets (a listed spoof, the outlet's
   * name under another TLD, one edit away, or with words added), and links to domains of known
   * indicators of removed campaigns.
   */
  static Dataset<Row> links(Dataset<Row> mp, Sources s) {
    Dataset<Row> hosts =
        mp.filter(col(Post.URLS).isNotNull())
            .select(col("network_id"), explode(col(Post.URLS)).as("url"))
            .withColumn("host", UrlNormalizer.host(col("url")))
            .filter(col("host").notEqual(""));
    Dataset<Row> distinctHosts = hosts.select("host").distinct();
    Dataset<Row> lookalikes = lookalikeHosts(distinctHosts, s.spoofs(), s.outlets());
    Dataset<Row> known =
        s.indicators() == null
            ? distinctHosts.limit(0).withColumn("known", lit(1.0))
            : s.indicators()
                .filter(col("indicator_type").isin("domain", "url"))
                .select(UrlNormalizer.host(col("value")).as("host"))
                .distinct()
                .withColumn("known", lit(1.0));
    // Allowlisted domains (review.allow_domains) never count as look-alikes or indicators.
    Dataset<Row> flagged =
        hosts
            .join(lookalikes, "host", "left")
            .join(known, "host", "left")
            .withColumn("allowed", Reference.isAllowedHost(col("host"), s.allowedDomains()))
            .withColumn("lookalike", when(col("allowed"), lit(null)).otherwise(col("lookalike")))
            .withColumn("known", when(col("allowed"), lit(null)).otherwise(col("known")));
    Dataset<Row> shares =
        flagged
            .groupBy("network_id")
            .agg(
                avg(coalesce(col("lookalike"), lit(0.0))).as("lookalike_link_share"),
                avg(coalesce(col("known"), lit(0.0))).as("known_indicator_link_share"));
    Dataset<Row> hhi =
        hosts
            .groupBy("network_id", "host")
            .agg(count("*").as("k"))
            .withColumn("total", expr("sum(k) over (partition by network_id)"))
            .groupBy("network_id")
            .agg(expr("sum(pow(k / total, 2))").as("domain_hhi"));
    return shares.join(hhi, "network_id");
  }

  /** host, lookalike (1.0): hosts imitating a listed real outlet. */
  public static Dataset<Row> lookalikeHosts(
      Dataset<Row> hosts, Dataset<Row> spoofs, Dataset<Row> outlets) {
    Dataset<Row> listed = hosts.join(broadcast(spoofs.select(col("domain").as("host"))), "host");
    Dataset<Row> byName =
        hosts
            .crossJoin(broadcast(outlets))
            .withColumn("label", expr("regexp_replace(split(host, '\\\\.')[0], '-', '')"))
            .filter(
                expr(
                    "host != outlet and not host like concat('%.', outlet) and ( label = brand or"
                        + " (length(brand) >= 4 and levenshtein(label, brand) = 1) or"
                        + " (length(brand) >= 5 and label like concat(brand, '%') and length(label)"
                        + " <= length(brand) + 3))"))
            .select("host");
    return listed.union(byName).distinct().withColumn("lookalike", lit(1.0));
  }

  static Dataset<Row> interaction(Dataset<Row> mp, Dataset<Row> ma, Sources s) {
    Dataset<Row> authors =
        s.posts()
            .select(col(Post.POST_ID).as("target_id"), col(Post.ACCOUNT_ID).as("target_author"));
    Dataset<Row> memberSet =
        s.members()
            .select(col("account_id").as("target_author"), col("network_id").as("target_network"));
    Dataset<Row> refs =
        mp.filter(col(Post.RESHARE_OF).isNotNull().or(col(Post.REPLY_TO).isNotNull()))
            .withColumn("target_id", coalesce(col(Post.RESHARE_OF), col(Post.REPLY_TO)))
            .join(authors, "target_id", "left")
            .join(memberSet, "target_author", "left")
            .withColumn("inside", col("target_network").equalTo(col("network_id")));
    Dataset<Row> r =
        refs.groupBy("network_id")
            .agg(
                expr("avg(case when reshare_of is null then null when inside then 1.0 else 0 end)")
                    .as("internal_reshare_share"),
                expr("avg(case when reply_to is null then null when inside then 0.0 else 1.0 end)")
                    .as("reply_outsider_share"));
    Dataset<Row> e =
        mp.groupBy("network_id")
            .agg(avg(coalesce(col(Post.LIKE_COUNT), lit(0L))).as("likes"))
            .join(
                ma.groupBy("network_id")
                    .agg(avg(coalesce(col(Account.FOLLOWER_COUNT), lit(0L))).as("followers")),
                "network_id")
            .select(
                col("network_id"), expr("likes / (followers + 1)").as("engagement_per_follower"));
    Dataset<Row> admins =
        ma.filter(col(Account.ADMIN_COUNTRIES).isNotNull())
            .groupBy("network_id")
            .agg(
                share(expr("not array_contains(admin_countries, declared_country)"))
                    .as("admin_country_mismatch_share"));
    return e.join(r, "network_id", "left").join(admins, "network_id", "left");
  }

  /** Money: spend in USD (FX by date), foreign-currency share, funders, targets vs declared. */
  static Dataset<Row> money(Dataset<Row> ma, Sources s) {
    if (s.ads() == null) {
      return ma.select("network_id").distinct();
    }
    Dataset<Row> fx = s.fx();
    Dataset<Row> ads =
        s.ads()
            .join(
                ma.select("account_id", "network_id", Account.DECLARED_COUNTRY, "country_currency"),
                Ad.ACCOUNT_ID)
            .join(
                broadcast(fx.withColumnRenamed("currency", "fx_currency")),
                col(Ad.CURRENCY)
                    .equalTo(col("fx_currency"))
                    .and(col("valid_from").leq(col(Ad.START_DATE))),
                "left")
            .withColumn(
                "r", expr("row_number() over (partition by ad_id order by valid_from desc)"))
            .filter("r = 1")
            // a currency without a rate (XXX, "no currency", or one missing from the FX list) has
            // no
            // amount in USD: its ads count for funders and targets, not for spend
            .withColumn("usd", expr("cast(spend as double) * usd_per_unit"))
            .join(
                broadcast(
                    s.countries()
                        .select(col("country").as("tc"), col("country_currency").as("tcur"))),
                expr("array_contains(target_countries, tc)"),
                "left")
            .groupBy(
                "network_id",
                "ad_id",
                "usd",
                Ad.CURRENCY,
                Ad.FUNDING_ENTITY,
                "country_currency",
                Account.DECLARED_COUNTRY,
                Ad.TARGET_COUNTRIES)
            .agg(expr("collect_set(tcur)").as("target_currencies"));
    return ads.groupBy("network_id")
        .agg(
            expr("log10(1 + coalesce(sum(usd), 0))").as("ad_spend_usd_log"),
            expr("sum(case when currency != coalesce(country_currency, '') and not"
                    + " array_contains(target_currencies, currency) then usd else 0 end) /"
                    + " greatest(sum(usd), 0.01)")
                .as("foreign_currency_spend_share"),
            share(col(Ad.FUNDING_ENTITY).isNull().or(expr("trim(funding_entity) = ''")))
                .as("missing_funder_share"),
            expr("avg(case when target_countries is null or declared_country is null then null when"
                    + " array_contains(target_countries, declared_country) then 0.0 else 1.0 end)")
                .as("target_declared_mismatch_share"));
  }

  /** Structure: each signal's share of the network's edge weight, and edge density. */
  static Dataset<Row> structure(Sources s) {
    Dataset<Row> net = s.members().select("network_id", "account_id");
    Dataset<Row> inside =
        s.edges()
            .join(net.select(col("account_id").as("account_a"), col("network_id")), "account_a")
            .join(
                net.select(col("account_id").as("account_b"), col("network_id").as("nb")),
                "account_b")
            .filter(col("network_id").equalTo(col("nb")));
    List<Column> aggs = new ArrayList<>();
    for (String sig : Signal.ALL) {
      aggs.add(
          sum(when(col("signal").equalTo(sig), col("weight")).otherwise(0.0))
              .divide(sum("weight"))
              .as("w_" + sig));
    }
    aggs.add(countDistinct("account_a", "account_b").as("pairs"));
    Dataset<Row> w =
        inside
            .groupBy("network_id")
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    Dataset<Row> sizes = net.groupBy("network_id").agg(count("*").as("n"));
    return w.join(sizes, "network_id")
        .withColumn("edge_density", expr("pairs / greatest(n * (n - 1) / 2, 1)"))
        .drop("pairs", "n");
  }
}
