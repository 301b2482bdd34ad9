package org.cibnet.network;

/** The names of coordination signals, as stored in coordination_edges.signal. */
public final class Signal {
  private Signal() {}

  public static final String CO_LINK = "co_link";
  public static final String CO_RESHARE = "co_reshare";
  public static final String CO_REPLY = "co_reply";
  public static final String CO_TEXT = "co_text";
  public static final String NEAR_TEXT = "near_text";
  public static final String HASHTAG_SET = "hashtag_set";
  public static final String SHARED_PHOTO = "shared_photo";
  public static final String MIRRORED_PERSONA = "mirrored_persona";
  public static final String SHARED_PAYER = "shared_payer";
  public static final String SYNC_ACTIVITY = "sync_activity";

  /** The same link, reshared or replied-to post or hashtag set within minutes, not seconds. */
  public static final String SLOW_WAVE = "slow_wave";

  /** One account resharing or replying to another's posts again and again. */
  public static final String AMPLIFICATION = "amplification";

  public static final String[] ALL = {
    CO_LINK,
    CO_RESHARE,
    CO_REPLY,
    CO_TEXT,
    NEAR_TEXT,
    HASHTAG_SET,
    SHARED_PHOTO,
    MIRRORED_PERSONA,
    SHARED_PAYER,
    SYNC_ACTIVITY,
    SLOW_WAVE,
    AMPLIFICATION
  };

  /** Signals where one shared asset is already evidence (no time window, support 1). */
  public static final String[] ASSETS = {SHARED_PHOTO, MIRRORED_PERSONA, SHARED_PAYER};
}
