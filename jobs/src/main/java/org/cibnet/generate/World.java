package org.cibnet.generate;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The plan of a synthetic world: its organic population and its groups (influence operations and
 * coordinated-but-not-state-run look-alikes). Small and made on the driver; every row is then
 * made on executors from this plan and the seed alone.
 */
public final class World implements Serializable {
  /** Observation period: June to September 2022, the months before Meta's September takedowns. */
  public static final LocalDate START = LocalDate.of(2022, 6, 1);

  public static final int DAYS = 122;
  public static final long START_SEC = START.atStartOfDay().toEpochSecond(ZoneOffset.UTC);

  /** Kinds in the ground truth. */
  public static final String ORGANIC = "organic";

  public static final String LOOKALIKE = "lookalike";
  public static final String OPERATION = "operation";

  /** Look-alike archetypes: coordinated or inauthentic, but not state-run influence operations. */
  public static final String[] LOOKALIKES = {
    "newsroom", "state_media", "party_volunteers", "fandom", "petition_drive", "brand",
    "rss_bots", "spam_network"
  };

  // Tactics of influence operations (bit flags).
  public static final int BURST = 1;
  public static final int DIGITS = 2;
  public static final int GENDER_SWAP = 4;
  public static final int STOLEN_PHOTO = 8;
  public static final int AI_FACES = 16;
  public static final int MIRROR = 32;
  public static final int OFFICE_CLOCK = 64;
  public static final int TEMPLATE_TEXT = 128;
  public static final int SPOOF_LINKS = 256;
  public static final int RING = 512;
  public static final int REPLY_SPAM = 1024;
  public static final int PETITION = 2048;
  public static final int ADS = 4096;
  public static final int HASHTAGS = 8192;

  static final int[] CO_ACTION = {TEMPLATE_TEXT, SPOOF_LINKS, RING, REPLY_SPAM, HASHTAGS, PETITION};
  static final int[] PERSONA = {BURST, DIGITS, GENDER_SWAP, STOLEN_PHOTO, AI_FACES, MIRROR, ADS};

  /** One group of accounts that act together. */
  public record Group(
      int idx,
      String id,
      String kind,
      String archetype,
      long first,
      int size,
      String declared,
      String zone,
      String clock,
      String lang,
      String[] platforms,
      int tactics,
      String origin,
      String[] targets,
      boolean labelled,
      int startDay,
      int endDay,
      int events,
      double participation,
      int jitterSeconds,
      String domain,
      String[] hashtags,
      String currency,
      String funder,
      long photoBase)
      implements Serializable {
    public boolean has(int tactic) {
      return (tactics & tactic) != 0;
    }

    public long last() {
      return first + size - 1;
    }
  }

  public final long seed;
  public final int scale;
  public final long organic;
  public final int influencers;
  public final int urls;
  public final Group[] groups;
  public final long accounts;

  private World(long seed, int scale, long organic, List<Group> groups) {
    this.seed = seed;
    this.scale = scale;
    this.organic = organic;
    this.influencers = (int) Math.max(10, organic / 50);
    this.urls = (int) Math.max(200, organic * 2);
    this.groups = groups.toArray(Group[]::new);
    long n = organic;
    for (Group g : groups) {
      n += g.size();
    }
    this.accounts = n;
  }

  /**
   * Plans a world. Everything grows linearly with scale: 1,500 organic accounts, 12 operations and
   * one of each look-alike archetype per unit. Campaigns named in leaveOut (and every fourth one)
   * are left out of the takedown labels.
   */
  public static World plan(long seed, int scale, Set<String> leaveOut) {
    return plan(seed, scale, leaveOut, 1500);
  }

  /** As {@link #plan(long, int, Set)} with a smaller or larger organic crowd per unit (tests). */
  public static World plan(long seed, int scale, Set<String> leaveOut, int organicPerScale) {
    long organic = (long) organicPerScale * scale;
    List<Group> groups = new ArrayList<>();
    long next = organic;
    int idx = 0;
    for (int i = 0; i < 12 * scale; i++) {
      Group g = operation(seed, idx++, i, next, leaveOut);
      groups.add(g);
      next += g.size();
    }
    for (int i = 0; i < scale; i++) {
      for (String a : LOOKALIKES) {
        Group g = lookalike(seed, idx++, a, i, next);
        groups.add(g);
        next += g.size();
      }
    }
    return new World(seed, scale, organic, groups);
  }

  private static final String[][] OPERATORS = {
    // origin, zone, currency, targets
    {"RU", "Europe/Moscow", "RUB", "DE,FR,GB,UA,IT"},
    {"CN", "Asia/Shanghai", "CNY", "US,CZ"},
    {"IR", "Asia/Tehran", "IRR", "US,GB"},
  };

  private static Group operation(long seed, int idx, int i, long first, Set<String> leaveOut) {
    Rng r = new Rng(seed, 101, i);
    String[] op = OPERATORS[i % OPERATORS.length];
    String[] targets = op[3].split(",");
    String target = targets[r.nextInt(targets.length)];
    String lang = switch (target) {
      case "DE" -> "de";
      case "FR" -> "fr";
      case "CZ" -> "cs";
      case "UA" -> "uk";
      default -> "en";
    };
    int tactics = OFFICE_CLOCK;
    // Every operation acts together in at least one way; the rest of the mix varies.
    tactics |= CO_ACTION[r.nextInt(CO_ACTION.length)];
    if (r.chance(0.6)) {
      tactics |= CO_ACTION[r.nextInt(CO_ACTION.length)];
    }
    int persona = r.between(1, 4);
    for (int k = 0; k < persona; k++) {
      tactics |= PERSONA[r.nextInt(PERSONA.length)];
    }
    if (i % 8 == 0) { // the Doppelganger pattern: spoofed outlets, ads, fresh accounts
      tactics = OFFICE_CLOCK | SPOOF_LINKS | ADS | BURST | DIGITS;
      target = "DE";
      lang = "de";
    } else if (i % 8 == 1) { // the Spamouflage-style network of 2022 targeting the US and Czechia
      tactics = OFFICE_CLOCK | GENDER_SWAP | STOLEN_PHOTO | PETITION | TEMPLATE_TEXT | MIRROR;
    } else if (i % 8 == 5) { // only one or two tactics, AI faces so photo reuse cannot catch it
      tactics = OFFICE_CLOCK | RING | AI_FACES;
    }
    if ((tactics & (STOLEN_PHOTO | AI_FACES)) == (STOLEN_PHOTO | AI_FACES)) {
      tactics &= ~AI_FACES;
    }
    int size = (int) Math.max(10, Math.min(90, Math.round(r.logNormal(Math.log(30), 0.45))));
    int takedown = r.between(75, DAYS - 1);
    int start = r.between(0, 35);
    String campaign = "op-" + op[0].toLowerCase() + "-" + String.format("%02d", i);
    boolean labelled = i % 4 != 3 && !leaveOut.contains(campaign);
    String[] platforms =
        (tactics & PETITION) != 0
            ? new String[] {"facebook", "twitter", "petition"}
            : (r.chance(0.5)
                ? new String[] {"facebook", "instagram", "twitter"}
                : new String[] {"facebook", "twitter"});
    String spoof = Vocabulary.SPOOF_DOMAINS[r.nextInt(Vocabulary.SPOOF_DOMAINS.length)];
    String domain =
        (tactics & PETITION) != 0 && (tactics & SPOOF_LINKS) == 0
            ? Vocabulary.PETITION_DOMAINS[i % 2]
            : spoof;
    String[] tags = topicTags(r, lang);
    String funder =
        r.chance(0.5) ? null : Vocabulary.OBSCURE_FUNDERS[r.nextInt(Vocabulary.OBSCURE_FUNDERS.length)];
    return new Group(
        idx, campaign, OPERATION, "influence_operation", first, size, target, op[1], "office",
        lang, platforms, tactics, op[0], new String[] {target}, labelled, start, takedown - 1,
        r.between(30, 55), 0.55 + 0.25 * r.uniform(), 45, domain, tags, op[2], funder,
        r.nextLong());
  }

  private static String[] topicTags(Rng r, String lang) {
    String[] topics = Vocabulary.topics(lang);
    String[] t = new String[r.between(3, 4)];
    for (int k = 0; k < t.length; k++) {
      t[k] = topics[(r.nextInt(topics.length) + k * 5) % topics.length];
    }
    return java.util.Arrays.stream(t).distinct().toArray(String[]::new);
  }

  private static Group lookalike(long seed, int idx, String archetype, int i, long first) {
    Rng r = new Rng(seed, 202, idx);
    String[] home = Vocabulary.COUNTRIES[r.nextInt(8)]; // western or eastern European/US homes
    String id = "lk-" + archetype + "-" + String.format("%02d", i);
    String[] fbtw = {"facebook", "twitter"};
    String[] all = {"facebook", "instagram", "twitter"};
    return switch (archetype) {
      case "newsroom" ->
          new Group(idx, id, LOOKALIKE, archetype, first, r.between(6, 12), home[0], home[1],
              "local", home[2], all, MIRROR, null, null, false, 0, DAYS - 1, 70, 0.9, 20,
              "news-" + home[0].toLowerCase() + r.between(1, 99) + ".com", null, home[3], null, 0);
      case "state_media" -> {
        String[] ru = Vocabulary.country(r.chance(0.5) ? "RU" : "CN");
        yield new Group(idx, id, LOOKALIKE, archetype, first, r.between(5, 10), ru[0], ru[1],
            "local", "en", all, ADS | MIRROR, ru[0], new String[] {"US", "DE"}, false, 0,
            DAYS - 1, 60, 0.85, 30, "world-" + ru[0].toLowerCase() + "-today.com", null, ru[3],
            "State broadcaster of " + ru[0], 0);
      }
      case "party_volunteers" ->
          new Group(idx, id, LOOKALIKE, archetype, first, r.between(30, 60), home[0], home[1],
              "local", home[2], fbtw, TEMPLATE_TEXT | HASHTAGS, null, null, false, 20, DAYS - 1,
              25, 0.5, 1800, null, new String[] {"vote" + home[0].toLowerCase(), "election2022",
                "volunteer", "together"}, home[3], null, 0);
      case "fandom" -> {
        String lang = new String[] {"en", "ja", "zh", "pt"}[r.nextInt(4)];
        String[] c = lang.equals("ja") ? Vocabulary.country("JP")
            : lang.equals("zh") ? Vocabulary.country("CN")
            : lang.equals("pt") ? Vocabulary.country("BR") : home;
        yield new Group(idx, id, LOOKALIKE, archetype, first, r.between(40, 80), c[0], c[1],
            "evening", lang, new String[] {"twitter", "instagram"}, TEMPLATE_TEXT | HASHTAGS,
            null, null, false, 0, DAYS - 1, 20, 0.6, 240, null,
            new String[] {"bts", "army", "comeback", "streamnow"}, c[3], null, 0);
      }
      case "petition_drive" ->
          new Group(idx, id, LOOKALIKE, archetype, first, r.between(20, 40), home[0], home[1],
              "local", home[2], new String[] {"facebook", "petition"}, PETITION, null, null,
              false, 10, DAYS - 1, 15, 0.6, 900, "change.org", null, home[3], null, 0);
      case "brand" ->
          new Group(idx, id, LOOKALIKE, archetype, first, r.between(5, 12), "*", home[1],
              "local", "en", new String[] {"facebook", "instagram"}, ADS | MIRROR, "US", null,
              false, 0, DAYS - 1, 40, 0.9, 60, "shop-brand" + r.between(1, 99) + ".com", null,
              "*", "Brand" + idx + " Inc.", 0);
      case "rss_bots" ->
          new Group(idx, id, LOOKALIKE, archetype, first, r.between(8, 15), home[0], "UTC",
              "allday", home[2], new String[] {"twitter"}, 0, null, null, false, 0, DAYS - 1,
              120, 0.95, 5, "feeds-" + r.between(1, 99) + ".net", null, home[3], null, 0);
      default -> // commercial spam: fake, coordinated, but selling, not steering opinion
          new Group(idx, id, LOOKALIKE, archetype, first, r.between(20, 50), "*", "UTC",
              "allday", "en", new String[] {"twitter", "facebook"},
              DIGITS | STOLEN_PHOTO | BURST, null, null, false, 0, DAYS - 1, 60, 0.6, 40,
              Vocabulary.SPAM_DOMAINS[r.nextInt(Vocabulary.SPAM_DOMAINS.length)], null, "USD",
              null, r.nextLong());
    };
  }

  /** The group an account belongs to, or null for the organic population. */
  public Group groupOf(long account) {
    if (account < organic) {
      return null;
    }
    int lo = 0;
    int hi = groups.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (groups[mid].first() <= account) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return groups[lo];
  }

  public static String accountId(long account) {
    return String.format("a%08d", account);
  }
}
