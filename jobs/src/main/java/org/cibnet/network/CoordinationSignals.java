package org.cibnet.network;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.schema.Schemas.Account;
import org.cibnet.schema.Schemas.Ad;
import org.cibnet.schema.Schemas.Post;
import org.cibnet.spark.Cols;
import org.cibnet.spark.Kept;

/**
 * Turns posts, accounts and ads into the actions and assets that coordination signals compare.
 * Every output has the same shape: signal, object (what is shared), account_id, evidence (the post
 * or asset a person can check) and ts (epoch seconds; null for assets without time).
 */
public final class CoordinationSignals {
  private CoordinationSignals() {}

  public static final String SIGNAL = "signal";
  public static final String OBJECT = "object";
  public static final String ACCOUNT = "account_id";
  public static final String EVIDENCE = "evidence";
  public static final String TS = "ts";

  /** Prefix of mirrored-persona objects that are handles. */
  public static final String HANDLE_KEY = "handle:";

  /** The common columns of an action, then any columns of the signal's own. */
  private static Dataset<Row> actions(
      Dataset<Row> posts, String signal, Column object, Column... own) {
    List<Column> columns =
        new ArrayList<>(
            List.of(
                lit(signal).as(SIGNAL),
                object.as(OBJECT),
                col(Post.ACCOUNT_ID).as(ACCOUNT),
                col(Post.POST_ID).as(EVIDENCE),
                unix_seconds(col(Post.CREATED_AT)).as(TS)));
    columns.addAll(List.of(own));
    return posts.select(columns.toArray(Column[]::new));
  }

  /** co-link: the same normalised URL. */
  public static Dataset<Row> links(Dataset<Row> posts) {
    Dataset<Row> withUrls = posts.filter(col(Post.URLS).isNotNull());
    return actions(
            withUrls,
            Signal.CO_LINK,
            explode(array_distinct(UrlNormalizer.normalizeAll(col(Post.URLS)))))
        .filter(col(OBJECT).isNotNull().and(col(OBJECT).notEqual("")));
  }

  /** co-reshare: resharing the same post. */
  public static Dataset<Row> reshares(Dataset<Row> posts) {
    return actions(
        posts.filter(col(Post.RESHARE_OF).isNotNull()), Signal.CO_RESHARE, col(Post.RESHARE_OF));
  }

  /** co-reply: replying to the same post. */
  public static Dataset<Row> replies(Dataset<Row> posts) {
    return actions(
        posts.filter(col(Post.REPLY_TO).isNotNull()), Signal.CO_REPLY, col(Post.REPLY_TO));
  }

  /**
   * Posts with a hash of their normalised text (text_key) and their shingles as 64-bit hashes;
   * posts too short to judge are left out. Only hashes are kept: this is cached and shuffled.
   */
  public static Dataset<Row> shingled(Dataset<Row> posts, int minShingles) {
    return posts
        .filter(col(Post.TEXT).isNotNull().and(col(Post.RESHARE_OF).isNull()))
        .select(
            col(Post.POST_ID),
            col(Post.ACCOUNT_ID),
            col(Post.CREATED_AT),
            TextShingles.normalize(col(Post.TEXT)).as("norm"))
        .select(
            col(Post.POST_ID),
            col(Post.ACCOUNT_ID),
            col(Post.CREATED_AT),
            sha2(col("norm"), 256).as("text_key"),
            TextShingles.shingleHashes(col("norm")).as(SHINGLES))
        .filter(col(SHINGLES).isNotNull().and(size(col(SHINGLES)).geq(minShingles)));
  }

  /** co-text: identical normalised text. */
  public static Dataset<Row> identicalText(Dataset<Row> shingled) {
    return actions(shingled, Signal.CO_TEXT, col("text_key"));
  }

  /**
   * Each post's MinHash signature cut into LSH bands: post_id, account_id, created_at, shingles and
   * band_hashes (one 64-bit hash per band). Kept: the band keys and the details read it.
   */
  public static Dataset<Row> nearTextSignatures(Dataset<Row> shingled, int bands, int rows) {
    return shingled
        .select(
            col(Post.POST_ID),
            col(Post.ACCOUNT_ID),
            col(Post.CREATED_AT),
            col(SHINGLES),
            TextShingles.lshBandHashes(col(SHINGLES), bands, rows).as(BAND_HASHES))
        .transform(Kept::keep);
  }

  /**
   * What near-text pairing reads of a post beyond its band action: its whole signature (for {@link
   * #earlierBandKeys}) and its shingles (for the Jaccard check), by evidence. Joined only to the
   * band actions that can pair: carried by every band action, each post's shingles were copied into
   * every shuffle and kept copy of its twelve bands.
   */
  public static Dataset<Row> nearTextDetails(Dataset<Row> signatures) {
    return signatures.select(col(Post.POST_ID).as(EVIDENCE), col(BAND_HASHES), col(SHINGLES));
  }

  /**
   * near-text blocking keys: LSH bands of the MinHash signature, as actions on the object
   * "band:hash" that also carry their band. Posts sharing a band are candidates; the pair builder
   * keeps those whose real Jaccard reaches the threshold (with {@link #nearTextDetails}; see {@link
   * PairBuilder#nearDuplicatesInWindow}).
   *
   * <p>Only keys that at least two posts hold come out. Most keys are one post's own: they are
   * counted and dropped as one long per key, before any key is spelled out as a string or kept,
   * rather than shuffling every post's keys to find the few that pair.
   */
  public static Dataset<Row> nearTextBands(Dataset<Row> signatures) {
    return nearTextBands(signatures, BROADCAST_MAX_KEYS);
  }

  static Dataset<Row> nearTextBands(Dataset<Row> signatures, long broadcastMaxKeys) {
    Dataset<Row> keys =
        signatures
            .select(
                col(Post.POST_ID),
                col(Post.ACCOUNT_ID),
                col(Post.CREATED_AT),
                posexplode(col(BAND_HASHES)).as(new String[] {BAND, "band_hash"}))
            .withColumn(BAND_KEY, xxhash64(col(BAND), col("band_hash")));
    // Counted as one long, a hash of (band, band hash), rather than as an int and a long. Two keys
    // whose hashes collide both pass as shared; each is still spelled by its own band and hash, so
    // it is an object acted on once and pairs nothing.
    Dataset<Row> shared =
        keys.groupBy(BAND_KEY)
            .agg(count("*").as("n"))
            .filter(col("n").gt(1))
            .drop("n")
            .transform(Kept::keep);
    // The shared keys are far fewer than the posts' keys. Up to broadcastMaxKeys they are sent to
    // every task as a hash table and the posts' keys are not shuffled; beyond that they are joined
    // by hash partitions.
    Dataset<Row> sharedKeys =
        keys.join(
            shared.count() <= broadcastMaxKeys
                ? shared.hint("broadcast")
                : shared.hint("shuffle_hash"),
            Cols.seq(BAND_KEY),
            "left_semi");
    // Long.toHexString's spelling: Spark's hex of a long is the same digits in upper case
    return actions(
        sharedKeys,
        Signal.NEAR_TEXT,
        concat(col(BAND).cast("string"), lit(":"), lower(hex(col("band_hash")))),
        col(BAND));
  }

  private static final String BAND_KEY = "band_key";

  /** Column of near-text actions beyond the common ones: the band of the key. */
  public static final String BAND = "band";

  public static final String BAND_HASHES = "band_hashes";

  /** The post's shingle hashes: sorted, distinct (see {@link TextShingles#shingleHashes}). */
  public static final String SHINGLES = "shingles";

  /**
   * Shared near-text keys sent to every task rather than shuffled against: at most about 70 bytes
   * each as a hash table (one long per key, stored as key and row), so at most ~140 MB.
   */
  static final long BROADCAST_MAX_KEYS = 2_000_000L;

  /**
   * For {@link PairBuilder.Pairing}: the object keys of the post's bands before this action's band.
   * Two identical posts share every band; each pair of posts is then paired on the first band that
   * pairs them only, instead of once per band and made distinct later.
   */
  public static Column earlierBandKeys(int bands) {
    Column[] keys = new Column[bands];
    for (int j = 0; j < bands; j++) {
      // the object of the band's action, as nearTextBands spells it
      keys[j] =
          PairBuilder.objectKey(
              lit(Signal.NEAR_TEXT), concat(lit(j + ":"), lower(hex(col(BAND_HASHES).getItem(j)))));
    }
    return slice(array(keys), lit(1), col(BAND));
  }

  /**
   * hashtag set: the same set of at least minTags hashtags (in any order) on the same day. A
   * campaign repeats one set day after day, so the object is the set and the day: support then
   * counts the days two accounts pushed it together, as it counts distinct links for co-link.
   */
  public static Dataset<Row> hashtagSets(Dataset<Row> posts, int minTags) {
    Column set =
        sort_array(
            array_distinct(filter(col(Post.HASHTAGS), h -> h.isNotNull().and(h.notEqual("")))));
    return actions(
        posts
            .filter(col(Post.HASHTAGS).isNotNull())
            .withColumn("tagset", set)
            .filter(size(col("tagset")).geq(minTags)),
        Signal.HASHTAG_SET,
        concat(
            array_join(col("tagset"), " "),
            lit("@"),
            to_date(col(Post.CREATED_AT)).cast("string")));
  }

  private static Dataset<Row> assets(
      Dataset<Row> rows, String signal, Column object, Column evidence) {
    return rows.select(
            lit(signal).as(SIGNAL),
            object.as(OBJECT),
            col(Account.ACCOUNT_ID).as(ACCOUNT),
            evidence.as(EVIDENCE),
            lit(null).cast("long").as(TS))
        .filter(col(OBJECT).isNotNull().and(col(OBJECT).notEqual("")));
  }

  /**
   * shared photo: pigeonhole bands of the 64-bit hash. Two hashes within Hamming distance k agree
   * on at least one of k+1 bands, so each band value is a blocking key; PairBuilder verifies.
   */
  public static Dataset<Row> photoBands(Dataset<Row> accounts, int maxHamming) {
    int bands = maxHamming + 1;
    int width = 64 / bands;
    Dataset<Row> withHash = accounts.filter(col(Account.PROFILE_IMAGE_HASH).isNotNull());
    List<Column> keys = new ArrayList<>();
    for (int b = 0; b < bands; b++) {
      int shift = b * width;
      int bits = b == bands - 1 ? 64 - shift : width;
      long mask = bits == 64 ? -1L : (1L << bits) - 1;
      keys.add(
          concat(
              lit(b + ":"),
              col(Account.PROFILE_IMAGE_HASH).bitwiseAND(lit(mask << shift)).cast("string")));
    }
    Dataset<Row> banded = withHash.withColumn("band", explode(array(keys.toArray(Column[]::new))));
    return assets(
        banded, Signal.SHARED_PHOTO, col("band"), col(Account.PROFILE_IMAGE_HASH).cast("string"));
  }

  /** mirrored persona: the same handle, website host or bio (long enough to be a template). */
  public static Dataset<Row> personas(Dataset<Row> accounts) {
    Column handle = lower(regexp_replace(col(Account.HANDLE), "^@", ""));
    Column site = UrlNormalizer.host(col(Account.WEBSITE));
    Column bio = trim(regexp_replace(lower(col(Account.BIO)), "[^\\p{L}\\p{N}]+", " "));
    return assets(accounts, Signal.MIRRORED_PERSONA, concat(lit(HANDLE_KEY), handle), handle)
        .union(
            assets(
                accounts.filter(col(Account.WEBSITE).isNotNull()),
                Signal.MIRRORED_PERSONA,
                concat(lit("site:"), site),
                site))
        .union(
            assets(
                accounts.filter(length(bio).geq(25)),
                Signal.MIRRORED_PERSONA,
                concat(lit("bio:"), sha2(bio, 256)),
                col(Account.BIO)));
  }

  /** shared payer: the same normalised funding entity, or ads landing on the same domain. */
  public static Dataset<Row> payers(Dataset<Row> ads) {
    Column funder =
        trim(
            regexp_replace(
                regexp_replace(lower(col(Ad.FUNDING_ENTITY)), "[^\\p{L}\\p{N}]+", " "),
                "\\b(llc|ltd|inc|gmbh|s a|sa|ooo|co|corp|limited)\\b",
                ""));
    Dataset<Row> byFunder =
        assets(
            ads.filter(col(Ad.FUNDING_ENTITY).isNotNull()),
            Signal.SHARED_PAYER,
            concat(lit("funder:"), regexp_replace(funder, "\\s+", " ")),
            col(Ad.AD_ID));
    Dataset<Row> byLanding =
        assets(
            ads.filter(col(Ad.AD_URLS).isNotNull())
                .select(
                    col(Ad.ACCOUNT_ID),
                    col(Ad.AD_ID),
                    explode(array_distinct(transform(col(Ad.AD_URLS), UrlNormalizer::host)))
                        .as("landing")),
            Signal.SHARED_PAYER,
            concat(lit("landing:"), col("landing")),
            col(Ad.AD_ID));
    return byFunder.union(byLanding);
  }
}
