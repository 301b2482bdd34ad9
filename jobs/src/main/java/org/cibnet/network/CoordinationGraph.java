package org.cibnet.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.config.Errors;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.schema.Schemas;
import org.cibnet.schema.Schemas.Account;
import org.cibnet.schema.Schemas.NetworkFrames;
import org.cibnet.spark.Cols;
import org.cibnet.spark.Kept;

/**
 * All enabled coordination signals over one input, as edges (one row per account pair and signal)
 * plus the bursts skipped and the pairs considered per signal.
 */
public final class CoordinationGraph {
  private CoordinationGraph() {}

  /**
   * The kept edges, one frame per signal group (co-actions, near-text, photo, personas and payers,
   * synchronised activity), and the bursts and pairs considered of every signal.
   */
  public record Detection(
      List<Dataset<Row>> edgeGroups, Dataset<Row> bursts, Dataset<Row> considered) {
    /** Every kept edge. */
    public Dataset<Row> edges() {
      return edgeGroups.stream().reduce(Dataset::union).orElseThrow();
    }
  }

  static final String[] EDGE_COLUMNS = {
    "signal", "account_a", "account_b", "support", "weight", "first_at", "last_at", "evidence"
  };

  public static Detection detect(
      Dataset<Row> posts, Dataset<Row> accounts, Dataset<Row> ads, Settings s) {
    long cap = s.getInt(SettingKeys.MAX_KEY_MEMBERS);
    List<Dataset<Row>> edges = new ArrayList<>();
    List<PairBuilder.Pairs> blocked = new ArrayList<>();

    // Co-actions within the window.
    List<Dataset<Row>> actions = new ArrayList<>();
    if (s.getBoolean(SettingKeys.COLINK)) {
      actions.add(CoordinationSignals.links(posts));
    }
    if (s.getBoolean(SettingKeys.CORESHARE)) {
      actions.add(CoordinationSignals.reshares(posts));
    }
    if (s.getBoolean(SettingKeys.COREPLY)) {
      actions.add(CoordinationSignals.replies(posts));
    }
    Dataset<Row> shingled = null;
    if (s.getBoolean(SettingKeys.COTEXT) || s.getBoolean(SettingKeys.NEARTEXT)) {
      // Normalising text is the costliest step: do it once for co-text, bands and verification.
      shingled =
          CoordinationSignals.shingled(posts, s.getInt(SettingKeys.NEARTEXT_MIN_SHINGLES))
              .transform(Kept::keep);
    }
    if (s.getBoolean(SettingKeys.COTEXT)) {
      actions.add(CoordinationSignals.identicalText(shingled));
    }
    if (s.getBoolean(SettingKeys.HASHTAGS)) {
      actions.add(CoordinationSignals.hashtagSets(posts, s.getInt(SettingKeys.HASHTAGS_MIN)));
    }
    if (!actions.isEmpty()) {
      PairBuilder.Pairs p =
          PairBuilder.windowed(union(actions), s.getInt(SettingKeys.WINDOW_SECONDS), cap);
      blocked.add(p);
      edges.add(PairBuilder.edges(p.pairs()));
    }
    if (s.getBoolean(SettingKeys.SLOW)) {
      // the same kinds of object at the time scale of people (text has its own, near-text)
      Dataset<Row> slowActions =
          union(
              List.of(
                  CoordinationSignals.links(posts),
                  CoordinationSignals.reshares(posts),
                  CoordinationSignals.replies(posts),
                  CoordinationSignals.hashtagSets(posts, s.getInt(SettingKeys.HASHTAGS_MIN))));
      PairBuilder.Pairs p =
          SlowWaves.pairs(
              slowActions,
              new SlowWaves.Params(
                  s.getInt(SettingKeys.WINDOW_SECONDS),
                  s.getInt(SettingKeys.SLOW_WINDOW),
                  s.getInt(SettingKeys.SLOW_MAX_OBJECT_ACCOUNTS),
                  s.getInt(SettingKeys.SLOW_MIN_SUPPORT),
                  s.getDouble(SettingKeys.SLOW_MIN_LIFT),
                  cap));
      blocked.add(p);
      edges.add(PairBuilder.edges(p.pairs()));
    }
    if (s.getBoolean(SettingKeys.AMPLIFY)) {
      edges.add(
          Amplification.edges(
              posts,
              new Amplification.Params(
                  s.getInt(SettingKeys.AMPLIFY_MIN_SUPPORT),
                  s.getDouble(SettingKeys.AMPLIFY_MIN_WEIGHT),
                  s.getInt(SettingKeys.AMPLIFY_FAST_SECONDS))));
    }
    if (s.getBoolean(SettingKeys.NEARTEXT)) {
      int bands = s.getInt(SettingKeys.NEARTEXT_BANDS);
      Dataset<Row> signatures =
          CoordinationSignals.nearTextSignatures(
              shingled, bands, s.getInt(SettingKeys.NEARTEXT_ROWS));
      PairBuilder.Pairs p =
          PairBuilder.nearDuplicatesInWindow(
              CoordinationSignals.nearTextBands(signatures),
              s.getInt(SettingKeys.NEARTEXT_WINDOW),
              cap,
              new PairBuilder.Pairing(
                  CoordinationSignals.nearTextDetails(signatures),
                  CoordinationSignals.earlierBandKeys(bands),
                  null,
                  true),
              s.getDouble(SettingKeys.NEARTEXT_JACCARD));
      blocked.add(p);
      edges.add(PairBuilder.edges(PairBuilder.nearDuplicates(p)));
    }

    // Shared assets.
    if (s.getBoolean(SettingKeys.PHOTO)) {
      // Hashes on very many accounts are default avatars, not reuse.
      Dataset<Row> avatars =
          accounts
              .groupBy(Account.PROFILE_IMAGE_HASH)
              .agg(count("*").as("n"))
              .filter(col("n").gt(s.getInt(SettingKeys.PHOTO_MAX_ACCOUNTS)));
      Dataset<Row> photos =
          accounts.join(avatars, Cols.seq(Account.PROFILE_IMAGE_HASH), "left_anti");
      PairBuilder.Pairs p =
          PairBuilder.assets(
              CoordinationSignals.photoBands(photos, s.getInt(SettingKeys.PHOTO_MAX_HAMMING)), cap);
      blocked.add(
          new PairBuilder.Pairs(
              p.pairs(),
              p.bursts()
                  .union(
                      avatars.select(
                          lit(Signal.SHARED_PHOTO).as("signal"),
                          col(Account.PROFILE_IMAGE_HASH).cast("string").as("object"),
                          lit(null).cast("timestamp").as("window_start"),
                          col("n").as("n_accounts"),
                          col("n").as("n_actions"))),
              p.considered()));
      edges.add(
          PairBuilder.edges(
              PairBuilder.verifyPhotos(p.pairs(), s.getInt(SettingKeys.PHOTO_MAX_HAMMING))));
    }
    List<Dataset<Row>> assets = new ArrayList<>();
    Dataset<Row> commonHandles = null;
    if (s.getBoolean(SettingKeys.PERSONA)) {
      Dataset<Row> personas = CoordinationSignals.personas(accounts);
      // One operator's persona spans a few platforms; a handle on many accounts is a common name,
      // and pairing its holders linked thousands of strangers at 10M posts.
      commonHandles =
          personas
              .filter(col("object").startsWith(CoordinationSignals.HANDLE_KEY))
              .groupBy("signal", "object")
              .agg(countDistinct("account_id").as("n"))
              .filter(col("n").gt(s.getInt(SettingKeys.PERSONA_MAX_HANDLE_ACCOUNTS)));
      assets.add(personas.join(commonHandles, Cols.seq("signal", "object"), "left_anti"));
    }
    if (s.getBoolean(SettingKeys.PAYER) && ads != null) {
      assets.add(CoordinationSignals.payers(ads));
    }
    if (!assets.isEmpty()) {
      PairBuilder.Pairs p = PairBuilder.assets(union(assets), cap);
      blocked.add(
          commonHandles == null
              ? p
              : new PairBuilder.Pairs(
                  p.pairs(),
                  p.bursts()
                      .union(
                          commonHandles.select(
                              col("signal"),
                              col("object"),
                              lit(null).cast("timestamp").as("window_start"),
                              col("n").as("n_accounts"),
                              col("n").as("n_actions"))),
                  p.considered()));
      edges.add(PairBuilder.edges(p.pairs()));
    }
    if (s.getBoolean(SettingKeys.SYNC)) {
      SyncActivity.Result r =
          SyncActivity.edges(
              posts,
              new SyncActivity.Params(
                  s.getInt(SettingKeys.SYNC_BIN_SECONDS),
                  cap,
                  s.getInt(SettingKeys.SYNC_MIN_BINS),
                  s.getDouble(SettingKeys.SYNC_MIN_LIFT),
                  s.getInt(SettingKeys.SYNC_BANDS),
                  s.getInt(SettingKeys.SYNC_ROWS)));
      blocked.add(r.pairs());
      edges.add(r.edges());
    }

    Column[] cols = Arrays.stream(EDGE_COLUMNS).map(c -> col(c)).toArray(Column[]::new);
    List<Dataset<Row>> kept = new ArrayList<>();
    for (Dataset<Row> e : edges) {
      kept.add(keep(e.select(cols), s));
    }
    if (kept.isEmpty()) {
      throw Errors.everySignalOff();
    }
    // Amplification alone blocks nothing: no burst and no pair considered, as empty tables.
    Dataset<Row> bursts = posts.sparkSession().createDataFrame(List.of(), Schemas.BURSTS_SCHEMA);
    Dataset<Row> considered =
        posts.sparkSession().createDataFrame(List.of(), NetworkFrames.PAIRS_CONSIDERED);
    for (PairBuilder.Pairs p : blocked) {
      bursts = bursts.unionByName(p.bursts());
      considered = considered.unionByName(p.considered());
    }
    return new Detection(kept, bursts, considered);
  }

  /**
   * Minimum support: 2 distinct shared objects for co-action signals (as CNT and CooRTweet use), 1
   * for photo and payer, 2 persona fields; co-actions also need the popularity-discounted weight.
   */
  static Dataset<Row> keep(Dataset<Row> edges, Settings s) {
    Column persona = col("signal").equalTo(Signal.MIRRORED_PERSONA);
    Column asset = col("signal").isin((Object[]) Signal.ASSETS).and(not(persona));
    Column sync = col("signal").equalTo(Signal.SYNC_ACTIVITY);
    return edges.filter(
        asset
            .and(col("support").geq(s.getInt(SettingKeys.MIN_SUPPORT_ASSET)))
            .or(persona.and(col("support").geq(s.getInt(SettingKeys.MIN_SUPPORT_PERSONA))))
            .or(sync)
            .or(
                not(asset)
                    .and(not(sync))
                    .and(col("support").geq(s.getInt(SettingKeys.MIN_SUPPORT_COACTION)))
                    .and(col("weight").geq(s.getDouble(SettingKeys.MIN_COACTION_WEIGHT)))));
  }

  private static Dataset<Row> union(List<Dataset<Row>> parts) {
    Dataset<Row> u = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      u = u.unionByName(parts.get(i));
    }
    return u;
  }
}
