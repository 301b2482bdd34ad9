package org.cibnet.generate;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plan of a synthetic world: its organic population and its groups (influence operations and
 * coordinated-but-not-state-run look-alikes). Small and made on the driver; every row is then made
 * on executors from this plan and the seed alone.
 *
 * <p>Operations differ in their tactic mix, not only in their ids, so that no single feature finds
 * them all: each draws its size, clock, language, account age, participation and timing from
 * ranges; some act together in one way only (one per coordination tactic); and the operations left
 * out of the takedown labels each lack tactics the labelled ones lean on (links, reused photos,
 * ads, English, office hours) and use domains no takedown ever saw.
 */
public final class World implements Serializable {
  /** Observation period: June to September 2022, the months before Meta's September takedowns. */
  public static final LocalDate START = LocalDate.of(2022, 6, 1);

  public static final int DAYS = 122;
  public static final long START_SEC = START.atStartOfDay().toEpochSecond(ZoneOffset.UTC);

  /** Kinds in the ground truth (the truth table of `evaluate`). */
  public static final String ORGANIC = "organic";

  public static final String LOOKALIKE = "lookalike";
  public static final String OPERATION = "operation";
  public static final String SPAM = "spam";

  /** Look-alike archetypes: coordinated or inauthentic, but not state-run influence operations. */
  public static final String[] LOOKALIKES = {
    "newsroom",
    "state_media",
    "party_volunteers",
    "fandom",
    "petition_drive",
    "brand",
    "rss_bots",
    "spam_network"
  };

  // Tactics (bit flags). Coordination: how members act together.
  /** Members post links to the operation's site within seconds of each other. */
  public static final int LINKS = 1 << 8;

  /** Members post the same link over 5 to 20 minutes, as people working from a task list do. */
  public static final int SLOW_WAVES = 1 << 14;

  /** Near-copies of one message: a word swapped, an emoji, an invisible character. */
  public static final int TEMPLATE_TEXT = 1 << 7;

  /** One template paraphrased per copy: one to three words swapped and neighbours reordered. */
  public static final int PARAPHRASE = 1 << 15;

  /** Members reshare one member's post within seconds (co-reshare). */
  public static final int RING = 1 << 9;

  /** Members reshare and reply to each other's posts, again and again, minutes to hours later. */
  public static final int AMPLIFY = 1 << 16;

  /** Members swarm replies onto popular organic posts. */
  public static final int REPLY_SPAM = 1 << 10;

  /** Members post the same uncommon hashtag set. */
  public static final int HASHTAGS = 1 << 13;

  /** Members push petitions. */
  public static final int PETITION = 1 << 11;

  // Persona tactics: what the accounts look like.
  public static final int BURST = 1;
  public static final int DIGITS = 1 << 1;
  public static final int GENDER_SWAP = 1 << 2;
  public static final int STOLEN_PHOTO = 1 << 3;
  public static final int AI_FACES = 1 << 4;
  public static final int MIRROR = 1 << 5;
  public static final int ADS = 1 << 12;

  /** Accounts made for the operation, weeks to months before it starts (but not in one batch). */
  public static final int FRESH = 1 << 17;

  /** Posts keep office hours (weekdays, lunch break) in the operator's own time zone. */
  public static final int OFFICE_CLOCK = 1 << 6;

  /** Coordination tactics, in the order single-tactic operations take them. */
  static final int[] CO_ACTION = {
    LINKS, SLOW_WAVES, TEMPLATE_TEXT, PARAPHRASE, RING, AMPLIFY, REPLY_SPAM, HASHTAGS, PETITION
  };

  /** Persona tactics that put no shared asset on the accounts (no photo, persona or payer edge). */
  static final int[] TRAITS = {DIGITS, GENDER_SWAP, AI_FACES};

  /** Persona tactics that do share assets. */
  static final int[] ASSETS = {STOLEN_PHOTO, MIRROR, ADS};

  /** Operations per unit of scale: two modelled on 2022 takedowns, one per tactic, five mixed. */
  static final int OPERATIONS_PER_UNIT = 2 + CO_ACTION.length + 5;

  /**
   * Slots of each unit whose operation is never labelled, with the shortcuts each lacks: 0 links
   * (text only), 1 reused photos, 2 ads, 3 English, 4 office hours.
   */
  static final Map<Integer, int[]> LEFT_OUT_SLOTS =
      Map.of(
          3, new int[] {1, 4}, 5, new int[] {0, 3}, 9, new int[] {3, 2}, 13, new int[] {0, 1, 2});

  /** The slot of each unit with the largest operation. */
  static final int LARGE_SLOT = 14;

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
      long photoBase,
      int backgroundMax,
      int createdDaysMin,
      int createdDaysMax,
      String campaign)
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
   * Plans a world. Everything grows linearly with scale: 1,500 organic accounts, 16 operations (4
   * of them never labelled), one return of a removed campaign and one of each look-alike archetype
   * per unit. Campaigns named in leaveOut are left out of the takedown labels too.
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
    for (int i = 0; i < OPERATIONS_PER_UNIT * scale; i++) {
      Group g = operation(seed, idx++, i, next, leaveOut, scale);
      groups.add(g);
      next += g.size();
      if (i % OPERATIONS_PER_UNIT == 0 && g.labelled()) {
        Group back = comeback(seed, idx++, g, next);
        groups.add(back);
        next += back.size();
      }
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

  /**
   * Who runs operations: origin, office time zone, currency of their ads, countries they target.
   */
  private static final String[][] OPERATORS = {
    {"RU", "Europe/Moscow", "RUB", "DE,FR,GB,UA,US"},
    {"CN", "Asia/Shanghai", "CNY", "US,CZ,GB"},
    {"IR", "Asia/Tehran", "IRR", "US,GB,FR"},
    // a commercial contractor working for a state client, paying in dollars
    {"AE", "Asia/Dubai", "USD", "US,GB,DE"},
  };

  private static String languageOf(String target) {
    return switch (target) {
      case "DE" -> "de";
      case "FR" -> "fr";
      case "CZ" -> "cs";
      case "UA" -> "uk";
      default -> "en";
    };
  }

  private static Group operation(
      long seed, int idx, int i, long first, Set<String> leaveOut, int scale) {
    Rng r = new Rng(seed, 101, i);
    int slot = i % OPERATIONS_PER_UNIT;
    boolean leftOut = LEFT_OUT_SLOTS.containsKey(slot);
    String[] op = OPERATORS[r.nextInt(OPERATORS.length)];
    String[] targets = op[3].split(",");
    String target = targets[r.nextInt(targets.length)];
    int tactics;
    if (slot == 0) { // the Doppelganger pattern: spoofed outlets, ads, fresh accounts
      op = OPERATORS[0];
      target = "DE";
      tactics = OFFICE_CLOCK | LINKS | ADS | BURST | DIGITS;
    } else if (slot == 1) { // the Spamouflage-style network of 2022 targeting the US and Czechia
      op = OPERATORS[1];
      target = r.chance(0.5) ? "US" : "CZ";
      tactics = OFFICE_CLOCK | GENDER_SWAP | STOLEN_PHOTO | PETITION | TEMPLATE_TEXT | MIRROR;
    } else if (slot < 2 + CO_ACTION.length) {
      // acts together in one way only; its accounts share no photo, persona or payer
      tactics = CO_ACTION[slot - 2] | traits(r);
    } else {
      tactics = CO_ACTION[r.nextInt(CO_ACTION.length)] | traits(r);
      if (r.chance(0.6)) {
        tactics |= CO_ACTION[r.nextInt(CO_ACTION.length)];
      }
      tactics |= ASSETS[r.nextInt(ASSETS.length)];
    }
    if (slot > 1 && r.chance(0.75)) {
      tactics |= OFFICE_CLOCK; // the rest post at the hours of the people they pretend to be
    }
    String lang = languageOf(target);
    int lacking = 0;
    if (leftOut) {
      // Each left-out operation lacks what labelled ones lean on.
      for (int shortcut : LEFT_OUT_SLOTS.get(slot)) {
        tactics = withoutShortcut(tactics, shortcut, r);
        lacking |= 1 << shortcut;
        if (shortcut == 3) { // no English: a target in another language
          String[] other = {"DE", "FR", "CZ", "UA"};
          target = other[r.nextInt(other.length)];
          lang = languageOf(target);
        }
      }
    }
    // Whatever it lacks, an operation shows at least two traits a person could check: young
    // accounts, digit handles, mismatched genders, reused photos, an office clock far from the
    // place
    // it claims, ads paid in a foreign currency. Which two varies.
    boolean oneTactic = slot >= 2 && slot < 2 + CO_ACTION.length;
    List<Integer> pool = new ArrayList<>(List.of(FRESH, DIGITS, GENDER_SWAP));
    if ((lacking & (1 << 4)) == 0 && hoursApart(op[0], target) >= 3) {
      pool.add(OFFICE_CLOCK);
    }
    if (!oneTactic && (lacking & (1 << 1)) == 0) {
      pool.add(STOLEN_PHOTO);
    }
    if (!oneTactic && (lacking & (1 << 2)) == 0 && !op[2].equals("USD")) {
      pool.add(ADS);
    }
    while (visibleTraits(tactics, op[0], target) < 2) {
      tactics |= pool.get(r.nextInt(pool.size()));
    }
    if ((tactics & (STOLEN_PHOTO | AI_FACES)) == (STOLEN_PHOTO | AI_FACES)) {
      tactics &= ~AI_FACES;
    }
    if ((tactics & (BURST | FRESH)) == (BURST | FRESH)) {
      tactics &= ~FRESH;
    }
    int size = (int) Math.max(8, Math.min(250, Math.round(r.logNormal(Math.log(28), 0.75))));
    if (slot == LARGE_SLOT) {
      size = r.between(150, 320) * (scale >= 5 ? 4 : 1);
    }
    int takedown = slot == 0 ? r.between(70, 85) : r.between(75, DAYS - 1);
    int start = r.between(0, Math.min(35, takedown - 40));
    String campaign = "op-" + op[0].toLowerCase() + "-" + String.format("%02d", i);
    boolean labelled = !leftOut && !leaveOut.contains(campaign);
    String[] platforms =
        (tactics & PETITION) != 0
            ? new String[] {"facebook", "twitter", "petition"}
            : (r.chance(0.5)
                ? new String[] {"facebook", "instagram", "twitter"}
                : new String[] {"facebook", "twitter"});
    String domain =
        (tactics & PETITION) != 0 && (tactics & (LINKS | SLOW_WAVES)) == 0
            ? Vocabulary.PETITION_DOMAINS[i % 2]
            : siteOf(r, slot, i, leftOut);
    String[] tags = topicTags(r, lang);
    String funder =
        r.chance(0.5)
            ? null
            : Vocabulary.OBSCURE_FUNDERS[r.nextInt(Vocabulary.OBSCURE_FUNDERS.length)];
    // Fast waves follow a script within seconds to a minute; slow ones are people working a list.
    int jitter = (tactics & SLOW_WAVES) != 0 ? r.between(300, 1200) : r.between(5, 50);
    // Accounts made for the operation a few weeks before it starts (in one batch, or over
    // months), or bought years old.
    int createdMin;
    int createdMax;
    if ((tactics & BURST) != 0) {
      createdMin = r.between(30, 60);
      createdMax = createdMin + 4;
    } else if ((tactics & FRESH) != 0) {
      createdMin = r.between(10, 40);
      createdMax = createdMin + r.between(30, 200);
    } else {
      createdMin = r.between(200, 500);
      createdMax = createdMin + r.between(300, 2500);
    }
    boolean office = (tactics & OFFICE_CLOCK) != 0;
    String declaredZone = Vocabulary.country(target)[1];
    return new Group(
        idx,
        campaign,
        OPERATION,
        "influence_operation",
        first,
        size,
        target,
        office ? op[1] : declaredZone,
        office ? "office" : "local",
        lang,
        platforms,
        tactics,
        op[0],
        new String[] {target},
        labelled,
        start,
        takedown - 1,
        r.between(20, 55),
        0.4 + 0.5 * r.uniform(),
        jitter,
        domain,
        tags,
        op[2],
        funder,
        r.nextLong(),
        r.between(2, 20),
        createdMin,
        createdMax,
        campaign);
  }

  /**
   * Takes away one shortcut: 0 links (text only), 1 reused photos, 2 ads, 3 English (handled by the
   * caller), 4 office hours. Whatever is taken, the operation still acts together in some way.
   */
  private static int withoutShortcut(int tactics, int shortcut, Rng r) {
    int t = tactics;
    switch (shortcut) {
      case 0 -> {
        t &= ~(LINKS | SLOW_WAVES | PETITION);
        if ((t & (TEMPLATE_TEXT | PARAPHRASE | RING | AMPLIFY | REPLY_SPAM | HASHTAGS)) == 0) {
          int[] textOnly = {PARAPHRASE, AMPLIFY, HASHTAGS, TEMPLATE_TEXT};
          t |= textOnly[r.nextInt(textOnly.length)];
        }
      }
      case 1 -> t = (t & ~STOLEN_PHOTO) | AI_FACES;
      case 2 -> t &= ~ADS;
      case 4 -> t &= ~OFFICE_CLOCK;
      default -> {}
    }
    return t;
  }

  /**
   * One or two persona traits that share no asset between accounts, and the accounts' age: most
   * operations run accounts made for them (in one batch or over months), the others bought old
   * ones.
   */
  private static int traits(Rng r) {
    int t = 0;
    int n = r.between(1, 2);
    for (int k = 0; k < n; k++) {
      t |= TRAITS[r.nextInt(TRAITS.length)];
    }
    double age = r.uniform();
    return t | (age < 0.35 ? BURST : age < 0.75 ? FRESH : 0);
  }

  /**
   * Summer UTC offsets (hours) of operators and targets, to tell whether a clock gives them away.
   */
  private static final Map<String, Double> SUMMER_OFFSET =
      Map.of(
          "RU", 3.0, "CN", 8.0, "IR", 4.5, "AE", 4.0, "US", -4.0, "GB", 1.0, "DE", 2.0, "FR", 2.0,
          "CZ", 2.0, "UA", 3.0);

  static double hoursApart(String origin, String target) {
    double d = Math.abs(SUMMER_OFFSET.get(origin) - SUMMER_OFFSET.get(target));
    return Math.min(d, 24 - d);
  }

  /** How many traits of an operation a feature can see (AI faces are made to be seen by none). */
  static int visibleTraits(int tactics, String origin, String target) {
    int n = 0;
    for (int t : new int[] {DIGITS, GENDER_SWAP, STOLEN_PHOTO, ADS}) {
      n += (tactics & t) != 0 ? 1 : 0;
    }
    n += (tactics & (BURST | FRESH)) != 0 ? 1 : 0;
    n += (tactics & OFFICE_CLOCK) != 0 && hoursApart(origin, target) >= 3 ? 1 : 0;
    return n;
  }

  private static final String[] SITE_WORDS = {
    "truth", "voice", "daily", "patriot", "free", "real", "news", "world", "insight", "report",
    "nation", "people", "front", "today", "info", "herald"
  };
  private static final String[] SITE_TLDS = {
    "info", "online", "news", "top", "site", "press", "live"
  };

  /**
   * The operation's own site. The Doppelganger slot and some others imitate a listed outlet; the
   * rest run sites of their own. Names carry the operation's number, so no two operations (and no
   * left-out one with any labelled one) share a domain.
   */
  private static String siteOf(Rng r, int slot, int i, boolean leftOut) {
    if (slot == 0) {
      return Vocabulary.SPOOF_DOMAINS[r.nextInt(Vocabulary.SPOOF_DOMAINS.length)];
    }
    if (!leftOut && r.chance(0.3)) {
      String[] outlets = {
        "spiegel", "bild", "welt", "faz", "guardian", "lemonde", "novinky", "foxnews"
      };
      return r.pick(outlets) + "-" + r.pick(SITE_WORDS) + i + "." + r.pick(SITE_TLDS);
    }
    return r.pick(SITE_WORDS) + "-" + r.pick(SITE_WORDS) + "-" + i + "." + r.pick(SITE_TLDS);
  }

  /**
   * A removed campaign coming back after its takedown: new accounts, made after it, pushing the
   * same site with some of the same stolen photos. Its campaign is in the takedowns; its accounts
   * are not.
   */
  private static Group comeback(long seed, int idx, Group removed, long first) {
    Rng r = new Rng(seed, 151, removed.idx());
    int start = removed.endDay() + 1 + r.between(3, 8);
    int size = r.between(10, 24);
    return new Group(
        idx,
        removed.id() + "-return",
        OPERATION,
        "return",
        first,
        size,
        removed.declared(),
        removed.zone(),
        removed.clock(),
        removed.lang(),
        removed.platforms(),
        (removed.tactics() | STOLEN_PHOTO) & ~(BURST | FRESH | AI_FACES),
        removed.origin(),
        removed.targets(),
        false,
        start,
        DAYS - 1,
        r.between(12, 20),
        0.6 + 0.3 * r.uniform(),
        removed.jitterSeconds(),
        removed.domain(),
        removed.hashtags(),
        removed.currency(),
        removed.funder(),
        removed.photoBase(),
        6,
        2,
        10,
        removed.id());
  }

  private static String[] topicTags(Rng r, String lang) {
    String[] topics = Vocabulary.topics(lang);
    LinkedHashSet<String> t = new LinkedHashSet<>();
    int n = r.between(3, 4);
    while (t.size() < n) {
      t.add(topics[r.nextInt(topics.length)]);
    }
    return t.toArray(String[]::new);
  }

  private static Group lookalike(long seed, int idx, String archetype, int i, long first) {
    Rng r = new Rng(seed, 202, idx);
    String[] home = Vocabulary.COUNTRIES[r.nextInt(8)]; // western or eastern European/US homes
    String id = "lk-" + archetype + "-" + String.format("%02d", i);
    String[] fbtw = {"facebook", "twitter"};
    String[] all = {"facebook", "instagram", "twitter"};
    return switch (archetype) {
      case "newsroom" ->
          new Group(
              idx,
              id,
              LOOKALIKE,
              archetype,
              first,
              r.between(6, 12),
              home[0],
              home[1],
              "office",
              home[2],
              all,
              MIRROR | LINKS,
              null,
              null,
              false,
              0,
              DAYS - 1,
              70,
              0.9,
              20,
              "news-" + home[0].toLowerCase() + r.between(1, 99) + ".com",
              null,
              home[3],
              null,
              0,
              10,
              400,
              4000,
              id);
      case "state_media" -> {
        String[] ru = Vocabulary.country(r.chance(0.5) ? "RU" : "CN");
        yield new Group(
            idx,
            id,
            LOOKALIKE,
            archetype,
            first,
            r.between(5, 10),
            ru[0],
            ru[1],
            "office",
            "en",
            all,
            ADS | MIRROR | LINKS,
            ru[0],
            new String[] {"US", "DE"},
            false,
            0,
            DAYS - 1,
            60,
            0.85,
            30,
            "world-" + ru[0].toLowerCase() + "-today.com",
            null,
            ru[3],
            "State broadcaster of " + ru[0],
            0,
            10,
            800,
            3000,
            id);
      }
      case "party_volunteers" ->
          new Group(
              idx,
              id,
              LOOKALIKE,
              archetype,
              first,
              r.between(30, 60),
              home[0],
              home[1],
              "local",
              home[2],
              fbtw,
              TEMPLATE_TEXT | HASHTAGS,
              null,
              null,
              false,
              20,
              DAYS - 1,
              25,
              0.5,
              1800,
              null,
              new String[] {
                "vote" + home[0].toLowerCase(), "election2022", "volunteer", "together"
              },
              home[3],
              null,
              0,
              15,
              150,
              3500,
              id);
      case "fandom" -> {
        String lang = new String[] {"en", "ja", "zh", "pt"}[r.nextInt(4)];
        String[] c =
            lang.equals("ja")
                ? Vocabulary.country("JP")
                : lang.equals("zh")
                    ? Vocabulary.country("CN")
                    : lang.equals("pt") ? Vocabulary.country("BR") : home;
        yield new Group(
            idx,
            id,
            LOOKALIKE,
            archetype,
            first,
            r.between(40, 80),
            c[0],
            c[1],
            "evening",
            lang,
            new String[] {"twitter", "instagram"},
            TEMPLATE_TEXT | HASHTAGS | RING,
            null,
            null,
            false,
            0,
            DAYS - 1,
            20,
            0.6,
            240,
            null,
            new String[] {"bts", "army", "comeback", "streamnow"},
            c[3],
            null,
            0,
            15,
            60,
            2000,
            id);
      }
      case "petition_drive" ->
          new Group(
              idx,
              id,
              LOOKALIKE,
              archetype,
              first,
              r.between(20, 40),
              home[0],
              home[1],
              "local",
              home[2],
              new String[] {"facebook", "petition"},
              PETITION,
              null,
              null,
              false,
              10,
              DAYS - 1,
              15,
              0.6,
              900,
              "change.org",
              null,
              home[3],
              null,
              0,
              15,
              200,
              4000,
              id);
      case "brand" ->
          new Group(
              idx,
              id,
              LOOKALIKE,
              archetype,
              first,
              r.between(5, 12),
              "*",
              home[1],
              "office",
              "en",
              new String[] {"facebook", "instagram"},
              ADS | MIRROR | LINKS,
              "US",
              null,
              false,
              0,
              DAYS - 1,
              40,
              0.9,
              60,
              "shop-brand" + r.between(1, 99) + ".com",
              null,
              "*",
              "Brand" + idx + " Inc.",
              0,
              10,
              300,
              3000,
              id);
      case "rss_bots" ->
          new Group(
              idx,
              id,
              LOOKALIKE,
              archetype,
              first,
              r.between(8, 15),
              home[0],
              "UTC",
              "allday",
              home[2],
              new String[] {"twitter"},
              LINKS,
              null,
              null,
              false,
              0,
              DAYS - 1,
              120,
              0.95,
              5,
              "feeds-" + r.between(1, 99) + ".net",
              null,
              home[3],
              null,
              0,
              0,
              100,
              2000,
              id);
      default -> // commercial spam: fake, coordinated, but selling, not steering opinion
          new Group(
              idx,
              id,
              SPAM,
              archetype,
              first,
              r.between(20, 50),
              "*",
              "UTC",
              "allday",
              "en",
              new String[] {"twitter", "facebook"},
              DIGITS | STOLEN_PHOTO | BURST | LINKS,
              null,
              null,
              false,
              0,
              DAYS - 1,
              60,
              0.6,
              40,
              Vocabulary.SPAM_DOMAINS[r.nextInt(Vocabulary.SPAM_DOMAINS.length)],
              null,
              "USD",
              null,
              r.nextLong(),
              15,
              40,
              45,
              id);
    };
  }

  private static final Map<Integer, String> TACTIC_NAMES =
      Map.ofEntries(
          Map.entry(LINKS, "links"), Map.entry(SLOW_WAVES, "slow_waves"),
          Map.entry(TEMPLATE_TEXT, "template_text"), Map.entry(PARAPHRASE, "paraphrase"),
          Map.entry(RING, "reshare_ring"), Map.entry(AMPLIFY, "amplify"),
          Map.entry(REPLY_SPAM, "reply_swarm"), Map.entry(HASHTAGS, "hashtags"),
          Map.entry(PETITION, "petition"), Map.entry(BURST, "creation_burst"),
          Map.entry(FRESH, "fresh_accounts"), Map.entry(DIGITS, "digit_handles"),
          Map.entry(GENDER_SWAP, "gender_swap"), Map.entry(STOLEN_PHOTO, "stolen_photos"),
          Map.entry(AI_FACES, "ai_faces"), Map.entry(MIRROR, "mirrored_personas"),
          Map.entry(ADS, "ads"), Map.entry(OFFICE_CLOCK, "office_hours"));

  /** The names of a group's coordination tactics alone (how its members act together). */
  public static String coordinationTactics(int tactics) {
    int co = 0;
    for (int t : CO_ACTION) {
      co |= t;
    }
    return tacticNames(tactics & co);
  }

  /** The names of a group's tactics, for the generator's summary. */
  public static String tacticNames(int tactics) {
    return TACTIC_NAMES.entrySet().stream()
        .filter(e -> (tactics & e.getKey()) != 0)
        .map(Map.Entry::getValue)
        .sorted()
        .collect(Collectors.joining(","));
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
