package org.cibnet.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.quality.Pseudonymizer;
import org.cibnet.quality.Validation;
import org.cibnet.schema.Schemas;
import org.cibnet.schema.Schemas.Account;
import org.cibnet.schema.Schemas.Ad;
import org.cibnet.schema.Schemas.Post;
import org.cibnet.schema.Schemas.Takedown;
import org.cibnet.spark.Kept;

/**
 * The validated input of a run, limited to the data window (--since/--until) and to what was known
 * before the as-of date. Absent optional datasets are empty frames of their contract schema.
 */
public record Inputs(
    Dataset<Row> posts,
    Dataset<Row> accounts,
    Dataset<Row> ads,
    Dataset<Row> takedowns,
    LocalDate asOf,
    boolean hasAds,
    boolean hasTakedowns,
    Validated validated) {

  /**
   * Everything validate learned: every row read with its reason (null when accepted), the outcomes
   * per dataset, unreadable files and file counts.
   */
  public record Validated(
      Map<String, Validation.Outcome> outcomes,
      Map<String, Dataset<Row>> checked,
      Validation.Outcome postUrls,
      List<InputReader.UnreadableFile> unreadable,
      Map<String, Integer> files,
      Map<String, Map<String, Long>> footerRows) {

    /**
     * The same, with the checked rows kept (spilling to disk) and the outcomes read from them: the
     * rejects, the counts and the accepted rows then share one validation (a Parquet scan and a
     * de-duplicating shuffle per dataset) instead of repeating it for each. Release with {@link
     * #unpersist()} once the accepted rows are kept or written.
     */
    public Validated persisted() {
      Map<String, Dataset<Row>> kept = new LinkedHashMap<>();
      checked.forEach((ds, c) -> kept.put(ds, Kept.keep(c)));
      return of(kept, unreadable, files, footerRows);
    }

    /**
     * The outcomes of checked datasets; posts also lose their malformed URLs (kept in postUrls).
     */
    static Validated of(
        Map<String, Dataset<Row>> checked,
        List<InputReader.UnreadableFile> unreadable,
        Map<String, Integer> files,
        Map<String, Map<String, Long>> footerRows) {
      Map<String, Validation.Outcome> outcomes = new LinkedHashMap<>();
      Validation.Outcome urls = null;
      for (Map.Entry<String, Dataset<Row>> e : checked.entrySet()) {
        Validation.Outcome o = Validation.split(e.getValue(), e.getKey());
        if (e.getKey().equals(Schemas.POSTS)) {
          urls = Validation.splitMalformedUrls(o.accepted());
          o = new Validation.Outcome(urls.accepted(), o.rejected());
        }
        outcomes.put(e.getKey(), o);
      }
      return new Validated(outcomes, checked, urls, unreadable, files, footerRows);
    }

    /** Drops what {@link #persisted()} kept. */
    public void unpersist() {
      checked.values().forEach(Kept::release);
    }
  }

  /** Reads and validates every dataset (no writes), then applies the as-of and window. */
  public static Inputs load(SparkSession spark, JobOptions options, Timestamp runStart) {
    Validated v =
        validate(
            spark,
            options.input(),
            runStart,
            options.settings().getInt(SettingKeys.MIN_YEAR),
            Pseudonymizer.of(options));
    return window(spark, v, options.asOf(), options.since(), options.until());
  }

  public static Validated validate(
      SparkSession spark, String input, Timestamp runStart, int minYear) {
    return validate(spark, input, runStart, minYear, Optional.empty());
  }

  /**
   * As above; with a pseudonymizer, identifying columns are replaced before anything else sees
   * them.
   */
  public static Validated validate(
      SparkSession spark,
      String input,
      Timestamp runStart,
      int minYear,
      Optional<Pseudonymizer> pseudonymizer) {
    Map<String, Dataset<Row>> checked = new LinkedHashMap<>();
    Map<String, Integer> files = new LinkedHashMap<>();
    Map<String, Map<String, Long>> footerRows = new LinkedHashMap<>();
    List<InputReader.UnreadableFile> unreadable = new ArrayList<>();
    for (String ds : List.of(Schemas.POSTS, Schemas.ACCOUNTS, Schemas.ADS, Schemas.TAKEDOWNS)) {
      InputReader.ReadResult r = InputReader.read(spark, input, ds);
      unreadable.addAll(r.unreadable());
      files.put(ds, r.files());
      footerRows.put(ds, r.footerRows());
      if (r.rows() == null) {
        continue;
      }
      Dataset<Row> rows = pseudonymizer.map(p -> p.apply(r.rows(), ds)).orElse(r.rows());
      checked.put(ds, Validation.check(rows, ds, runStart, minYear));
    }
    return Validated.of(checked, unreadable, files, footerRows);
  }

  public static Inputs window(
      SparkSession spark,
      Validated v,
      Optional<LocalDate> asOfOption,
      Optional<LocalDate> since,
      Optional<LocalDate> until) {
    Dataset<Row> posts = clean(spark, v, Schemas.POSTS);
    Dataset<Row> accounts = clean(spark, v, Schemas.ACCOUNTS);
    Dataset<Row> ads = clean(spark, v, Schemas.ADS);
    Dataset<Row> takedowns = clean(spark, v, Schemas.TAKEDOWNS);

    if (since.isPresent()) {
      posts = posts.filter(col(Post.CREATED_AT).geq(lit(Date.valueOf(since.get()))));
      ads = ads.filter(col(Ad.START_DATE).geq(lit(Date.valueOf(since.get()))));
    }
    if (until.isPresent()) {
      Date end = Date.valueOf(until.get().plusDays(1));
      posts = posts.filter(col(Post.CREATED_AT).lt(lit(end)));
      ads = ads.filter(col(Ad.START_DATE).lt(lit(end)));
    }
    Dataset<Row> windowed = posts;
    LocalDate asOf = asOfOption.orElseGet(() -> dayAfterLatestPost(windowed));
    Date cut = Date.valueOf(asOf);
    // Only what existed before the as-of date: posts, accounts, ads and takedowns alike.
    posts = posts.filter(col(Post.CREATED_AT).lt(lit(cut)));
    accounts =
        accounts.filter(col(Account.CREATED_AT).isNull().or(col(Account.CREATED_AT).lt(lit(cut))));
    ads = ads.filter(col(Ad.START_DATE).lt(lit(cut)));
    takedowns = takedowns.filter(col(Takedown.TAKEDOWN_DATE).lt(lit(cut)));
    return new Inputs(
        posts,
        accounts,
        ads,
        takedowns,
        asOf,
        v.outcomes().containsKey(Schemas.ADS),
        v.outcomes().containsKey(Schemas.TAKEDOWNS),
        v);
  }

  /**
   * The same inputs kept in memory (spilling to disk): the pipeline's stages and the features' many
   * joins read the validated posts several times, and validating them again each time (a Parquet
   * scan and a de-duplicating shuffle) cost about as much as the join itself.
   */
  public Inputs persisted() {
    return new Inputs(
        Kept.keep(posts),
        Kept.keep(accounts),
        Kept.keep(ads),
        takedowns,
        asOf,
        hasAds,
        hasTakedowns,
        validated);
  }

  /**
   * Fills what {@link #persisted()} keeps now (a count each), so that what the rows were computed
   * from, such as {@link Validated#persisted()}, can be released.
   */
  public Inputs materialized() {
    posts.count();
    accounts.count();
    ads.count();
    return this;
  }

  /**
   * Fails when no post is left to analyse after the as-of date and the data window: a run that
   * could only be empty must not succeed.
   */
  public Inputs requirePosts(Optional<LocalDate> since, Optional<LocalDate> until) {
    if (posts.isEmpty()) {
      throw Errors.noPostsInWindow(
          asOf.toString(),
          since.map(Object::toString).orElse(null),
          until.map(Object::toString).orElse(null));
    }
    return this;
  }

  /** Whether the posts are already kept (by a caller that owns them, such as the pipeline). */
  public boolean isPersisted() {
    return !Kept.storageLevel(posts).equals(StorageLevel.NONE());
  }

  /** Drops what {@link #persisted()} kept. */
  public void unpersist() {
    Kept.release(posts);
    Kept.release(accounts);
    Kept.release(ads);
  }

  /** docs/contract.md: as_of defaults to the day after the latest post, never to the clock. */
  public static LocalDate dayAfterLatestPost(Dataset<Row> posts) {
    Row r = posts.agg(max(col(Post.CREATED_AT))).first();
    if (r.isNullAt(0)) {
      return LocalDate.of(2004, 1, 1);
    }
    Timestamp t = r.getTimestamp(0);
    return t.toInstant().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
  }

  /** Accepted rows in the contract's columns (extras dropped downstream of validate). */
  private static Dataset<Row> clean(SparkSession spark, Validated v, String dataset) {
    Validation.Outcome o = v.outcomes().get(dataset);
    if (o == null) {
      return spark.createDataFrame(List.of(), Schemas.INPUTS.get(dataset));
    }
    Column[] cols =
        Arrays.stream(Schemas.INPUTS.get(dataset).fieldNames())
            .map(c -> col(c))
            .toArray(Column[]::new);
    return o.accepted().select(cols);
  }
}
