package org.cibnet.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class SyntheticWorldTest {
  static World world;
  static Dataset<Row> posts;
  static Dataset<Row> accounts;
  static Dataset<Row> ads;
  static Dataset<Row> takedowns;
  static Dataset<Row> truth;

  @BeforeAll
  static void generate() {
    SparkSession spark = SparkExtension.spark();
    world = World.plan(7, 1, Set.of("op-cn-01"));
    // named apart from the accounts' own kind column
    truth =
        SyntheticWorld.groundTruth(spark, world)
            .withColumnRenamed("group", "group_id")
            .withColumnRenamed("kind", "group_kind")
            .cache();
    posts = SyntheticWorld.posts(spark, world).join(truth, "account_id").cache();
    accounts = SyntheticWorld.accounts(spark, world).join(truth, "account_id").cache();
    ads = SyntheticWorld.ads(spark, world).join(truth, "account_id").cache();
    takedowns = SyntheticWorld.takedowns(spark, world).cache();
  }

  static World.Group op(int tactic) {
    return Arrays.stream(world.groups)
        .filter(g -> g.kind().equals(World.OPERATION) && g.has(tactic))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no operation uses tactic " + tactic));
  }

  static Dataset<Row> postsOf(World.Group g) {
    return posts.filter(col("group_id").equalTo(g.id()));
  }

  static Dataset<Row> accountsOf(World.Group g) {
    return accounts.filter(col("group_id").equalTo(g.id()));
  }

  @Test
  void everyArchetypeIsPresentWithGroundTruthForEveryAccount() {
    assertThat(truth.count()).isEqualTo(world.accounts);
    List<String> archetypes =
        truth.select("archetype").distinct().as(Encoders.STRING()).collectAsList();
    assertThat(archetypes).contains(World.LOOKALIKES).contains("organic", "influence_operation");
    assertThat(posts.count()).as("about 30k posts at scale 1").isBetween(20_000L, 60_000L);
  }

  @Test
  void isDeterministicForASeed() {
    SparkSession spark = SparkExtension.spark();
    World again = World.plan(7, 1, Set.of("op-cn-01"));
    Dataset<Row> p2 = SyntheticWorld.posts(spark, again);
    Dataset<Row> p1 = SyntheticWorld.posts(spark, world);
    assertThat(fingerprint(p2)).isEqualTo(fingerprint(p1));
    World other = World.plan(8, 1, Set.of());
    assertThat(fingerprint(SyntheticWorld.posts(spark, other))).isNotEqualTo(fingerprint(p1));
  }

  static long fingerprint(Dataset<Row> d) {
    return d.select(sum(xxhash64(expr("*")).cast("decimal(38,0)")))
        .first()
        .getDecimal(0)
        .longValue();
  }

  @Test
  void scaleGrowsTheWorldLinearly() {
    World two = World.plan(7, 2, Set.of());
    assertThat(two.organic).isEqualTo(2 * world.organic);
    assertThat(two.groups.length).isEqualTo(2 * world.groups.length);
  }

  @Test
  void plantsPersonaTactics() {
    World.Group burst = op(World.BURST);
    Row span = accountsOf(burst).selectExpr("datediff(max(created_at), min(created_at))").first();
    assertThat(span.getInt(0)).as("creation burst within a week").isLessThanOrEqualTo(7);

    assertThat(
            accountsOf(op(World.DIGITS))
                .filter("kind = 'user' and handle rlike '[0-9]{4}$'")
                .count())
        .as("name+digits handles")
        .isPositive();

    World.Group swap = op(World.GENDER_SWAP);
    double mismatch =
        accountsOf(swap)
            .selectExpr(
                "avg(case when name_gender = 'f' and photo_gender = 'm' then 1.0 else 0 end)")
            .first()
            .getDecimal(0)
            .doubleValue();
    assertThat(mismatch).as("female names on male photos").isGreaterThan(0.5);

    World.Group stolen = op(World.STOLEN_PHOTO);
    Row photos = accountsOf(stolen).agg(countDistinct("profile_image_hash"), count("*")).first();
    assertThat(photos.getLong(0))
        .as("reused photos, some with bits changed")
        .isLessThan(photos.getLong(1));
    long nearPairs =
        accountsOf(stolen)
            .as("x")
            .join(
                accountsOf(stolen).as("y"),
                expr(
                    "x.account_id < y.account_id and x.profile_image_hash != y.profile_image_hash"
                        + " and bit_count(x.profile_image_hash ^ y.profile_image_hash) <= 3"))
            .count();
    assertThat(nearPairs).as("near-identical photo hashes").isPositive();

    World.Group ai = op(World.AI_FACES);
    Row faces = accountsOf(ai).agg(countDistinct("profile_image_hash"), count("*")).first();
    assertThat(faces.getLong(0)).as("AI faces are unique").isEqualTo(faces.getLong(1));

    World.Group mirror = op(World.MIRROR);
    assertThat(
            accountsOf(mirror)
                .groupBy("handle")
                .agg(countDistinct("platform").as("p"))
                .filter("p >= 2")
                .count())
        .as("personas mirrored across platforms")
        .isPositive();

    assertThat(
            accounts
                .filter("group_kind = 'organic'")
                .groupBy("profile_image_hash")
                .count()
                .filter("count > 10")
                .count())
        .as("one shared default avatar")
        .isEqualTo(1);
  }

  @Test
  void operationsPostOnTheirOperatorsOfficeHoursWhileClaimingTheTarget() {
    World.Group g = op(World.OFFICE_CLOCK);
    String zone = g.zone();
    Row r =
        postsOf(g)
            .selectExpr(
                "avg(case when hour(from_utc_timestamp(created_at, '"
                    + zone
                    + "')) between 9 and 17"
                    + " then 1.0 else 0 end)",
                "avg(case when dayofweek(from_utc_timestamp(created_at, '"
                    + zone
                    + "')) in (1, 7)"
                    + " then 1.0 else 0 end)",
                "avg(case when hour(from_utc_timestamp(created_at, '"
                    + zone
                    + "')) = 12 then 1.0 else 0 end)")
            .first();
    assertThat(r.getDecimal(0).doubleValue()).as("office hours").isGreaterThan(0.95);
    assertThat(r.getDecimal(1).doubleValue()).as("weekends off").isLessThan(0.02);
    assertThat(r.getDecimal(2).doubleValue()).as("lunch break").isLessThan(0.02);
    assertThat(accountsOf(g).filter(col("declared_country").equalTo(g.declared())).count())
        .isEqualTo(accountsOf(g).count());
    assertThat(g.declared()).isNotEqualTo(g.origin());
  }

  @Test
  void plantsCoordinatedContentTactics() {
    assertThat(
            postsOf(op(World.LINKS))
                .filter(
                    "exists(urls, u -> u rlike '"
                        + String.join("|", Vocabulary.SPOOF_DOMAINS).replace(".", "\\\\.")
                        + "')")
                .count())
        .as("links to spoofed outlets")
        .isGreaterThan(20);
    assertThat(postsOf(op(World.PETITION)).filter("exists(urls, u -> u like '%petition%')").count())
        .as("petition links")
        .isPositive();
    World.Group ring = op(World.RING);
    long ringShares =
        postsOf(ring).as("r").join(postsOf(ring).as("o"), expr("r.reshare_of = o.post_id")).count();
    assertThat(ringShares).as("members reshare each other").isGreaterThan(20);
    assertThat(
            postsOf(op(World.REPLY_SPAM))
                .as("r")
                .join(
                    posts.filter("group_kind = 'organic'").as("o"), expr("r.reply_to = o.post_id"))
                .count())
        .as("replies to popular organic posts")
        .isGreaterThan(10);
    World.Group templ = op(World.TEMPLATE_TEXT);
    assertThat(postsOf(templ).filter("post_id like '%-e0'").select("text").distinct().count())
        .as("a wave is near-identical, not identical")
        .isGreaterThan(1);
    assertThat(posts.filter("text like '%\u200B%'").count())
        .as("invisible characters")
        .isPositive();
    assertThat(posts.filter("text rlike '\\\\p{IsHan}'").count()).as("Chinese text").isPositive();
    assertThat(posts.filter("text rlike '\\\\p{IsCyrillic}'").count())
        .as("Cyrillic text")
        .isPositive();
  }

  @Test
  void operationsPayForAdsInAForeignCurrency() {
    World.Group g = op(World.ADS);
    List<Row> spend =
        ads.filter(col("group_id").equalTo(g.id()))
            .select("currency", "target_countries")
            .distinct()
            .collectAsList();
    assertThat(spend).isNotEmpty();
    assertThat(spend).allSatisfy(r -> assertThat(r.getString(0)).isEqualTo(g.currency()));
    assertThat(ads.filter("group_kind = 'organic'").count())
        .as("organic pages advertise too")
        .isPositive();
  }

  @Test
  void labelsOnlyTakenDownOperationsAndHonoursLeaveOut() {
    List<String> campaigns =
        takedowns.select("campaign_id").distinct().as(Encoders.STRING()).collectAsList();
    assertThat(campaigns).allSatisfy(c -> assertThat(c).startsWith("op-"));
    assertThat(campaigns).doesNotContain("op-cn-01", "op-ru-03");
    assertThat(campaigns).hasSizeGreaterThanOrEqualTo(4);
    // a removed campaign's return is labelled (its campaign is in the takedowns), its new accounts
    // are not removed
    long labelledAccounts = truth.filter("labelled and archetype != 'return'").count();
    assertThat(takedowns.count())
        .as("most, not all, removed accounts are listed")
        .isBetween((long) (labelledAccounts * 0.75), labelledAccounts);
  }

  @Test
  void operationsLeftOutOfTheLabelsDifferInTacticsAndAssets() {
    List<World.Group> ops =
        Arrays.stream(world.groups).filter(g -> g.kind().equals(World.OPERATION)).toList();
    List<World.Group> leftOut =
        ops.stream().filter(g -> !g.labelled() && !g.archetype().equals("return")).toList();
    assertThat(leftOut).as("never-labelled operations").hasSizeGreaterThanOrEqualTo(4);
    Set<String> labelledDomains = new HashSet<>();
    ops.stream().filter(World.Group::labelled).forEach(g -> labelledDomains.add(g.domain()));
    for (World.Group g : leftOut) {
      if (g.has(World.LINKS) || g.has(World.SLOW_WAVES)) {
        assertThat(labelledDomains)
            .as(g.id() + " links a site no labelled operation links")
            .doesNotContain(g.domain());
      }
    }
    // each shortcut is missing from at least one of them
    assertThat(leftOut)
        .as("one without links")
        .anyMatch(g -> !g.has(World.LINKS) && !g.has(World.SLOW_WAVES) && !g.has(World.PETITION));
    assertThat(leftOut).as("one without reused photos").anyMatch(g -> !g.has(World.STOLEN_PHOTO));
    assertThat(leftOut).as("one without ads").anyMatch(g -> !g.has(World.ADS));
    assertThat(leftOut).as("one not in English").anyMatch(g -> !g.lang().equals("en"));
    assertThat(leftOut).as("one without office hours").anyMatch(g -> !g.has(World.OFFICE_CLOCK));
    // yet every operation shows at least two traits a feature can see
    assertThat(ops)
        .allSatisfy(
            g ->
                assertThat(World.visibleTraits(g.tactics(), g.origin(), g.declared()))
                    .as(g.id())
                    .isGreaterThanOrEqualTo(2));
    // sizes vary widely
    assertThat(ops.stream().mapToInt(World.Group::size).min().getAsInt()).isLessThanOrEqualTo(20);
    assertThat(ops.stream().mapToInt(World.Group::size).max().getAsInt())
        .isGreaterThanOrEqualTo(150);
  }

  @Test
  void everyCoordinationTacticHasAnOperationThatUsesOnlyIt() {
    for (int tactic : World.CO_ACTION) {
      assertThat(
              Arrays.stream(world.groups)
                  .filter(
                      g ->
                          g.kind().equals(World.OPERATION)
                              && Arrays.stream(World.CO_ACTION).filter(g::has).count() == 1
                              && g.has(tactic)
                              && !g.has(World.STOLEN_PHOTO)
                              && !g.has(World.MIRROR)
                              && !g.has(World.ADS)))
          .as("an operation acting together only by " + World.tacticNames(tactic))
          .isNotEmpty();
    }
  }

  @Test
  void theTruthNamesSpamAsSpamAndAReturnAsItsRemovedCampaign() {
    assertThat(
            truth
                .filter("archetype = 'spam_network'")
                .select("group_kind")
                .distinct()
                .as(Encoders.STRING())
                .collectAsList())
        .containsExactly(World.SPAM);
    Row back = truth.filter("archetype = 'return'").selectExpr("min(labelled)", "count(*)").first();
    assertThat(back.getLong(1)).as("a removed campaign comes back").isPositive();
    assertThat(back.getBoolean(0)).as("its campaign is in the takedowns").isTrue();
    assertThat(takedowns.join(truth.filter("archetype = 'return'"), "account_id").count())
        .as("its new accounts were never removed")
        .isZero();
  }
}
