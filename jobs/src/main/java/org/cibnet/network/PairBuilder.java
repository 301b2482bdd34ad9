package org.cibnet.network;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.arrays_overlap;
import static org.apache.spark.sql.functions.bit_count;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.cibnet.schema.Schemas.NetworkFrames;
import org.cibnet.spark.Cols;
import org.cibnet.spark.Kept;

/**
 * Builds account pairs from shared objects without comparing all pairs. Co-actions are blocked by
 * (object, time bucket of one window) and joined only to the same and the next bucket; a blocking
 * key with more accounts than the cap is recorded as a burst instead of enumerated, so one viral
 * URL shared by a million accounts costs a million rows, not a trillion pairs.
 */
public final class PairBuilder {
  private PairBuilder() {}

  /**
   * Candidate pairs of one signal, the bursts it skipped and how many pairs it considered.
   * `onePerActionPair`: each pair of actions comes out once, even when they share several keys (see
   * {@link #windowed(Dataset, long, long, Pairing)}).
   */
  public record Pairs(
      Dataset<Row> pairs, Dataset<Row> bursts, Dataset<Row> considered, boolean onePerActionPair) {
    public Pairs(Dataset<Row> pairs, Dataset<Row> bursts, Dataset<Row> considered) {
      this(pairs, bursts, considered, false);
    }
  }

  /** Columns of a pair of actions. */
  static final String A = "account_a";

  static final String B = "account_b";

  /**
   * Pairs name the object they share by a 64-bit hash of (signal, object): the object strings
   * (URLs, text hashes, band keys; 28 characters on average) made up a third of every pair row that
   * the self-join, the shuffles and the sorts of edges carry. Two objects whose hashes collide
   * count as one; among 10M objects the chance that any two do is about 3 in a million (n^2 /
   * 2^65), as for the 64-bit shingle hashes.
   */
  public static final String OBJECT_KEY = "object_key";

  static Column objectKey(Column signal, Column object) {
    return xxhash64(signal, object);
  }

  /**
   * Pairs of actions on the same object by different accounts at most `window` seconds apart
   * (inclusive). Output: signal, object_key, account_a &lt; account_b, evidence_a/b, ts_a/b.
   */
  public static Pairs windowed(Dataset<Row> actions, long window, long cap) {
    return windowed(actions, window, cap, Pairing.ALL);
  }

  /**
   * How {@link #windowed(Dataset, long, long, Pairing)} pairs actions beyond the shared key and the
   * window, each part optional (null):
   *
   * <ul>
   *   <li>`details`: per evidence (column "evidence"), columns the two conditions read, joined only
   *       to the actions that can pair, so that the blocking steps do not carry them;
   *   <li>`earlierKeys`, an expression over an action (and its details): the object keys (as {@link
   *       #objectKey}) of the other actions of its evidence that come before it, for actions that
   *       share several keys with each other (a post's twelve near-text bands). A pair of actions
   *       that also shares one of those keys is left to that key, so that it comes out once, unless
   *       that key is a burst (it pairs nobody): each action's burst keys are taken out of its
   *       earlier keys first;
   *   <li>`similar`: a condition over the two actions of a pair ("l.x", "r.x"), checked in the
   *       join. The pairs considered still count every candidate;
   *   <li>`objectsRepeat`: the caller kept only objects acted on at least twice (near-text's band
   *       keys are filtered so, as numbers, before they are spelled out), so the builder does not
   *       look for objects acted on once again.
   * </ul>
   */
  public record Pairing(
      Dataset<Row> details, Column earlierKeys, Column similar, boolean objectsRepeat) {
    /** Every pair of actions on a key within the window. */
    public static final Pairing ALL = new Pairing(null, null, null);

    public Pairing(Dataset<Row> details, Column earlierKeys, Column similar) {
      this(details, earlierKeys, similar, false);
    }
  }

  /** As {@link #windowed(Dataset, long, long)}, pairing as `pairing` says. */
  public static Pairs windowed(Dataset<Row> actions, long window, long cap, Pairing pairing) {
    Blocked blocked = block(actions, window, cap, pairing);
    Dataset<Row> kept = blocked.kept();
    if (pairing.details() != null) {
      // Both sides of the self-join read it: with the details joined it costs too much to build
      // twice.
      kept = kept.transform(Kept::keep);
    }
    Dataset<Row> left = kept.drop("has_previous").alias("l");
    // the right side also joins the previous bucket, when that bucket has a key to meet
    Dataset<Row> right =
        kept.withColumn(
                "join_bucket",
                explode(
                    when(col("has_previous"), array(col("bucket"), col("bucket").minus(1)))
                        .otherwise(array(col("bucket")))))
            .drop("has_previous")
            .alias("r");
    Column sameKey =
        col("l." + OBJECT_KEY)
            .equalTo(col("r." + OBJECT_KEY))
            .and(col("l.bucket").equalTo(col("r.join_bucket")));
    // Each unordered pair once: the right side is later by bucket, or in the same bucket with the
    // larger account id.
    Column once =
        col("l.bucket")
            .lt(col("r.bucket"))
            .or(
                col("l.bucket")
                    .equalTo(col("r.bucket"))
                    .and(col("l.account_id").lt(col("r.account_id"))));
    Column pairCondition =
        sameKey
            .and(col("l.account_id").notEqual(col("r.account_id")))
            .and(once)
            .and(abs(col("l.ts").minus(col("r.ts"))).leq(window));
    boolean onePerActionPair = pairing.earlierKeys() != null;
    if (onePerActionPair) {
      // Two arrays of a few longs each: compiled into the join, unlike a lambda per band.
      pairCondition =
          pairCondition.and(
              not(coalesce(arrays_overlap(col("l." + EARLIER), col("r." + EARLIER)), lit(false))));
    }
    if (pairing.similar() != null) {
      pairCondition = pairCondition.and(pairing.similar());
    }
    Dataset<Row> pairs =
        left.join(right, pairCondition)
            .select(
                orderedPair(
                    col("l.signal"),
                    col("l." + OBJECT_KEY),
                    c -> col("l." + c),
                    c -> col("r." + c)));
    return new Pairs(pairs, blocked.bursts(), blocked.considered(), onePerActionPair);
  }

  /**
   * Near-duplicate text: as {@link #windowed(Dataset, long, long, Pairing)} with a pairing whose
   * details carry each post's shingles ({@link CoordinationSignals#SHINGLES}) and whose `similar`
   * is left out, keeping the pairs whose shingle sets reach a Jaccard index of `jaccard`. The same
   * pairs, found by one pass over each key's actions in time order ({@link NearDuplicateScan})
   * instead of a self-join: a key held by a few hundred posts of one operation in an hour is most
   * of near-text's candidates, and the join evaluated each of them twice, once per order.
   */
  public static Pairs nearDuplicatesInWindow(
      Dataset<Row> bandActions, long window, long cap, Pairing pairing, double jaccard) {
    if (pairing.similar() != null || pairing.details() == null) {
      throw new IllegalArgumentException(
          "near-duplicate pairing reads the shingles from its details and checks them itself");
    }
    Blocked blocked = block(bandActions, window, cap, pairing);
    Dataset<Row> kept = blocked.kept();
    if (pairing.earlierKeys() == null) {
      kept = kept.withColumn(EARLIER, lit(null).cast("array<bigint>"));
    }
    Dataset<Row> scanned =
        kept.select(Arrays.stream(NearDuplicateScan.INPUT).map(c -> col(c)).toArray(Column[]::new))
            .filter(col(CoordinationSignals.TS).isNotNull())
            .repartition(col(OBJECT_KEY))
            .sortWithinPartitions(OBJECT_KEY, CoordinationSignals.TS, CoordinationSignals.EVIDENCE)
            .mapPartitions(
                new NearDuplicateScan(window, jaccard), Encoders.row(NetworkFrames.SCANNED_PAIRS));
    Dataset<Row> pairs =
        scanned.select(
            orderedPair(
                col(CoordinationSignals.SIGNAL),
                col(OBJECT_KEY),
                c -> col(c + "_l"),
                c -> col(c + "_r")));
    return new Pairs(pairs, blocked.bursts(), blocked.considered(), pairing.earlierKeys() != null);
  }

  /**
   * A pair's columns with account_a &lt; account_b, each account's evidence and time beside it: `l`
   * and `r` name a column (account_id, evidence, ts) of either action.
   */
  private static Column[] orderedPair(
      Column signal, Column objectKey, Function<String, Column> l, Function<String, Column> r) {
    Column lAccount = l.apply(CoordinationSignals.ACCOUNT);
    Column rAccount = r.apply(CoordinationSignals.ACCOUNT);
    Column aIsLeft = lAccount.lt(rAccount);
    return new Column[] {
      signal.as(CoordinationSignals.SIGNAL),
      objectKey.as(OBJECT_KEY),
      least(lAccount, rAccount).as(A),
      greatest(lAccount, rAccount).as(B),
      when(aIsLeft, l.apply(CoordinationSignals.EVIDENCE))
          .otherwise(r.apply(CoordinationSignals.EVIDENCE))
          .as("evidence_a"),
      when(aIsLeft, r.apply(CoordinationSignals.EVIDENCE))
          .otherwise(l.apply(CoordinationSignals.EVIDENCE))
          .as("evidence_b"),
      when(aIsLeft, l.apply(CoordinationSignals.TS))
          .otherwise(r.apply(CoordinationSignals.TS))
          .as("ts_a"),
      when(aIsLeft, r.apply(CoordinationSignals.TS))
          .otherwise(l.apply(CoordinationSignals.TS))
          .as("ts_b")
    };
  }

  /**
   * The actions that can pair, with what pairing reads, and the keys' bursts and pairs considered.
   */
  private record Blocked(Dataset<Row> kept, Dataset<Row> bursts, Dataset<Row> considered) {}

  /**
   * Blocks actions by (object, bucket of one window): the keys with more accounts than the cap are
   * bursts, the others count their pairs considered, and the actions of keys that can pair come out
   * with has_previous, bucket, object_key, the details and the earlier keys.
   */
  private static Blocked block(Dataset<Row> actions, long window, long cap, Pairing pairing) {
    Dataset<Row> withBucket =
        actions
            .withColumn("bucket", floor(col(CoordinationSignals.TS).divide(window)))
            .withColumn(
                OBJECT_KEY,
                objectKey(col(CoordinationSignals.SIGNAL), col(CoordinationSignals.OBJECT)))
            .transform(Kept::keep);
    // Used for the key sizes, the pairs and the count of pairs considered: computed once.
    Dataset<Row> bucketed = pairing.objectsRepeat() ? withBucket : repeatedOnly(withBucket);
    // Accounts and actions per blocking key in two plain aggregations (countDistinct next to
    // count(*) expands every row twice), kept: bursts, allowed keys and pairs considered read it.
    // The object itself is kept only here, for the bursts.
    Dataset<Row> keys =
        bucketed
            .groupBy(
                OBJECT_KEY,
                CoordinationSignals.SIGNAL,
                CoordinationSignals.OBJECT,
                "bucket",
                CoordinationSignals.ACCOUNT)
            .agg(count("*").as("n"))
            .groupBy(OBJECT_KEY, CoordinationSignals.SIGNAL, CoordinationSignals.OBJECT, "bucket")
            .agg(count("*").as("n_accounts"), sum("n").as("n_actions"))
            .transform(Kept::keep);
    Dataset<Row> bursts =
        keys.filter(col("n_accounts").gt(cap))
            .select(
                col(CoordinationSignals.SIGNAL),
                col(CoordinationSignals.OBJECT),
                timestamp_seconds(col("bucket").multiply(window)).as("window_start"),
                col("n_accounts"),
                col("n_actions"));
    // Pairs considered: within a bucket c(c-1)/2, plus c_b * c_{b+1} with the next bucket (the
    // next allowed key of the same object, when it is the adjacent bucket).
    WindowSpec byObject = Window.partitionBy(OBJECT_KEY).orderBy("bucket");
    Column next =
        when(
                lead("bucket", 1).over(byObject).equalTo(col("bucket").plus(1)),
                lead("n_actions", 1).over(byObject))
            .otherwise(lit(0L));
    Column previous =
        coalesce(lag("bucket", 1).over(byObject).equalTo(col("bucket").minus(1)), lit(false));
    // Kept: read by the count of pairs considered and by the filter of pairable keys below.
    Dataset<Row> allowed =
        keys.filter(col("n_accounts").leq(cap))
            .withColumn("next", next)
            .withColumn("has_previous", previous)
            .transform(Kept::keep);
    Dataset<Row> considered =
        allowed
            .groupBy(CoordinationSignals.SIGNAL)
            .agg(
                sum(col("n_actions")
                        .multiply(col("n_actions").minus(1))
                        .divide(2)
                        .plus(col("n_actions").multiply(col("next"))))
                    .cast("long")
                    .as("pairs_considered"));
    // Only keys that can pair go into the self-join: two accounts in the bucket, or an allowed
    // key in an adjacent bucket: an object's actions hours apart do not go through the join.
    Dataset<Row> pairable =
        allowed
            .filter(col("n_accounts").geq(2).or(col("next").gt(0)).or(col("has_previous")))
            .select(OBJECT_KEY, "bucket", "has_previous");
    // (object_key, bucket) is unique in pairable (barring a key collision, see OBJECT_KEY): the
    // inner join only filters and adds has_previous
    Dataset<Row> kept =
        bucketed.drop(CoordinationSignals.OBJECT).join(pairable, Cols.seq(OBJECT_KEY, "bucket"));
    if (pairing.details() != null) {
      kept = kept.join(pairing.details(), Cols.seq(CoordinationSignals.EVIDENCE));
    }
    if (pairing.earlierKeys() != null) {
      kept = withEarlierKeys(kept, pairing.earlierKeys(), bucketed, keys, cap);
    }
    return new Blocked(kept, bursts, considered);
  }

  /**
   * The actions on objects acted on at least twice: an object acted on once pairs with nothing and
   * adds no pair considered, and such actions (most URLs, each post's own text) are dropped before
   * the keys are sorted. A hash join on the repeated keys: a merge join would sort every action
   * only to drop most of them.
   */
  private static Dataset<Row> repeatedOnly(Dataset<Row> actions) {
    Dataset<Row> repeated =
        actions.groupBy(OBJECT_KEY).agg(count("*").as("n")).filter(col("n").gt(1)).drop("n");
    return actions
        .join(repeated.hint("shuffle_hash"), Cols.seq(OBJECT_KEY), "left_semi")
        .transform(Kept::keep);
  }

  static final String EARLIER = "earlier_keys";

  /**
   * The kept actions with their earlier keys that pair (see {@link Pairing}): computed once per
   * action rather than once per candidate pair.
   */
  private static Dataset<Row> withEarlierKeys(
      Dataset<Row> kept, Column earlierKeys, Dataset<Row> bucketed, Dataset<Row> keys, long cap) {
    Dataset<Row> withEarlier = kept.withColumn(EARLIER, earlierKeys);
    Dataset<Row> burstKeys =
        bucketed
            .join(
                keys.filter(col("n_accounts").gt(cap)).select(OBJECT_KEY, "bucket"),
                Cols.seq(OBJECT_KEY, "bucket"),
                "left_semi")
            .groupBy(CoordinationSignals.EVIDENCE)
            .agg(collect_set(OBJECT_KEY).as("burst_keys"))
            .transform(Kept::keep);
    long holders = burstKeys.count();
    if (holders == 0) {
      return withEarlier;
    }
    // Few evidences hold a burst key: sent to every task unless there are many.
    Dataset<Row> holding =
        holders <= BROADCAST_MAX_BURST_HOLDERS ? burstKeys.hint("broadcast") : burstKeys;
    return withEarlier
        .join(holding, Cols.seq(CoordinationSignals.EVIDENCE), "left")
        .withColumn(
            EARLIER,
            when(col("burst_keys").isNull(), col(EARLIER))
                .otherwise(array_except(col(EARLIER), col("burst_keys"))))
        .drop("burst_keys");
  }

  /** Evidences with a burst key sent to every task: at most ~100 bytes each. */
  private static final long BROADCAST_MAX_BURST_HOLDERS = 1_000_000L;

  /** Pairs of accounts holding the same asset (no time window); crowded assets are bursts. */
  public static Pairs assets(Dataset<Row> assets, long cap) {
    // Both read three times (keys, pairs, pairs considered): persona assets are unions of scans of
    // the accounts, recomputed once per use without this.
    Dataset<Row> distinct =
        assets
            .groupBy(
                CoordinationSignals.SIGNAL, CoordinationSignals.OBJECT, CoordinationSignals.ACCOUNT)
            .agg(min(CoordinationSignals.EVIDENCE).as(CoordinationSignals.EVIDENCE))
            .withColumn(
                OBJECT_KEY,
                objectKey(col(CoordinationSignals.SIGNAL), col(CoordinationSignals.OBJECT)))
            .transform(Kept::keep);
    // Keys are joined by their 64-bit hash (see OBJECT_KEY), not by the strings: the semi-join
    // and the self-join then sort one long per row.
    Dataset<Row> keys =
        distinct
            .groupBy(OBJECT_KEY, CoordinationSignals.SIGNAL, CoordinationSignals.OBJECT)
            .agg(count("*").as("n_accounts"))
            .transform(Kept::keep);
    Dataset<Row> bursts =
        keys.filter(col("n_accounts").gt(cap))
            .select(
                col(CoordinationSignals.SIGNAL),
                col(CoordinationSignals.OBJECT),
                lit(null).cast("timestamp").as("window_start"),
                col("n_accounts"),
                col("n_accounts").as("n_actions"));
    Dataset<Row> allowedKeys = keys.filter(col("n_accounts").leq(cap));
    Dataset<Row> considered =
        allowedKeys
            .groupBy(CoordinationSignals.SIGNAL)
            .agg(
                sum(col("n_accounts").multiply(col("n_accounts").minus(1)).divide(2))
                    .cast("long")
                    .as("pairs_considered"));
    Dataset<Row> kept =
        distinct.join(
            allowedKeys.select(OBJECT_KEY).hint("shuffle_hash"), Cols.seq(OBJECT_KEY), "left_semi");
    Dataset<Row> l = kept.alias("l");
    Dataset<Row> r = kept.alias("r");
    Dataset<Row> pairs =
        l.join(
                r,
                col("l." + OBJECT_KEY)
                    .equalTo(col("r." + OBJECT_KEY))
                    .and(col("l.account_id").lt(col("r.account_id"))))
            .select(
                col("l.signal").as(CoordinationSignals.SIGNAL),
                col("l." + OBJECT_KEY).as(OBJECT_KEY),
                col("l.account_id").as(A),
                col("r.account_id").as(B),
                col("l.evidence").as("evidence_a"),
                col("r.evidence").as("evidence_b"),
                lit(null).cast("long").as("ts_a"),
                lit(null).cast("long").as("ts_b"));
    return new Pairs(pairs, bursts, considered);
  }

  /**
   * Near-duplicate text: pairs of posts already verified in {@link #windowed(Dataset, long, long,
   * Pairing)} (or {@link #nearDuplicatesInWindow}). The shared object of a pair is the smaller
   * representative post of the two (each post's representative is the least post id among itself
   * and its near-duplicates).
   */
  public static Dataset<Row> nearDuplicates(Pairs verifiedPairs) {
    return nearDuplicates(verifiedPairs, BROADCAST_MAX_REPS);
  }

  static Dataset<Row> nearDuplicates(Pairs verifiedPairs, long broadcastMaxReps) {
    Dataset<Row> posts =
        verifiedPairs.pairs().select(A, B, "evidence_a", "evidence_b", "ts_a", "ts_b");
    // Two posts meet in every band they share: made distinct here unless windowed already kept one
    // band per pair. Kept: used three times below.
    Dataset<Row> verified =
        (verifiedPairs.onePerActionPair() ? posts : posts.distinct()).transform(Kept::keep);
    // A post's representative is the least of itself and its near-duplicates. Of a pair, only the
    // greater post can take the other as its own: one row per pair (the lesser's row never
    // counted), and a post that is never the greater of a pair represents itself.
    // Kept: both ends of every pair look their post up in it.
    Dataset<Row> reps =
        verified
            .select(
                greatest(col("evidence_a"), col("evidence_b")).as("post"),
                least(col("evidence_a"), col("evidence_b")).as("other"))
            .groupBy("post")
            .agg(min("other").as("rep"))
            .transform(Kept::keep);
    // Far fewer posts than pairs. Up to broadcastMaxReps they are sent to every task and the pairs
    // are not shuffled twice to meet them; beyond that they are joined by hash partitions.
    Dataset<Row> lookup =
        reps.count() <= broadcastMaxReps ? reps.hint("broadcast") : reps.hint("shuffle_hash");
    return verified
        .join(
            lookup.select(col("post").as("p1"), col("rep").as("r1")),
            col("evidence_a").equalTo(col("p1")),
            "left")
        .join(
            lookup.select(col("post").as("p2"), col("rep").as("r2")),
            col("evidence_b").equalTo(col("p2")),
            "left")
        .select(
            lit(Signal.NEAR_TEXT).as(CoordinationSignals.SIGNAL),
            objectKey(
                    lit(Signal.NEAR_TEXT),
                    least(
                        coalesce(col("r1"), col("evidence_a")),
                        coalesce(col("r2"), col("evidence_b"))))
                .as(OBJECT_KEY),
            col(A),
            col(B),
            col("evidence_a"),
            col("evidence_b"),
            col("ts_a"),
            col("ts_b"));
  }

  /**
   * Representatives of near-duplicate posts sent to every task: two post ids of at most ~40 bytes
   * each plus ~40 bytes of hash table per post, so at most ~120 MB.
   */
  static final long BROADCAST_MAX_REPS = 1_000_000L;

  /** Shared photo candidates verified by Hamming distance; the object is the pair's hash pair. */
  public static Dataset<Row> verifyPhotos(Dataset<Row> candidates, int maxHamming) {
    Column ha = col("evidence_a").cast("long");
    Column hb = col("evidence_b").cast("long");
    return candidates
        .filter(bit_count(ha.bitwiseXOR(hb)).leq(maxHamming))
        .withColumn(
            OBJECT_KEY,
            objectKey(
                col(CoordinationSignals.SIGNAL),
                concat(
                    least(col("evidence_a"), col("evidence_b")),
                    lit("~"),
                    greatest(col("evidence_a"), col("evidence_b")))))
        .dropDuplicates(A, B, OBJECT_KEY);
  }

  /** An object's weight is kept to 1e-9. */
  static final double WEIGHT_UNITS = 1e9;

  /**
   * Edges: per (signal, account_a, account_b), how many distinct objects they share (support), a
   * weight where an object shared by n accounts counts 1/log2(1+n), first and last time, and the
   * evidence of two of the objects they share (those with the least and the greatest object_key):
   * for each, the least pair of ids of the actions that tie them on it.
   */
  public static Dataset<Row> edges(Dataset<Row> candidatePairs) {
    return edges(candidatePairs, BROADCAST_MAX_OBJECTS);
  }

  static Dataset<Row> edges(Dataset<Row> candidatePairs, long broadcastMaxObjects) {
    Dataset<Row> pairs = candidatePairs.transform(Kept::keep);
    // Accounts counted by a 64-bit hash of their id: two of one object's accounts whose hashes
    // collide (about k^2 / 2^65 for k accounts) would count as one. Kept: counted, then joined.
    Dataset<Row> popularity =
        pairs
            .select(col(OBJECT_KEY), explode(array(xxhash64(col(A)), xxhash64(col(B)))).as("acc"))
            .groupBy(OBJECT_KEY)
            .agg(countDistinct("acc").as("n_obj"))
            .select(
                col(OBJECT_KEY),
                // fixed-point: the same weight whatever order the objects are summed in
                round(lit(WEIGHT_UNITS).divide(log(2.0, col("n_obj").plus(1))))
                    .cast("long")
                    .as(EdgeFigures.WEIGHT_UNITS))
            .transform(Kept::keep);
    // Far fewer objects than pairs: up to broadcastMaxObjects they are sent to every task and the
    // pairs are shuffled once, by pair, instead of first by object to meet them.
    Dataset<Row> weights =
        popularity.count() <= broadcastMaxObjects
            ? popularity.hint("broadcast")
            : popularity.hint("shuffle_hash");
    // A pair is named by two independent 64-bit hashes of (signal, account_a, account_b), so that
    // its rows are partitioned and sorted on longs only. Two pairs would be merged only if both
    // hashes collided: about n^2 / 2^129 for n pairs (1e-21 for a billion).
    Dataset<Row> figures =
        pairs
            .join(weights, Cols.seq(OBJECT_KEY))
            .withColumn(PAIR_KEY, xxhash64(col(CoordinationSignals.SIGNAL), col(A), col(B)))
            .withColumn(
                PAIR_KEY_2,
                xxhash64(lit(PAIR_KEY_2), col(CoordinationSignals.SIGNAL), col(A), col(B)))
            .select(Arrays.stream(EdgeFigures.INPUT).map(c -> col(c)).toArray(Column[]::new))
            .repartition(col(PAIR_KEY), col(PAIR_KEY_2))
            .sortWithinPartitions(PAIR_KEY, PAIR_KEY_2, OBJECT_KEY)
            .mapPartitions(new EdgeFigures(), Encoders.row(NetworkFrames.EDGE_FIGURES));
    return figures.select(
        col(CoordinationSignals.SIGNAL),
        col(A),
        col(B),
        col("support"),
        col(EdgeFigures.WEIGHT_UNITS).divide(WEIGHT_UNITS).as("weight"),
        timestamp_seconds(col("first_ts")).as("first_at"),
        timestamp_seconds(col("last_ts")).as("last_at"),
        sort_array(array_distinct(concat(col("ids_1"), col("ids_2")))).as("evidence"));
  }

  /**
   * Objects (a 64-bit key and a weight each, ~50 bytes with the hash table) sent to every task by
   * {@link #edges}: at most ~50 MB.
   */
  static final long BROADCAST_MAX_OBJECTS = 1_000_000L;

  /** A pair of accounts in one signal, as two 64-bit hashes (see edges). */
  static final String PAIR_KEY = "pair_key";

  static final String PAIR_KEY_2 = "pair_key_2";
}
