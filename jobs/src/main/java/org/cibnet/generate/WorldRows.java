package org.cibnet.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.cibnet.generate.World.Group;

/**
 * Makes the rows of one account (its profile, posts, ads, takedown label and ground truth) from the
 * plan and the seed alone, so generation runs in parallel on executors and is deterministic.
 */
final class WorldRows {
  private WorldRows() {}

  private static final long END_SEC = World.START_SEC + World.DAYS * 86_400L - 1;
  private static final double[] DIURNAL = {
    2, 1, 1, 0.5, 0.5, 1, 2, 4, 5, 5, 5, 6, 7, 6, 5, 5, 6, 7, 8, 9, 9, 8, 6, 4
  };
  private static final long DEFAULT_AVATAR = 0x7FFF_0000_FFFF_0000L;
  private static final String[] EMOJI = {"🔥", "‼️", "👇", "🇺🇸", "💯"};

  // ---------------------------------------------------------------- clocks

  /** A time in the group's (or person's) rhythm: local waking hours, office hours, evenings. */
  static long clockTime(Rng r, String clock, ZoneId zone, int d0, int d1) {
    int day = d0 + r.nextInt(Math.max(1, d1 - d0 + 1));
    LocalDate date = World.START.plusDays(day);
    int hour;
    switch (clock) {
      case "office" -> {
        // Operators keep office hours in their own time zone: weekdays, lunch break at noon.
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY) {
          date = date.minusDays(1);
        } else if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
          date = date.plusDays(1);
        }
        hour = r.chance(0.4) ? r.between(9, 11) : r.between(13, 17);
      }
      case "evening" -> hour = r.chance(0.8) ? r.between(18, 23) : weighted(r, DIURNAL);
      case "allday" -> hour = r.nextInt(24);
      default -> hour = weighted(r, DIURNAL);
    }
    LocalDateTime t = date.atTime(hour, r.nextInt(60), r.nextInt(60));
    return clamp(t.atZone(zone).toEpochSecond());
  }

  static long clamp(long t) {
    return Math.max(World.START_SEC, Math.min(END_SEC, t));
  }

  static int weighted(Rng r, double[] w) {
    double total = 0;
    for (double x : w) {
      total += x;
    }
    double u = r.uniform() * total;
    for (int i = 0; i < w.length; i++) {
      u -= w[i];
      if (u <= 0) {
        return i;
      }
    }
    return w.length - 1;
  }

  // ---------------------------------------------------------------- organic people

  static String[] organicCountry(World w, long a) {
    Rng r = new Rng(w.seed, a, 11);
    return Vocabulary.COUNTRIES[weighted(r, Vocabulary.COUNTRY_WEIGHTS)];
  }

  static int organicPostCount(World w, long a) {
    Rng r = new Rng(w.seed, a, 12);
    if (a < w.influencers) {
      return 40 + (int) Math.min(300, r.logNormal(3.5, 0.5));
    }
    return 1 + (int) Math.min(400, r.logNormal(1.6, 1.0));
  }

  /** Time of an influencer's k-th post (k &lt; 20 are plain posts others reshare or reply to). */
  static long influencerPostTime(World w, long a, int k) {
    String[] c = organicCountry(w, a);
    return clockTime(new Rng(w.seed, a, k, 1), "local", ZoneId.of(c[1]), 0, World.DAYS - 1);
  }

  // ---------------------------------------------------------------- text

  static String words(Rng r, String lang, int n) {
    if (Vocabulary.unspaced(lang)) {
      String chars = Vocabulary.chars(lang);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n * 2; i++) {
        sb.append(chars.charAt(r.nextInt(chars.length())));
      }
      return sb.toString();
    }
    String[] v = Vocabulary.words(lang);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(v[r.nextInt(v.length)]);
    }
    return sb.toString();
  }

  /** A campaign message template: the same text for every member of one wave. */
  static String template(World w, Group g, int wave) {
    Rng r = new Rng(w.seed, g.idx(), 555, wave);
    if (Vocabulary.unspaced(g.lang())) {
      return words(r, g.lang(), r.between(16, 22));
    }
    String[] topics = Vocabulary.topics(g.lang());
    String[] v = Vocabulary.words(g.lang());
    int n = g.has(World.PARAPHRASE) ? r.between(12, 30) : r.between(18, 26);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(r.chance(0.4) ? topics[r.nextInt(topics.length)] : v[r.nextInt(v.length)]);
    }
    return sb.toString();
  }

  /** One member's copy of a template: a word swapped, an emoji, an invisible character. */
  static String vary(Rng r, String template, String lang) {
    String t = template;
    if (Vocabulary.unspaced(lang)) {
      if (r.chance(0.6)) {
        int i = r.nextInt(t.length());
        String chars = Vocabulary.chars(lang);
        t = t.substring(0, i) + chars.charAt(r.nextInt(chars.length())) + t.substring(i + 1);
      }
      return t;
    }
    String[] parts = t.split(" ");
    if (r.chance(0.6)) {
      String[] v = Vocabulary.words(lang);
      parts[r.nextInt(parts.length)] = v[r.nextInt(v.length)];
    }
    if (r.chance(0.2)) {
      int i = r.nextInt(parts.length);
      parts[i] =
          parts[i].substring(0, parts[i].length() / 2)
              + "\u200B"
              + parts[i].substring(parts[i].length() / 2);
    }
    t = String.join(" ", parts);
    if (r.chance(0.3)) {
      t = t + " " + EMOJI[r.nextInt(EMOJI.length)];
    }
    if (r.chance(0.3)) {
      t = t.toUpperCase(Locale.ROOT).charAt(0) + t.substring(1);
    }
    return t;
  }

  /**
   * One member's paraphrase of a template: one to three words replaced and two neighbours swapped
   * (for scripts without spaces, characters), so word shingles of two copies barely overlap.
   */
  static String paraphrase(Rng r, String template, String lang) {
    if (Vocabulary.unspaced(lang)) {
      char[] c = template.toCharArray();
      String chars = Vocabulary.chars(lang);
      int n = r.between(1, 3);
      for (int k = 0; k < n; k++) {
        c[r.nextInt(c.length)] = chars.charAt(r.nextInt(chars.length()));
      }
      int i = r.nextInt(c.length - 1);
      char x = c[i];
      c[i] = c[i + 1];
      c[i + 1] = x;
      return new String(c);
    }
    String[] parts = template.split(" ");
    String[] v = Vocabulary.words(lang);
    int n = r.between(1, 3);
    for (int k = 0; k < n; k++) {
      parts[r.nextInt(parts.length)] = v[r.nextInt(v.length)];
    }
    int i = r.nextInt(parts.length - 1);
    String x = parts[i];
    parts[i] = parts[i + 1];
    parts[i + 1] = x;
    return String.join(" ", parts);
  }

  static String slug(World w, Group g, int wave) {
    Rng r = new Rng(w.seed, g.idx(), 556, wave);
    String[] v =
        Vocabulary.topics(g.lang().equals("de") || g.lang().equals("cs") ? g.lang() : "en");
    return v[r.nextInt(v.length)] + "-" + v[r.nextInt(v.length)] + "-" + r.between(1000, 99999);
  }

  static String organicUrl(World w, int u, Rng r) {
    String domain = Vocabulary.ORGANIC_DOMAINS[u % Vocabulary.ORGANIC_DOMAINS.length];
    String url = "https://" + (r.chance(0.3) ? "www." : "") + domain + "/story/" + u;
    if (r.chance(0.25)) {
      url += "?utm_source=share&utm_medium=social";
    } else if (r.chance(0.1)) {
      url += "/?fbclid=IwAR" + Long.toHexString(r.nextLong());
    }
    return url;
  }

  // ---------------------------------------------------------------- accounts

  static Row account(World w, long a) {
    Group g = w.groupOf(a);
    return g == null ? organicAccount(w, a) : memberAccount(w, g, a);
  }

  private static Row organicAccount(World w, long a) {
    Rng r = new Rng(w.seed, a, 20);
    String[] c = organicCountry(w, a);
    double p = r.uniform();
    String platform =
        p < 0.4 ? "facebook" : p < 0.75 ? "twitter" : p < 0.95 ? "instagram" : "petition";
    double k = r.uniform();
    String kind =
        platform.equals("facebook") && k < 0.08
            ? "page"
            : platform.equals("facebook") && k < 0.1 ? "group" : "user";
    boolean female = r.chance(0.5);
    String first = r.pick(female ? Vocabulary.FEMALE : Vocabulary.MALE);
    String last = r.pick(Vocabulary.SURNAMES);
    String nameGender = female ? "f" : "m";
    double pg = r.uniform();
    String photoGender = pg < 0.9 ? nameGender : pg < 0.97 ? "u" : (female ? "m" : "f");
    String handle =
        switch (r.nextInt(4)) {
          case 0 -> first + "." + last;
          case 1 -> first + last.charAt(0) + r.between(10, 99);
          case 2 -> first + "_" + r.pick(Vocabulary.EN);
          default -> first + last;
        };
    if (r.chance(0.08)) { // a birth year or a number to make a taken name unique
      handle = first + last + r.between(1950, 2009);
    }
    // a few people joined just before or during the period
    long created =
        r.chance(0.05)
            ? World.START_SEC + 86_400L * r.between(-60, World.DAYS / 2)
            : World.START_SEC - 86_400L * r.between(30, 14 * 365);
    // A platform's default avatar: on 4% of people, and on dozens of accounts even in a small
    // world.
    long photo = r.chance(Math.max(0.04, 40.0 / w.organic)) ? DEFAULT_AVATAR : r.nextLong();
    long followers = a < w.influencers ? (long) r.logNormal(11, 1) : (long) r.logNormal(5, 1.5);
    String display =
        kind.equals("user")
            ? cap(first) + " " + cap(last)
            : cap(last)
                + " "
                + r.pick(new String[] {"Bakery", "Club", "Neighbours", "Fans", "Garage"});
    return RowFactory.create(
        World.accountId(a),
        platform,
        kind,
        handle,
        display,
        new Timestamp(created * 1000),
        c[0],
        kind.equals("user") ? nameGender : "u",
        kind.equals("user") ? photoGender : "u",
        photo,
        r.chance(0.5) ? words(r, c[2], r.between(3, 10)) : null,
        followers,
        (long) r.logNormal(5, 1),
        kind.equals("page") ? new String[] {c[0]} : null,
        r.chance(0.1) ? "https://" + handle.replace('.', '-') + ".blog.example" : null);
  }

  static String declared(World w, Group g, long a) {
    if (!g.declared().equals("*")) {
      return g.declared();
    }
    int j = (int) (a - g.first());
    return g.archetype().equals("brand")
        ? Vocabulary.COUNTRIES[j % 8][0]
        : Vocabulary.COUNTRIES[new Rng(w.seed, a, 21).nextInt(8)][0];
  }

  static boolean isPage(Group g, long a) {
    int j = (int) (a - g.first());
    return switch (g.archetype()) {
      case "newsroom", "state_media", "brand" -> true;
      // operations that advertise run pages; of the others, two in five run some
      case "influence_operation", "return" ->
          (g.has(World.ADS) && j < 2)
              || ((g.has(World.ADS) || Math.floorMod(g.photoBase(), 5) < 2) && j % 10 == 9);
      default -> false;
    };
  }

  /** The countries of a page's admins: abroad for most operations, local fronts for some. */
  static String[] pageAdmins(Group g, String declared) {
    if (g.origin() == null) {
      return new String[] {declared};
    }
    boolean fronts = g.kind().equals(World.OPERATION) && Math.floorMod(g.photoBase() >>> 8, 10) < 3;
    return new String[] {fronts ? declared : g.origin()};
  }

  static String platformOf(World w, Group g, long a) {
    int j = (int) (a - g.first());
    String[] p = g.platforms();
    if (isPage(g, a)) {
      return "facebook";
    }
    return g.has(World.MIRROR) ? p[j % p.length] : p[new Rng(w.seed, a, 22).nextInt(p.length)];
  }

  private static Row memberAccount(World w, Group g, long a) {
    Rng r = new Rng(w.seed, a, 23);
    int j = (int) (a - g.first());
    String platform = platformOf(w, g, a);
    boolean page = isPage(g, a);
    String country = declared(w, g, a);
    // Mirrored personas: one operator identity across platforms (same handle, bio, website).
    int persona = g.has(World.MIRROR) ? j / g.platforms().length : j;
    Rng pr = new Rng(w.seed, g.idx(), 303, persona);
    boolean female = g.has(World.GENDER_SWAP) ? pr.chance(0.85) : pr.chance(0.5);
    String first = pr.pick(female ? Vocabulary.FEMALE : Vocabulary.MALE);
    String last = pr.pick(Vocabulary.SURNAMES);
    String nameGender = female ? "f" : "m";
    String photoGender = g.has(World.GENDER_SWAP) && female && pr.chance(0.9) ? "m" : nameGender;
    String handle =
        g.has(World.DIGITS)
            ? first + last + pr.between(1000, 9999)
            : first + "." + last + (pr.chance(0.2) ? String.valueOf(pr.between(1, 99)) : "");
    String display = cap(first) + " " + cap(last);
    String site = g.domain() == null ? null : "https://" + g.domain();
    String bio =
        g.kind().equals(World.OPERATION)
            ? String.format(
                Vocabulary.BIO_TEMPLATES[g.idx() % Vocabulary.BIO_TEMPLATES.length], country)
            : words(r, g.lang(), r.between(3, 8));
    if (page) {
      String brand = g.domain() == null ? "Voice of " + country : g.domain().split("\\.")[0];
      handle = brand + (j == 0 ? "" : "_" + j);
      display = cap(brand) + (j == 0 ? "" : " " + j);
      bio = "Official page of " + brand;
      nameGender = "u";
      photoGender = "u";
    }
    long photo;
    if (g.has(World.STOLEN_PHOTO)) {
      // A few stolen photos, each reused with one or two bits changed (a campaign that comes back
      // after its takedown brings the same ones).
      photo = new Rng(w.seed, g.photoBase(), 404, j % 3).nextLong();
      int flips = r.nextInt(3);
      for (int f = 0; f < flips; f++) {
        photo ^= 1L << r.nextInt(64);
      }
    } else if (page && g.kind().equals(World.LOOKALIKE)) {
      photo = new Rng(w.seed, g.idx(), 405).nextLong(); // one logo for all of an outlet's pages
    } else {
      photo = r.nextLong(); // genuine or AI-generated faces: unique
    }
    long created =
        World.START_SEC
            + 86_400L * (g.startDay() - r.between(g.createdDaysMin(), g.createdDaysMax()))
            + r.nextInt(86_400);
    long followers =
        page && g.kind().equals(World.LOOKALIKE)
            ? (long) r.logNormal(10, 1)
            : g.kind().equals(World.OPERATION)
                ? (long) r.logNormal(3.5, 1)
                : (long) r.logNormal(5, 1.2);
    long following =
        g.kind().equals(World.OPERATION) ? (long) r.logNormal(6.5, 0.5) : (long) r.logNormal(5, 1);
    String[] admins = page ? pageAdmins(g, country) : null;
    return RowFactory.create(
        World.accountId(a),
        platform,
        page ? "page" : "user",
        handle,
        display,
        new Timestamp(created * 1000),
        country,
        nameGender,
        photoGender,
        photo,
        bio,
        followers,
        following,
        admins,
        g.has(World.MIRROR) || page ? site : null);
  }

  static String cap(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  // ---------------------------------------------------------------- posts

  static Iterator<Row> posts(World w, long a) {
    Group g = w.groupOf(a);
    List<Row> out = new ArrayList<>();
    if (g == null) {
      organicPosts(w, a, out);
    } else {
      memberPosts(w, g, a, out);
    }
    return out.iterator();
  }

  private static Row post(
      String id,
      long a,
      String platform,
      long t,
      String text,
      String lang,
      String[] urls,
      String[] tags,
      String reshareOf,
      String replyTo,
      Rng r,
      long followers) {
    long likes = (long) (Math.max(1, followers) * 0.01 * r.logNormal(0, 1));
    return RowFactory.create(
        id,
        World.accountId(a),
        platform,
        new Timestamp(clamp(t) * 1000),
        text,
        lang,
        urls,
        tags,
        reshareOf,
        replyTo,
        likes,
        likes / 5,
        likes / 8);
  }

  private static void organicPosts(World w, long a, List<Row> out) {
    String[] c = organicCountry(w, a);
    ZoneId zone = ZoneId.of(c[1]);
    Row acct = organicAccount(w, a);
    String platform = acct.getString(1);
    long followers = acct.getLong(11);
    int n = organicPostCount(w, a);
    for (int k = 0; k < n; k++) {
      Rng r = new Rng(w.seed, a, k, 2);
      String id = "p" + a + "-" + k;
      if (a < w.influencers && k < 20) {
        out.add(
            post(
                id,
                a,
                platform,
                influencerPostTime(w, a, k),
                words(r, c[2], r.between(8, 20)),
                c[2],
                null,
                null,
                null,
                null,
                r,
                followers));
        continue;
      }
      double type = r.uniform();
      if (type < 0.5) {
        String[] tags =
            r.chance(0.2)
                ? new String[] {
                  r.pick(Vocabulary.HASHTAGS_ORGANIC), r.pick(Vocabulary.HASHTAGS_ORGANIC)
                }
                : null;
        if (tags != null && tags[0].equals(tags[1])) {
          tags = new String[] {tags[0]};
        }
        out.add(
            post(
                id,
                a,
                platform,
                clockTime(r, "local", zone, 0, World.DAYS - 1),
                words(r, c[2], r.between(6, 25)),
                c[2],
                null,
                tags,
                null,
                null,
                r,
                followers));
      } else if (type < 0.75) {
        // Viral links spread over hours from their launch, not within seconds.
        int u = r.zipf(w.urls, 1.1);
        long launch =
            World.START_SEC + (long) (new Rng(w.seed, 606, u).uniform() * World.DAYS * 86_400L);
        long t = launch + (long) r.exponential(8 * 3600);
        out.add(
            post(
                id,
                a,
                platform,
                t,
                words(r, c[2], r.between(3, 12)),
                c[2],
                new String[] {organicUrl(w, u, r)},
                null,
                null,
                null,
                r,
                followers));
      } else {
        int infl = r.zipf(w.influencers, 1.0);
        int kk = r.nextInt(20);
        long t = influencerPostTime(w, infl, kk) + 60 + (long) r.exponential(3 * 3600);
        String target = "p" + infl + "-" + kk;
        if (infl == a) {
          continue;
        }
        if (type < 0.9) {
          out.add(post(id, a, platform, t, null, null, null, null, target, null, r, followers));
        } else {
          out.add(
              post(
                  id,
                  a,
                  platform,
                  t,
                  words(r, c[2], r.between(3, 12)),
                  c[2],
                  null,
                  null,
                  null,
                  target,
                  r,
                  followers));
        }
      }
    }
  }

  /** The co-action tactics a group's waves rotate through. */
  static int[] waveKinds(Group g) {
    List<Integer> k = new ArrayList<>();
    for (int t : World.CO_ACTION) {
      if (g.has(t)) {
        k.add(t);
      }
    }
    if (k.isEmpty()) {
      k.add(World.LINKS); // link sharing with the group's own domain
    }
    return k.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * When member a posts in a wave (epoch seconds), or -1 when it sits the wave out; any member can
   * recompute it for another. Amplification waves spread their own posts over hours: what ties the
   * members is the boosting, not the timing.
   */
  static long waveTime(World w, Group g, long a, int wave) {
    Rng er = new Rng(w.seed, g.idx(), 777, wave);
    long t0 = clockTime(er, g.clock(), ZoneId.of(g.zone()), g.startDay(), g.endDay());
    Rng mr = new Rng(w.seed, a, 888, wave);
    if (!mr.chance(g.participation())) {
      return -1;
    }
    int[] kinds = waveKinds(g);
    int spread =
        kinds[wave % kinds.length] == World.AMPLIFY
            ? Math.max(g.jitterSeconds(), 4 * 3600)
            : g.jitterSeconds();
    return t0 + mr.nextInt(spread + 1);
  }

  private static void memberPosts(World w, Group g, long a, List<Row> out) {
    Row acct = memberAccount(w, g, a);
    String platform = acct.getString(1);
    long followers = acct.getLong(11);
    ZoneId zone = ZoneId.of(g.zone());
    Rng br = new Rng(w.seed, a, 30);
    int background = g.archetype().equals("rss_bots") ? 0 : br.between(0, g.backgroundMax());
    for (int k = 0; k < background; k++) {
      Rng r = new Rng(w.seed, a, k, 31);
      out.add(
          post(
              "p" + a + "-" + k,
              a,
              platform,
              clockTime(r, g.clock(), zone, g.startDay(), g.endDay()),
              words(r, g.lang(), r.between(6, 20)),
              g.lang(),
              null,
              null,
              null,
              null,
              r,
              followers));
    }
    int[] kinds = waveKinds(g);
    for (int wave = 0; wave < g.events(); wave++) {
      Rng er = new Rng(w.seed, g.idx(), 777, wave);
      long t0 = clockTime(er, g.clock(), zone, g.startDay(), g.endDay());
      int kind = kinds[wave % kinds.length];
      Rng mr = new Rng(w.seed, a, 888, wave);
      long origin = g.first() + (wave % g.size());
      boolean isOrigin = kind == World.RING && origin == a;
      long t = isOrigin ? t0 : waveTime(w, g, a, wave);
      if (t < 0) {
        continue;
      }
      String id = "p" + a + "-e" + wave;
      String[] tags = g.has(World.HASHTAGS) && g.hashtags() != null ? g.hashtags().clone() : null;
      switch (kind) {
        case World.TEMPLATE_TEXT ->
            out.add(
                post(
                    id,
                    a,
                    platform,
                    t,
                    vary(mr, template(w, g, wave), g.lang()),
                    g.lang(),
                    null,
                    tags,
                    null,
                    null,
                    mr,
                    followers));
        case World.PARAPHRASE ->
            out.add(
                post(
                    id,
                    a,
                    platform,
                    t,
                    paraphrase(mr, template(w, g, wave), g.lang()),
                    g.lang(),
                    null,
                    null,
                    null,
                    null,
                    mr,
                    followers));
        case World.HASHTAGS ->
            out.add(
                post(
                    id,
                    a,
                    platform,
                    t,
                    words(mr, g.lang(), mr.between(5, 12)),
                    g.lang(),
                    null,
                    shuffled(mr, tags),
                    null,
                    null,
                    mr,
                    followers));
        case World.RING -> {
          if (isOrigin) {
            out.add(
                post(
                    id,
                    a,
                    platform,
                    t0,
                    template(w, g, wave),
                    g.lang(),
                    null,
                    tags,
                    null,
                    null,
                    mr,
                    followers));
          } else {
            out.add(
                post(
                    id,
                    a,
                    platform,
                    t0 + 5 + mr.nextInt(g.jitterSeconds() + 1),
                    null,
                    null,
                    null,
                    null,
                    "p" + origin + "-e" + wave,
                    null,
                    mr,
                    followers));
          }
        }
        case World.AMPLIFY -> amplify(w, g, a, wave, t, mr, platform, followers, out);
        case World.REPLY_SPAM -> {
          int infl = er.nextInt(w.influencers);
          int kk = er.nextInt(20);
          long tr = influencerPostTime(w, infl, kk) + er.between(120, 1800);
          out.add(
              post(
                  id,
                  a,
                  platform,
                  tr + mr.nextInt(g.jitterSeconds() + 1),
                  vary(mr, template(w, g, wave), g.lang()),
                  g.lang(),
                  null,
                  null,
                  null,
                  "p" + infl + "-" + kk,
                  mr,
                  followers));
        }
        case World.PETITION -> {
          String domain =
              g.domain() != null && g.domain().contains("petic") || "change.org".equals(g.domain())
                  ? g.domain()
                  : Vocabulary.PETITION_DOMAINS[g.idx() % 2];
          String url = "https://www." + domain + "/petitions/" + slug(w, g, wave);
          out.add(
              post(
                  id,
                  a,
                  platform,
                  t,
                  words(mr, g.lang(), mr.between(4, 10)),
                  g.lang(),
                  new String[] {url},
                  tags,
                  null,
                  null,
                  mr,
                  followers));
        }
        default -> { // links (fast or slow waves): the group's own site
          String domain = g.domain() == null ? "example.com" : g.domain();
          String url = "https://" + domain + "/" + slug(w, g, wave) + ".html";
          if (mr.chance(0.3)) {
            url += "?utm_source=" + platform + "&utm_campaign=w" + wave;
          }
          out.add(
              post(
                  id,
                  a,
                  platform,
                  t,
                  words(mr, g.lang(), mr.between(4, 12)),
                  g.lang(),
                  new String[] {url},
                  tags,
                  null,
                  null,
                  mr,
                  followers));
        }
      }
    }
  }

  /**
   * Amplification: every member taking part posts its own message, and boosts the posts of the two
   * or three members before it (reshares, or replies with a line of praise) minutes to hours later,
   * each on its own time, so no two boosts fall in one co-action window. Who boosts whom is fixed
   * for the group, so the same accounts boost each other again and again.
   */
  private static void amplify(
      World w,
      Group g,
      long a,
      int wave,
      long t,
      Rng mr,
      String platform,
      long followers,
      List<Row> out) {
    String id = "p" + a + "-e" + wave;
    out.add(
        post(
            id,
            a,
            platform,
            t,
            paraphrase(mr, template(w, g, wave), g.lang()),
            g.lang(),
            null,
            null,
            null,
            null,
            mr,
            followers));
    int boosters = 2 + (int) Math.floorMod(g.photoBase(), 2L);
    for (int d = 1; d <= boosters && d < g.size(); d++) {
      long target = g.first() + Math.floorMod(a - g.first() - d, (long) g.size());
      long tt = waveTime(w, g, target, wave);
      if (tt < 0) {
        continue;
      }
      long at = tt + 120 + (long) mr.exponential(2400);
      String targetPost = "p" + target + "-e" + wave;
      if (mr.chance(0.6)) {
        out.add(
            post(
                id + "-a" + d,
                a,
                platform,
                at,
                null,
                null,
                null,
                null,
                targetPost,
                null,
                mr,
                followers));
      } else {
        out.add(
            post(
                id + "-a" + d,
                a,
                platform,
                at,
                words(mr, g.lang(), mr.between(3, 8)),
                g.lang(),
                null,
                null,
                null,
                targetPost,
                mr,
                followers));
      }
    }
  }

  /** Tags in another order per post: a set, not a sequence. */
  static String[] shuffled(Rng r, String[] tags) {
    if (tags == null) {
      return null;
    }
    String[] t = tags.clone();
    for (int i = t.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      String x = t[i];
      t[i] = t[j];
      t[j] = x;
    }
    return t;
  }

  // ---------------------------------------------------------------- ads

  static Iterator<Row> ads(World w, long a) {
    List<Row> out = new ArrayList<>();
    Group g = w.groupOf(a);
    Rng r = new Rng(w.seed, a, 40);
    String currency;
    String funder;
    String[] targets;
    String url;
    int n;
    if (g == null) {
      Row acct = organicAccount(w, a);
      if (!acct.getString(2).equals("page") || !r.chance(0.3)) {
        return out.iterator();
      }
      String[] c = organicCountry(w, a);
      currency = c[3];
      funder = acct.getString(4);
      targets = new String[] {c[0]};
      url = "https://" + acct.getString(3).replace('.', '-') + ".shop.example";
      n = r.between(1, 3);
    } else if (isPage(g, a) && g.has(World.ADS)) {
      String country = declared(w, g, a);
      currency = g.currency().equals("*") ? currencyOf(country) : g.currency();
      funder = g.funder();
      targets = g.targets() != null ? g.targets() : new String[] {country};
      url = "https://" + g.domain() + "/" + slug(w, g, r.nextInt(1000));
      n = r.between(2, 6);
    } else {
      return out.iterator();
    }
    for (int i = 0; i < n; i++) {
      int start = r.nextInt(World.DAYS - 10);
      double usd =
          r.logNormal(Math.log(g != null && g.kind().equals(World.OPERATION) ? 900 : 150), 1);
      BigDecimal spend =
          BigDecimal.valueOf(usd / usdPerUnit(currency)).setScale(2, RoundingMode.HALF_UP);
      out.add(
          RowFactory.create(
              "ad" + a + "-" + i,
              World.accountId(a),
              "facebook",
              Date.valueOf(World.START.plusDays(start)),
              Date.valueOf(World.START.plusDays(start + r.between(1, 9))),
              spend,
              currency,
              (long) (usd * r.between(50, 400)),
              targets,
              funder,
              words(r, g == null ? "en" : g.lang(), r.between(6, 14)),
              new String[] {url}));
    }
    return out.iterator();
  }

  static String currencyOf(String country) {
    for (String[] c : Vocabulary.COUNTRIES) {
      if (c[0].equals(country)) {
        return c[3];
      }
    }
    return "USD";
  }

  static double usdPerUnit(String currency) {
    return switch (currency) {
      case "EUR" -> 1.03;
      case "GBP" -> 1.21;
      case "RUB" -> 0.0165;
      case "CNY" -> 0.149;
      case "CZK" -> 0.042;
      case "UAH" -> 0.034;
      case "INR" -> 0.0126;
      case "BRL" -> 0.19;
      case "JPY" -> 0.0075;
      case "IRR" -> 0.0000237;
      default -> 1.0;
    };
  }

  // ---------------------------------------------------------------- labels

  /** Takedown rows: most (not all) accounts of labelled operations, dated at their takedown. */
  static Iterator<Row> takedown(World w, long a) {
    Group g = w.groupOf(a);
    if (g == null
        || !g.kind().equals(World.OPERATION)
        || !g.labelled()
        || !new Rng(w.seed, a, 50).chance(0.9)) {
      return Collections.emptyIterator();
    }
    return List.of(
            RowFactory.create(
                World.accountId(a),
                g.id(),
                Date.valueOf(World.START.plusDays(g.endDay() + 1)),
                g.origin(),
                g.targets(),
                "synthetic CIB report " + g.id()))
        .iterator();
  }

  /** group, kind, archetype and labelled (its campaign is in the takedowns) of an account. */
  static Row groundTruth(World w, long a) {
    Group g = w.groupOf(a);
    if (g == null) {
      return RowFactory.create(World.accountId(a), "organic", World.ORGANIC, "organic", false);
    }
    // a campaign's return after its takedown belongs to a labelled campaign, though its new
    // accounts are in no takedown
    boolean labelled =
        g.kind().equals(World.OPERATION) && (g.labelled() || g.archetype().equals("return"));
    return RowFactory.create(World.accountId(a), g.id(), g.kind(), g.archetype(), labelled);
  }
}
