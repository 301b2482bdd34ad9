package org.cibnet.network;

import static org.apache.spark.sql.functions.array_intersect;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.size;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.assertj.core.data.Offset;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.schema.Schemas;
import org.cibnet.testing.DatasetAssert;
import org.cibnet.testing.RowBuilder;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.Seq;

@ExtendWith(SparkExtension.class)
class CoordinationSignalsTest {
  static final Settings ONLY_COACTION =
      Settings.defaults()
          .with(SettingKeys.NEARTEXT, false)
          .with(SettingKeys.SYNC, false)
          .with(SettingKeys.PERSONA, false)
          .with(SettingKeys.PHOTO, false)
          .with(SettingKeys.PAYER, false);

  static Dataset<Row> accounts(SparkSession spark, String... ids) {
    RowBuilder[] rows = new RowBuilder[ids.length];
    for (int i = 0; i < ids.length; i++) {
      rows[i] = RowBuilder.account(ids[i]);
    }
    return RowBuilder.frame(spark, rows);
  }

  static Dataset<Row> edges(SparkSession spark, Settings s, RowBuilder... posts) {
    Dataset<Row> p = RowBuilder.frame(spark, posts);
    return CoordinationGraph.detect(p, accounts(spark, "a1"), null, s).edges();
  }

  @Test
  void normalisesUrlsBeforeComparing(SparkSession spark) {
    Dataset<Row> urls =
        spark.createDataFrame(
            List.of(
                RowBuilder.of(new StructType().add("u", "string"))
                    .set("u", "https://www.Spiegel.LTD/a/b/?utm_source=fb&id=7&fbclid=x#top")
                    .build(),
                RowBuilder.of(new StructType().add("u", "string"))
                    .set("u", "spiegel.ltd/a/b?id=7")
                    .build()),
            new StructType().add("u", "string"));
    assertThat(urls.select(UrlNormalizer.normalize(col("u"))).as(Encoders.STRING()).collectAsList())
        .containsExactly("spiegel.ltd/a/b?id=7", "spiegel.ltd/a/b?id=7");
  }

  @Test
  void normalisesEachUrlOfAPost(SparkSession spark) {
    Dataset<Row> post =
        spark.sql(
            "select array('a.com/x//?b=1&a=2&&', '/a?x=1&b=2&utm_x=3', 'a.com/p?q=1?r=2#x?y',"
                + " 'HTTPS://A.com/P/?Si=1&s=2', null, 'https://', 'example.com#frag/x',"
                + " '/relative/path', 'ftp://user:pw@files.example.com/f') as urls");
    List<String> normalised =
        post.select(explode(UrlNormalizer.normalizeAll(col("urls"))))
            .as(Encoders.STRING())
            .collectAsList();
    // the path is what follows a host; a query is read after the first "?", up to the fragment
    assertThat(normalised)
        .containsExactly(
            "a.com/x?a=2&b=1",
            "?b=2&x=1",
            "a.com/p?q=1?r=2",
            "a.com/P?s=2",
            null,
            "",
            "example.com",
            "",
            "user:pw@files.example.com/f");
  }

  @Test
  void hostIsTheHostOfTheNormalisedUrl(SparkSession spark) {
    // host() skips building the path and parameters; it must agree with normalize() on the host
    List<String> urls =
        Arrays.asList(
            "https://www.Spiegel.LTD/a/b/?utm_source=fb#top",
            " HTTP://WWW.example.org:8080/x ",
            "example.com#frag/x",
            "example.com?x=1",
            "/relative/path",
            "?only=params",
            "",
            null,
            "mailto:someone@example.net",
            "ftp://user:pw@files.example.com/f",
            "www.",
            "https://",
            "sub.www.example.co.uk/path",
            "https://xn--80ak6aa92e.com/путь");
    Dataset<Row> df = spark.createDataset(urls, Encoders.STRING()).toDF("u");
    List<Row> rows =
        df.select(
                col("u"),
                UrlNormalizer.host(col("u")).as("fast"),
                regexp_extract(UrlNormalizer.normalize(col("u")), "^([^/?:]+)", 1).as("full"))
            .collectAsList();
    for (Row r : rows) {
      assertThat((String) r.getAs("fast"))
          .as("host of %s", (Object) r.getAs("u"))
          .isEqualTo(r.getAs("full"));
    }
    assertThat(df.select(UrlNormalizer.host(col("u"))).as(Encoders.STRING()).collectAsList())
        .startsWith("spiegel.ltd", "example.org", "example.com", "example.com", "", "", "");
  }

  @Test
  void normalisesTextBeforeComparing(SparkSession spark) {
    Dataset<Row> texts =
        spark.createDataFrame(
            List.of(
                RowBuilder.of(new StructType().add("t", "string"))
                    .set(
                        "t",
                        "\uFF28ello\u200B WORLD!!\n"
                            + "Second\tline https://t.co/x?a=1 @bob_1 \u2014 end.")
                    .build()),
            new StructType().add("t", "string"));
    // full-width letters folded (NFKC), the zero-width space removed, case folded, the URL and the
    // mention stripped, a line break and a tab separating words, punctuation runs one space
    assertThat(texts.select(TextShingles.normalize(col("t"))).as(Encoders.STRING()).collectAsList())
        .containsExactly("hello world second line end");
  }

  @Test
  void pairsAccountsSharingTwoLinksWithinTheWindowInclusive(SparkSession spark) {
    Dataset<Row> e =
        edges(
            spark,
            ONLY_COACTION,
            RowBuilder.post("p1")
                .set("account_id", "a2")
                .at("2022-06-01T10:00:00Z")
                .urls("https://x.example/1"),
            RowBuilder.post("p2")
                .set("account_id", "a1")
                .at("2022-06-01T10:01:00Z")
                .urls("https://www.x.example/1/?utm_source=t"),
            RowBuilder.post("p3")
                .set("account_id", "a2")
                .at("2022-06-02T10:00:00Z")
                .urls("https://x.example/2"),
            RowBuilder.post("p4")
                .set("account_id", "a1")
                .at("2022-06-02T10:00:30Z")
                .urls("https://x.example/2"),
            // a3 shares both links 61 s after a2 (outside the window) but within 1 s and 31 s of a1
            RowBuilder.post("p5")
                .set("account_id", "a3")
                .at("2022-06-01T10:01:01Z")
                .urls("https://x.example/1"),
            RowBuilder.post("p6")
                .set("account_id", "a3")
                .at("2022-06-02T10:01:01Z")
                .urls("https://x.example/2"),
            // a self-pair is never made
            RowBuilder.post("p7")
                .set("account_id", "a1")
                .at("2022-06-02T10:00:31Z")
                .urls("https://x.example/2"));
    DatasetAssert.assertRows(
        e,
        List.of(List.of("co_link", "a1", "a2", 2L), List.of("co_link", "a1", "a3", 2L)),
        "signal",
        "account_a",
        "account_b",
        "support");
    Row edge = e.filter("account_b = 'a2'").first();
    assertThat(edge.<Seq<String>>getAs("evidence").mkString(",")).contains("p1").contains("p2");
  }

  @Test
  void organicViralityOverHoursMakesNoEdges(SparkSession spark) {
    // 300 accounts share one popular link each, spread over ten hours, and a second one the next
    // day.
    Dataset<Row> posts =
        spark
            .range(600)
            .selectExpr(
                "concat('p', id) as post_id",
                "concat('u', id % 300) as account_id",
                "'twitter' as platform",
                "timestamp_seconds(1654077600 + (id div 300) * 86400 + (id % 300) * 120) as"
                    + " created_at",
                "cast(null as string) as text",
                "cast(null as string) as lang",
                "array(concat('https://news.example/story', id div 300)) as urls",
                "cast(null as array<string>) as hashtags",
                "cast(null as string) as reshare_of",
                "cast(null as string) as reply_to",
                "0L as like_count",
                "0L as share_count",
                "0L as comment_count");
    Dataset<Row> e =
        CoordinationGraph.detect(posts, accounts(spark, "u0"), null, ONLY_COACTION).edges();
    assertThat(e.count()).as("links spreading over hours are not coordination").isZero();
  }

  @Test
  void oneViralUrlSharedByAHundredThousandAccountsInAMinuteIsABurstNotPairs(SparkSession spark) {
    long n = 100_000;
    Dataset<Row> actions =
        spark
            .range(n)
            .selectExpr(
                "'co_link' as signal",
                "'viral.example/x' as object",
                "concat('acc', id) as account_id",
                "concat('p', id) as evidence",
                "1654077600L + id % 60 as ts");
    PairBuilder.Pairs p = PairBuilder.windowed(actions, 60, 200);
    long pairs = p.pairs().count();
    long considered =
        p.considered().agg(expr("coalesce(sum(pairs_considered), 0)")).first().getLong(0);
    System.out.printf(
        "skew: %d actions, %d pairs considered, %d pairs, %d bursts%n",
        n, considered, pairs, p.bursts().count());
    assertThat(considered)
        .as("pairs considered stay within a fixed multiple of the input")
        .isLessThanOrEqualTo(10 * n);
    assertThat(pairs).isZero();
    assertThat(p.bursts().filter(col("n_accounts").equalTo(n)).count()).isEqualTo(1);
  }

  @Test
  void pairsLoneActionsAcrossAdjacentWindowsAndSkipsKeysThatCannotPair(SparkSession spark) {
    // Keys holding one account are only joined when an adjacent window of the same object has a
    // key: z pairs across the window boundary (59 s and 61 s, 2 s apart), w's lone actions are
    // two windows apart, v has one account twice in one window.
    Dataset<Row> actions =
        spark.sql(
            "select 'co_link' as signal, object, account_id, evidence, ts from values "
                + "('z', 'a1', 'p1', 59L), ('z', 'a2', 'p2', 61L), ('z', 'a3', 'p3', 300L),"
                + "('w', 'a1', 'p4', 10L), ('w', 'a2', 'p5', 130L),"
                + "('v', 'a1', 'p6', 1000L), ('v', 'a1', 'p7', 1001L),"
                + "('u', 'a4', 'p8', 500L), ('u', 'a5', 'p9', 510L)"
                + " as t(object, account_id, evidence, ts)");
    PairBuilder.Pairs p = PairBuilder.windowed(actions, 60, 200);
    // pairs name their object by its key: the hash of (signal, object)
    Dataset<Row> named =
        p.pairs()
            .join(
                actions
                    .select(
                        col("object"),
                        PairBuilder.objectKey(col("signal"), col("object"))
                            .as(PairBuilder.OBJECT_KEY))
                    .distinct(),
                PairBuilder.OBJECT_KEY);
    DatasetAssert.assertRows(
        named,
        List.of(List.of("z", "a1", "a2", "p1", "p2"), List.of("u", "a4", "a5", "p8", "p9")),
        "object",
        "account_a",
        "account_b",
        "evidence_a",
        "evidence_b");
    // z: 1 * 1 across windows 0 and 1; v: 2 * 1 / 2 (one account twice); u: 2 * 1 / 2
    assertThat(
            p.considered().first().getLong(p.considered().first().fieldIndex("pairs_considered")))
        .isEqualTo(3);
  }

  @Test
  void edgesCountDistinctObjectsAndShowTheEvidenceOfTwo(SparkSession spark) {
    // a1 and a2 meet on objects 10 (twice), 20 and 30 (twice); a1 and a3 on object 10 only, which
    // three accounts then share.
    Dataset<Row> pairs =
        spark.sql(
            "select 'co_link' as signal, object_key, account_a, account_b, evidence_a, evidence_b,"
                + " ts_a, ts_b from values (10L, 'a1', 'a2', 'p3', 'p4', 100L, 130L), (10L, 'a1',"
                + " 'a2', 'p1', 'p9', 160L, 150L), (20L, 'a1', 'a2', 'p5', 'p6', 500L, 510L), (30L,"
                + " 'a1', 'a2', 'p8', 'p2', 900L, 905L), (30L, 'a1', 'a2', 'p7', 'p8', 40L, 45L),"
                + " (10L, 'a1', 'a3', 'p3', 'q1', 100L, 101L) as t(object_key, account_a,"
                + " account_b, evidence_a, evidence_b, ts_a, ts_b)");
    List<Row> edges = PairBuilder.edges(pairs).orderBy("account_b").collectAsList();
    assertThat(edges).hasSize(2);
    Row a2 = edges.get(0);
    assertThat(a2.<Long>getAs("support")).isEqualTo(3L);
    // 1/log2(1+3) for object 10, 1/log2(1+2) for objects 20 and 30
    assertThat(a2.<Double>getAs("weight"))
        .isCloseTo(0.5 + 2 / (Math.log(3) / Math.log(2)), Offset.offset(1e-9));
    assertThat(a2.<Timestamp>getAs("first_at").getTime()).isEqualTo(40_000L);
    assertThat(a2.<Timestamp>getAs("last_at").getTime()).isEqualTo(905_000L);
    // the objects with the least and the greatest key, each by its least pair of ids: not object 20
    assertThat(a2.<Seq<String>>getAs("evidence").mkString(",")).isEqualTo("p1,p7,p8,p9");
    Row a3 = edges.get(1);
    assertThat(a3.<Long>getAs("support")).isEqualTo(1L);
    assertThat(a3.<Seq<String>>getAs("evidence").mkString(",")).isEqualTo("p3,q1");
  }

  @Test
  void edgesAreTheFiguresOfGroupingThePairsBySpark(SparkSession spark) {
    // 4,000 pairs of actions: 40 accounts, 60 objects (some shared by most pairs), objects repeated
    // within a pair, times missing (as for assets), ids past U+FFFF (Java's String order differs
    // there from Spark's) and ties between pairs of ids.
    SplittableRandom random = new SplittableRandom(5);
    String[] ids = {"p1", "p10", "p2", "p\uFFFD", "p\uD83D\uDE00", "q", "q1", "P"};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      int a = random.nextInt(40);
      int b = a + 1 + random.nextInt(3);
      boolean asset = random.nextInt(5) == 0;
      Long ts = asset ? null : 1_000L + random.nextInt(100_000);
      Long ts2 = asset ? null : random.nextInt(10) == 0 ? null : ts + random.nextInt(60);
      rows.add(
          RowFactory.create(
              asset ? Signal.SHARED_PHOTO : Signal.CO_LINK,
              (long) (random.nextInt(3) == 0 ? random.nextInt(4) : random.nextInt(60)),
              String.format("a%02d", a),
              String.format("a%02d", b),
              ids[random.nextInt(ids.length)] + (i % 7),
              ids[random.nextInt(ids.length)],
              ts,
              ts2));
    }
    StructType schema =
        new StructType()
            .add("signal", "string", false)
            .add(PairBuilder.OBJECT_KEY, "long", false)
            .add("account_a", "string", false)
            .add("account_b", "string", false)
            .add("evidence_a", "string", false)
            .add("evidence_b", "string", false)
            .add("ts_a", "long", true)
            .add("ts_b", "long", true);
    Dataset<Row> pairs = spark.createDataFrame(rows, schema);
    // The definition in Spark's own aggregations: popularity per object, figures per object of a
    // pair, then per pair (the evidence ids of its least and greatest object).
    Dataset<Row> popularity =
        pairs
            .select(
                col(PairBuilder.OBJECT_KEY), explode(expr("array(account_a, account_b)")).as("acc"))
            .groupBy(PairBuilder.OBJECT_KEY)
            .agg(expr("count(distinct acc) as n_obj"));
    Dataset<Row> expected =
        pairs
            .join(popularity, PairBuilder.OBJECT_KEY)
            .groupBy(col("signal"), col("account_a"), col("account_b"), col(PairBuilder.OBJECT_KEY))
            .agg(
                expr("min(least(ts_a, ts_b)) as first_ts"),
                expr("max(greatest(ts_a, ts_b)) as last_ts"),
                expr("min(n_obj) as n_obj"),
                expr("min(array(evidence_a, evidence_b)) as ids"))
            .groupBy("signal", "account_a", "account_b")
            .agg(
                expr("count(*) as support"),
                expr("sum(cast(round(1e9 / log(2.0, n_obj + 1)) as long)) / 1e9 as weight"),
                expr("timestamp_seconds(min(first_ts)) as first_at"),
                expr("timestamp_seconds(max(last_ts)) as last_at"),
                expr("min(struct(object_key, ids)).ids as ids_1"),
                expr("max(struct(object_key, ids)).ids as ids_2"))
            .selectExpr("*", "sort_array(array_distinct(concat(ids_1, ids_2))) as evidence");
    String[] cols = {
      "signal", "account_a", "account_b", "support", "weight", "first_at", "last_at", "evidence"
    };
    assertThat(expected.filter("support > 2 and first_at is not null").count()).isGreaterThan(20);
    assertThat(expected.filter("first_at is null").count()).isGreaterThan(5);
    // objects sent to every task, and joined by partitions
    for (long broadcastMaxObjects : new long[] {1_000_000, 0}) {
      DatasetAssert.assertSameRows(PairBuilder.edges(pairs, broadcastMaxObjects), expected, cols);
    }
  }

  @Test
  void evidenceIdsCompareAsSparkComparesThem(SparkSession spark) {
    String[] words = {
      null, "", "a", "ab", "b", "Z", "\u00E9", "\uFFFD", "\uD83D\uDE00", "a\uD83D\uDE00", "a\uFFFD"
    };
    List<Row> rows = new ArrayList<>();
    for (String l : words) {
      for (String r : words) {
        rows.add(RowFactory.create(l, r));
      }
    }
    StructType schema = new StructType().add("l", "string").add("r", "string");
    // arrays of two, as evidence ids are paired: Spark orders nulls first, then by UTF-8 bytes
    List<Row> spark_ =
        spark
            .createDataFrame(rows, schema)
            .selectExpr(
                "l",
                "r",
                "case when array(l, 'x') < array(r, 'x') then -1"
                    + " when array(l, 'x') > array(r, 'x') then 1 else 0 end as c")
            .collectAsList();
    assertThat(spark_).hasSize(words.length * words.length);
    for (Row row : spark_) {
      String[] l = {row.getString(0), "x"};
      String[] r = {row.getString(1), "x"};
      assertThat(Integer.signum(EdgeFigures.compareIds(l, r)))
          .as("%s against %s", row.getString(0), row.getString(1))
          .isEqualTo(row.getInt(2));
    }
  }

  @Test
  void countsPairsConsideredWithinAKeyAndWithTheNextWindowOnly(SparkSession spark) {
    // x: 3 actions in window 0, 2 in window 1, 1 in window 3; y: 4 accounts in window 1 (over the
    // cap of 3: a burst, not compared) and 2 in window 2.
    String[][] rows = {
      {"x", "a1", "0"},
      {"x", "a2", "10"},
      {"x", "a3", "20"},
      {"x", "a1", "61"},
      {"x", "a4", "70"},
      {"x", "a5", "190"},
      {"y", "a1", "60"},
      {"y", "a2", "61"},
      {"y", "a3", "62"},
      {"y", "a4", "63"},
      {"y", "a5", "121"},
      {"y", "a6", "122"},
    };
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < rows.length; i++) {
      values
          .append(i == 0 ? "" : ", ")
          .append(String.format("('%s', '%s', 'p%d', %sL)", rows[i][0], rows[i][1], i, rows[i][2]));
    }
    Dataset<Row> actions =
        spark.sql(
            "select 'co_link' as signal, object, account_id, evidence, ts from values "
                + values
                + " as t(object, account_id, evidence, ts)");
    PairBuilder.Pairs p = PairBuilder.windowed(actions, 60, 3);
    // x: 3*2/2 within window 0, 3*2 with window 1, 2*1/2 within window 1, nothing for window 3;
    // y: 2*1/2 within window 2, and window 1 is a burst so nothing across.
    assertThat(
            p.considered().first().getLong(p.considered().first().fieldIndex("pairs_considered")))
        .isEqualTo(3 + 6 + 1 + 1);
    assertThat(p.bursts().count()).isEqualTo(1);
  }

  @Test
  void findsChineseNearDuplicatesPostedInWaves(SparkSession spark) {
    String base = "今天人们政府城市学校工作家庭天气比赛音乐水市场选举健康团队价格教会街道夜晚";
    RowBuilder[] posts = new RowBuilder[6];
    String[] accounts = {"c1", "c2", "c3"};
    for (int wave = 0; wave < 2; wave++) {
      for (int k = 0; k < 3; k++) {
        String t = wave == 0 ? base : new StringBuilder(base).reverse().toString();
        t = t.substring(0, 5 + k) + "美" + t.substring(6 + k); // one character differs per account
        posts[wave * 3 + k] =
            RowBuilder.post("w" + wave + accounts[k])
                .set("account_id", accounts[k])
                .set("text", t)
                .at("2022-06-0" + (1 + wave) + "T10:0" + k + ":00Z");
      }
    }
    Settings nearOnly =
        ONLY_COACTION.with(SettingKeys.NEARTEXT, true).with(SettingKeys.COTEXT, false);
    Dataset<Row> e = edges(spark, nearOnly, posts);
    DatasetAssert.assertRows(
        e.select("signal", "account_a", "account_b"),
        List.of(
            List.of("near_text", "c1", "c2"),
            List.of("near_text", "c1", "c3"),
            List.of("near_text", "c2", "c3")),
        "signal",
        "account_a",
        "account_b");
  }

  @Test
  void nearTextKeysAreTheBandKeysThatTwoPostsHold(SparkSession spark) {
    // The keys are counted as (band, 64-bit hash) and spelled in SQL only for those two posts hold:
    // the spelling must be the documented "band:hex" of TextShingles.bandKeys.
    String[] texts = {
      "the truth about the war is hidden from you share before they delete",
      "the truth about the war is hidden from you share before they delete it",
      "a completely different post about the weather and the football match",
      "another lone post that shares nothing with the others at all today",
    };
    RowBuilder[] posts = new RowBuilder[texts.length];
    for (int i = 0; i < texts.length; i++) {
      posts[i] = RowBuilder.post("p" + i).set("account_id", "a" + i).set("text", texts[i]);
    }
    Dataset<Row> shingled = CoordinationSignals.shingled(RowBuilder.frame(spark, posts), 4);
    Dataset<Row> signatures = CoordinationSignals.nearTextSignatures(shingled, 8, 4);
    List<Row> actions =
        CoordinationSignals.nearTextBands(signatures).select("object", "evidence").collectAsList();

    Map<String, List<String>> holders = new TreeMap<>();
    for (Row r : shingled.select("post_id", "shingles").collectAsList()) {
      long[] hashes = r.getList(1).stream().mapToLong(h -> (Long) h).toArray();
      for (String key : TextShingles.bandKeys(hashes, 8, 4)) {
        holders.computeIfAbsent(key, k -> new ArrayList<>()).add(r.getString(0));
      }
    }
    List<List<String>> expected = new ArrayList<>();
    holders.forEach(
        (key, held) -> {
          if (held.size() > 1) {
            held.forEach(p -> expected.add(List.of(key, p)));
          }
        });
    assertThat(expected).as("the two near-duplicates share some band").isNotEmpty();
    assertThat(actions.stream().map(r -> List.of(r.getString(0), r.getString(1))).toList())
        .containsExactlyInAnyOrderElementsOf(expected);
    // the path for more shared keys than are broadcast (joined by hash partitions) gives the same
    DatasetAssert.assertSameRows(
        CoordinationSignals.nearTextBands(signatures, 0),
        CoordinationSignals.nearTextBands(signatures),
        "object",
        "account_id",
        "evidence",
        "ts",
        "band");
  }

  /**
   * Shingle sets made to share chosen LSH bands: two identical posts, three sharing band 0 only.
   */
  private static Dataset<Row> postsSharingBands(SparkSession spark) {
    long[] base = LongStream.rangeClosed(1, 20).toArray();
    long[] baseBands = TextShingles.bandHashes(base, 8, 4);
    List<long[]> crowd = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    while (crowd.size() < 3) {
      long[] t = base.clone();
      for (int m = 0; m < 3; m++) {
        t[random.nextInt(t.length)] = random.nextLong();
      }
      long[] set = Arrays.stream(t).distinct().sorted().toArray();
      long[] bands = TextShingles.bandHashes(set, 8, 4);
      boolean onlyBandZero = bands[0] == baseBands[0];
      for (int j = 1; j < 8; j++) {
        onlyBandZero &= bands[j] != baseBands[j];
        for (long[] other : crowd) {
          onlyBandZero &= bands[j] != TextShingles.bandHashes(other, 8, 4)[j];
        }
      }
      if (onlyBandZero) {
        crowd.add(set);
      }
    }
    StructType schema =
        new StructType()
            .add("post_id", "string")
            .add("account_id", "string")
            .add("created_at", "timestamp")
            .add("shingles", "array<bigint>");
    Timestamp at = Timestamp.from(Instant.parse("2022-06-01T12:00:00Z"));
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create("p1", "a1", at, boxed(base)));
    rows.add(RowFactory.create("p2", "a2", at, boxed(base)));
    for (int i = 0; i < crowd.size(); i++) {
      rows.add(RowFactory.create("c" + i, "a" + (3 + i), at, boxed(crowd.get(i))));
    }
    return spark.createDataFrame(rows, schema);
  }

  private static List<Long> boxed(long[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  /**
   * The scan's near-duplicate check decides every pair as Spark's size(array_intersect) over s / (a
   * + b - s) in doubles does: every pair of set sizes up to 20 and every overlap, at thresholds
   * that land on exact fractions (0.5, 0.45 = 9/20, 0.75) and some that do not.
   */
  @Test
  void nearDuplicateDecidesAsSparksJaccardDoes(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("l", "array<bigint>")
            .add("r", "array<bigint>")
            .add("jaccard", "double");
    List<Row> rows = new ArrayList<>();
    for (int a = 1; a <= 20; a++) {
      for (int b = 1; b <= 20; b++) {
        for (int shared = 0; shared <= Math.min(a, b); shared++) {
          // l holds 0..a-1; r holds the first `shared` of them and b - shared of its own
          long[] r = new long[b];
          for (int i = 0; i < b; i++) {
            r[i] = i < shared ? i : 1000 + i;
          }
          rows.add(
              RowFactory.create(
                  boxed(LongStream.range(0, a).toArray()),
                  boxed(r),
                  (double) shared / (a + b - shared)));
        }
      }
    }
    Dataset<Row> pairs = spark.createDataFrame(rows, schema);
    for (double threshold : new double[] {0.45, 0.5, 0.75, 0.7, 1.0 / 3, 0.01, 1.0}) {
      List<Row> decided =
          pairs.select(col("l"), col("r"), jaccardReaches("l", "r", threshold)).collectAsList();
      assertThat(decided).hasSize(rows.size());
      long kept = 0;
      for (Row row : decided) {
        boolean scan =
            NearDuplicateScan.nearDuplicate(
                longs(row.getList(0)), longs(row.getList(1)), threshold);
        assertThat(scan)
            .as("%s and %s at %s", row.get(0), row.get(1), threshold)
            .isEqualTo(row.getBoolean(2));
        kept += scan ? 1 : 0;
      }
      assertThat(kept)
          .as("pairs at Jaccard %s", threshold)
          .isEqualTo(rows.stream().filter(r -> r.getDouble(2) >= threshold).count());
    }
  }

  /** Spark's Jaccard of two shingle arrays reaches `threshold`: the condition the scan replaces. */
  private static Column jaccardReaches(String l, String r, double threshold) {
    Column shared = size(array_intersect(col(l), col(r)));
    return shared
        .cast("double")
        .divide(size(col(l)).plus(size(col(r))).minus(shared))
        .geq(threshold);
  }

  private static long[] longs(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * The scan of each key in time order finds exactly the pairs the self-join of the band actions on
   * the window does with Spark's Jaccard: paraphrases of a few templates by forty accounts over
   * three hours (pairs across an hour's boundary, an account repeating itself, identical copies
   * that share every band), with no burst and with bursts.
   */
  @Test
  void nearDuplicateScanFindsThePairsOfTheSelfJoin(SparkSession spark) {
    Random random = new Random(11);
    List<String> templates = new ArrayList<>();
    for (String lang : List.of("en", "ru", "zh")) {
      for (int t = 0; t < 2; t++) {
        templates.add(lang + "|" + ParaphraseRecallTest.sentence(random, lang, 14 + t * 6));
      }
    }
    long start = Instant.parse("2022-06-01T10:00:00Z").getEpochSecond();
    List<RowBuilder> posts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String[] template = templates.get(random.nextInt(templates.size())).split("\\|");
      String text =
          i % 10 == 0
              ? template[1]
              : ParaphraseRecallTest.paraphrase(random, template[0], template[1]);
      posts.add(
          RowBuilder.post("p" + i)
              .set("account_id", "a" + random.nextInt(40))
              .set("text", text)
              .set(
                  "created_at",
                  Timestamp.from(Instant.ofEpochSecond(start + random.nextInt(3 * 3600)))));
    }
    Settings s = Settings.defaults();
    int bands = s.getInt(SettingKeys.NEARTEXT_BANDS);
    double jaccard = s.getDouble(SettingKeys.NEARTEXT_JACCARD);
    Dataset<Row> signatures =
        CoordinationSignals.nearTextSignatures(
            CoordinationSignals.shingled(
                RowBuilder.frame(spark, posts.toArray(RowBuilder[]::new)), 12),
            bands,
            s.getInt(SettingKeys.NEARTEXT_ROWS));
    Dataset<Row> actions = CoordinationSignals.nearTextBands(signatures);
    PairBuilder.Pairing firstBand =
        new PairBuilder.Pairing(
            CoordinationSignals.nearTextDetails(signatures),
            CoordinationSignals.earlierBandKeys(bands),
            null,
            true);
    PairBuilder.Pairing joined =
        new PairBuilder.Pairing(
            firstBand.details(),
            firstBand.earlierKeys(),
            jaccardReaches(
                "l." + CoordinationSignals.SHINGLES, "r." + CoordinationSignals.SHINGLES, jaccard),
            true);
    String[] cols = {
      "signal", "object_key", "account_a", "account_b", "evidence_a", "evidence_b", "ts_a", "ts_b"
    };
    for (long cap : new long[] {200, 12}) {
      PairBuilder.Pairs scan =
          PairBuilder.nearDuplicatesInWindow(actions, 3600, cap, firstBand, jaccard);
      PairBuilder.Pairs join = PairBuilder.windowed(actions, 3600, cap, joined);
      long n = scan.pairs().count();
      assertThat(n).as("pairs under a cap of %s", cap).isGreaterThan(1000);
      assertThat(scan.bursts().count() > 0)
          .as("bursts under a cap of %s", cap)
          .isEqualTo(cap == 12);
      assertThat(scan.onePerActionPair()).isTrue();
      DatasetAssert.assertSameRows(scan.pairs(), join.pairs(), cols);
      DatasetAssert.assertSameRows(
          scan.considered(), join.considered(), "signal", "pairs_considered");
      assertThat(scan.pairs().filter(expr("floor(ts_a / 3600) != floor(ts_b / 3600)")).count())
          .as("pairs across an hour's boundary")
          .isPositive();
    }
  }

  @Test
  void nearTextPairsEachPairOfPostsOnceEvenWhenItsFirstSharedBandIsABurst(SparkSession spark) {
    Dataset<Row> signatures =
        CoordinationSignals.nearTextSignatures(postsSharingBands(spark), 8, 4);
    Dataset<Row> actions = CoordinationSignals.nearTextBands(signatures);
    PairBuilder.Pairing firstThatPairs =
        new PairBuilder.Pairing(
            CoordinationSignals.nearTextDetails(signatures),
            CoordinationSignals.earlierBandKeys(8),
            null);
    String[] cols = {"account_a", "account_b", "evidence_a", "evidence_b"};

    // No burst: every pair of the five posts shares band 0, p1 and p2 all eight bands; each pair
    // comes out of the pair builder once, as the same pairs once made distinct.
    PairBuilder.Pairs firstBand = PairBuilder.windowed(actions, 3600, 200, firstThatPairs);
    assertThat(firstBand.onePerActionPair()).isTrue();
    List<Row> once =
        firstBand
            .pairs()
            .select("account_a", "account_b", "evidence_a", "evidence_b")
            .collectAsList();
    assertThat(once).hasSize(10).doesNotHaveDuplicates();
    // nearTextBands keeps only keys held at least twice: told so, the pair builder does not look
    // for the others again, and pairs the same
    DatasetAssert.assertSameRows(
        PairBuilder.windowed(
                actions,
                3600,
                200,
                new PairBuilder.Pairing(
                    firstThatPairs.details(), firstThatPairs.earlierKeys(), null, true))
            .pairs()
            .select("account_a", "account_b", "evidence_a", "evidence_b"),
        firstBand.pairs().select("account_a", "account_b", "evidence_a", "evidence_b"),
        cols);
    // the posts' representatives sent to every task or joined by partitions: the same objects
    DatasetAssert.assertSameRows(
        PairBuilder.nearDuplicates(firstBand, 0),
        PairBuilder.nearDuplicates(firstBand),
        "object_key",
        "account_a",
        "account_b",
        "evidence_a",
        "evidence_b");
    DatasetAssert.assertSameRows(
        firstBand.pairs().select("account_a", "account_b", "evidence_a", "evidence_b"),
        PairBuilder.windowed(actions, 3600, 200)
            .pairs()
            .select("account_a", "account_b", "evidence_a", "evidence_b")
            .distinct(),
        cols);

    // Band 0 held by five accounts is a burst under a cap of 3: p1 and p2 are paired by their other
    // bands, once (on band 1, the first that pairs them); left to band 0 they would have been lost.
    PairBuilder.Pairs burst = PairBuilder.windowed(actions, 3600, 3, firstThatPairs);
    assertThat(burst.onePerActionPair()).isTrue();
    assertThat(burst.bursts().count()).isEqualTo(1);
    DatasetAssert.assertRows(
        burst.pairs().select("account_a", "account_b", "evidence_a", "evidence_b"),
        List.of(List.of("a1", "a2", "p1", "p2")),
        cols);
    PairBuilder.Pairs verified =
        PairBuilder.nearDuplicatesInWindow(actions, 3600, 3, firstThatPairs, 0.7);
    DatasetAssert.assertRows(
        PairBuilder.nearDuplicates(verified), List.of(List.of("a1", "a2", "p1", "p2")), cols);
  }

  @Test
  void nearDuplicatePairsShareTheirPostsLeastRepresentative(SparkSession spark) {
    // Each post's representative is the least of itself and its near-duplicates: p5's is p1, p3's
    // itself (its one near-duplicate, p5, is greater), p4's p2. A pair's object is the lesser of
    // its two posts' representatives.
    Dataset<Row> verified =
        spark.sql(
            "select 'near_text' as signal, 0L as object_key, account_a, account_b, evidence_a,"
                + " evidence_b, 10L as ts_a, 20L as ts_b from values ('a1', 'a2', 'p3', 'p5'),"
                + " ('a1', 'a3', 'p5', 'p1'), ('a2', 'a4', 'p2', 'p4'), ('a3', 'a4', 'p6', 'p7')"
                + " as t(account_a, account_b, evidence_a, evidence_b)");
    PairBuilder.Pairs pairs =
        new PairBuilder.Pairs(verified, verified.limit(0), verified.limit(0), true);
    List<List<Object>> expected = new ArrayList<>();
    for (String[] p :
        new String[][] {
          {"p3", "p5", "p1"}, {"p5", "p1", "p1"}, {"p2", "p4", "p2"}, {"p6", "p7", "p6"}
        }) {
      expected.add(
          List.of(
              p[0],
              p[1],
              spark.sql("select xxhash64('near_text', '" + p[2] + "')").first().getLong(0)));
    }
    for (long broadcastMaxReps : new long[] {1_000_000, 0}) {
      DatasetAssert.assertRows(
          PairBuilder.nearDuplicates(pairs, broadcastMaxReps),
          expected,
          "evidence_a",
          "evidence_b",
          "object_key");
    }
  }

  @Test
  void pairsNearIdenticalPhotosButIgnoresDefaultAvatars(SparkSession spark) {
    long stolen = 0x0123_4567_89AB_CDEFL;
    List<RowBuilder> rows =
        new ArrayList<>(
            List.of(
                RowBuilder.account("s1").set("profile_image_hash", stolen),
                RowBuilder.account("s2")
                    .set("profile_image_hash", stolen ^ 0b101L), // two bits changed
                RowBuilder.account("far")
                    .set("profile_image_hash", stolen ^ 0b1111100000L))); // 5 and 7 bits off
    for (int i = 0; i < 30; i++) {
      rows.add(RowBuilder.account("d" + i).set("profile_image_hash", 42L));
    }
    Dataset<Row> accounts = RowBuilder.frame(spark, Schemas.ACCOUNTS_SCHEMA, rows);
    Settings photoOnly =
        Settings.defaults()
            .with(SettingKeys.COLINK, false)
            .with(SettingKeys.CORESHARE, false)
            .with(SettingKeys.COREPLY, false)
            .with(SettingKeys.COTEXT, false)
            .with(SettingKeys.NEARTEXT, false)
            .with(SettingKeys.HASHTAGS, false)
            .with(SettingKeys.PERSONA, false)
            .with(SettingKeys.SYNC, false);
    Dataset<Row> posts = RowBuilder.frame(spark, RowBuilder.post("p1"));
    Dataset<Row> e = CoordinationGraph.detect(posts, accounts, null, photoOnly).edges();
    DatasetAssert.assertRows(
        e, List.of(List.of("shared_photo", "s1", "s2")), "signal", "account_a", "account_b");
  }

  @Test
  void hashesEachPostsShinglesOnceEvenUnderLaterFilters(SparkSession spark, @TempDir Path dir) {
    // Without the hashing UDF marked non-deterministic the optimiser copies it into the pushed-down
    // "too few shingles" filter and into later filters, hashing every text several times (27.5 s
    // instead of 7.7 s at 1M posts). The optimised plan must hold the UDF exactly once. Posts are
    // read from a file as in a job: filters over an in-memory relation are evaluated away.
    String path = dir.resolve("posts").toString();
    RowBuilder.frame(spark, RowBuilder.post("p1").set("text", "one two three four five six seven"))
        .write()
        .parquet(path);
    Dataset<Row> shingled =
        CoordinationSignals.shingled(spark.read().parquet(path), 3)
            .filter(size(col("shingles")).lt(1000));
    String plan = shingled.queryExecution().optimizedPlan().toString();
    assertThat(plan.split("shingle_hashes", -1).length - 1).as(plan).isEqualTo(1);
    assertThat(shingled.count()).isEqualTo(1);
  }

  @Test
  void pairsOnePersonaAcrossPlatformsButNotEveryoneWithACommonName(SparkSession spark) {
    // one persona: the same handle and bio on three platforms; a fourth account shares only the
    // handle, a coincidence of names on one field
    String bio = "Independent journalist from Ohio. Asking the questions others won't.";
    List<RowBuilder> rows =
        new ArrayList<>(
            List.of(
                RowBuilder.account("m1")
                    .set("handle", "@ivan.petrov77")
                    .set("platform", "twitter")
                    .set("bio", bio),
                RowBuilder.account("m2")
                    .set("handle", "Ivan.Petrov77")
                    .set("platform", "facebook")
                    .set("bio", bio),
                RowBuilder.account("m3")
                    .set("handle", "ivan.petrov77")
                    .set("platform", "instagram")
                    .set("bio", bio),
                RowBuilder.account("m4")
                    .set("handle", "ivan.petrov77")
                    .set("platform", "petition")));
    for (int i = 0; i < 8; i++) { // eight strangers called Anna Smith
      rows.add(RowBuilder.account("n" + i).set("handle", "anna.smith"));
    }
    Dataset<Row> accounts = RowBuilder.frame(spark, Schemas.ACCOUNTS_SCHEMA, rows);
    Settings personaOnly =
        Settings.defaults()
            .with(SettingKeys.COLINK, false)
            .with(SettingKeys.CORESHARE, false)
            .with(SettingKeys.COREPLY, false)
            .with(SettingKeys.COTEXT, false)
            .with(SettingKeys.NEARTEXT, false)
            .with(SettingKeys.HASHTAGS, false)
            .with(SettingKeys.PHOTO, false)
            .with(SettingKeys.SYNC, false)
            .with(SettingKeys.PAYER, false);
    CoordinationGraph.Detection d =
        CoordinationGraph.detect(
            RowBuilder.frame(spark, RowBuilder.post("p1")), accounts, null, personaOnly);
    DatasetAssert.assertRows(
        d.edges(),
        List.of(
            List.of("mirrored_persona", "m1", "m2"),
            List.of("mirrored_persona", "m1", "m3"),
            List.of("mirrored_persona", "m2", "m3")),
        "signal",
        "account_a",
        "account_b");
    DatasetAssert.assertRows(
        d.bursts(), List.of(List.of("handle:anna.smith", 8L)), "object", "n_accounts");
  }

  @Test
  void labelPropagationSplitsTwoGroupsJoinedByOneWeakLinkAndIsDeterministic(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    String[] x = {"x1", "x2", "x3", "x4"};
    String[] y = {"y1", "y2", "y3", "y4"};
    for (String[] g : List.of(x, y)) {
      for (int i = 0; i < g.length; i++) {
        for (int j = i + 1; j < g.length; j++) {
          rows.add(RowFactory.create(g[i], g[j], 3.0));
        }
      }
    }
    rows.add(RowFactory.create("x4", "y1", 0.3));
    Dataset<Row> edges =
        spark.createDataFrame(
            rows,
            new StructType()
                .add("account_a", "string")
                .add("account_b", "string")
                .add("weight", "double"));
    Dataset<Row> m = Networks.membership(edges, 3, 10);
    DatasetAssert.assertRows(
        m.select("account_id", "network_key"),
        List.of(
            List.of("x1", "x1"),
            List.of("x2", "x1"),
            List.of("x3", "x1"),
            List.of("x4", "x1"),
            List.of("y1", "y1"),
            List.of("y2", "y1"),
            List.of("y3", "y1"),
            List.of("y4", "y1")),
        "account_id",
        "network_key");
    DatasetAssert.assertSameRows(
        Networks.membership(edges, 3, 10), m, "account_id", "network_key", "component");
  }

  @Test
  void graphWeightsSumExactlySoEqualWeightsTie(SparkSession spark) {
    // As doubles 0.1 + 0.2 is 0.30000000000000004, above 0.3, and which of two such sums wins a
    // label-propagation tie would depend on the order rows arrive in; the graph's weights must
    // compare equal.
    Dataset<Row> edges =
        spark.createDataFrame(
            List.of(
                RowFactory.create("a", "b", 0.1),
                RowFactory.create("a", "b", 0.2),
                RowFactory.create("a", "c", 0.3)),
            new StructType()
                .add("account_a", "string")
                .add("account_b", "string")
                .add("weight", "double"));
    List<Row> w = Networks.pairGraph(edges).orderBy("account_b").collectAsList();
    assertThat(w.get(0).get(w.get(0).fieldIndex("w")))
        .isEqualTo(w.get(1).get(w.get(1).fieldIndex("w")));
  }

  @Test
  void carriesAnEarlierIdOverOneToOne(SparkSession spark) {
    Dataset<Row> current =
        spark.createDataFrame(
            List.of(
                RowFactory.create("a1", "a1", 3L), RowFactory.create("a2", "a1", 3L),
                RowFactory.create("a3", "a1", 3L), RowFactory.create("b1", "b1", 3L),
                RowFactory.create("b2", "b1", 3L), RowFactory.create("b3", "b1", 3L)),
            new StructType()
                .add("account_id", "string")
                .add("network_key", "string")
                .add("n_accounts", "long"));
    Dataset<Row> previous =
        spark.createDataFrame(
            List.of(
                RowFactory.create("a1", "net-old"), RowFactory.create("a2", "net-old"),
                RowFactory.create("b1", "net-b"), RowFactory.create("z9", "net-b"),
                RowFactory.create("z8", "net-b"), RowFactory.create("z7", "net-b")),
            new StructType().add("account_id", "string").add("network_id", "string"));
    DatasetAssert.assertRows(
        Networks.carryOver(current, previous, 0.5),
        List.of(List.of("a1", "net-old")),
        "network_key",
        "network_id");
  }
}
