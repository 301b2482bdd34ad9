package org.cibnet.features;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.schema.Schemas.Account;
import org.cibnet.schema.Schemas.Post;

/**
 * Persona traits a person can check on each account (a handle ending in digits, a name of one
 * gender under a photo of the other, an account made shortly before it started posting), set
 * against the accounts outside every network of the same data. No label is read: the reference is
 * the data's own unlinked accounts, so a trait stands out in a network because its members are
 * unlike everybody else, not because they resemble a removed campaign. An operation that nobody has
 * taken down shows these traits as much as one that was.
 */
public final class PersonaTraits {
  private PersonaTraits() {}

  /** Trait names, as persona_traits and the reasons name them. */
  public static final String DIGITS_HANDLE = "digits_handle";

  public static final String GENDER_MISMATCH = "gender_mismatch";
  public static final String YOUNG_ACCOUNT = "young_account";

  /** Each trait and the network_features column with its share of a network's accounts. */
  public static final Map<String, String> SHARES = shares();

  private static Map<String, String> shares() {
    Map<String, String> m = new LinkedHashMap<>(); // in this order in persona_traits
    m.put(DIGITS_HANDLE, "digits_handle_share");
    m.put(GENDER_MISMATCH, "gender_mismatch_share");
    m.put(YOUNG_ACCOUNT, "young_account_share");
    return Collections.unmodifiableMap(m);
  }

  /**
   * Accounts younger than this quantile of the unlinked accounts' ages (at their first post) are
   * young: relative, since what "new" means differs between a platform's first year and its tenth.
   * A quarter rather than a tenth: the unlinked accounts also hold the members of operations detect
   * did not link, all of them young, and a low quantile would fall among them.
   */
  static final double YOUNG_QUANTILE = 0.25;

  /** Smaller networks show no trait: two accounts that happen to share one prove nothing. */
  public static final int MIN_ACCOUNTS = 3;

  /** A handle ending in three or more digits (the default a sign-up form suggests). */
  public static Column digitsHandle() {
    return col(Account.HANDLE).rlike("[0-9]{3,}$");
  }

  /** 1.0 when the name's gender differs from the photo's, 0.0 when it agrees, null when unknown. */
  public static Column genderMismatch() {
    return expr(
        "case when name_gender in ('f','m') and photo_gender in ('f','m')"
            + " then cast(name_gender != photo_gender as double) end");
  }

  /**
   * network_id, young_account_share and persona_reference (the unlinked accounts' share with each
   * trait, and the age in days below which an account is young) for every network of `members`
   * (network_id, account_id). The reference's fields are null when every account is in a network.
   */
  public static Dataset<Row> of(Dataset<Row> members, Dataset<Row> accounts, Dataset<Row> posts) {
    Dataset<Row> firstPost =
        posts.groupBy(Post.ACCOUNT_ID).agg(min(Post.CREATED_AT).as("first_post"));
    Dataset<Row> traits =
        accounts
            .select(
                col(Account.ACCOUNT_ID),
                when(digitsHandle(), 1.0).otherwise(0.0).as("digits"),
                genderMismatch().as("mismatch"),
                col(Account.CREATED_AT))
            .join(firstPost, Account.ACCOUNT_ID, "left")
            .withColumn("age_days", expr("datediff(first_post, created_at)"))
            .drop("first_post", Account.CREATED_AT);
    Dataset<Row> outside = traits.join(members, Account.ACCOUNT_ID, "left_anti");
    // Exact, so the same input gives the same cutoff on any cluster; cheap, as ages are whole days
    // (a few thousand distinct values, counted in one small map per task).
    Dataset<Row> cutoff =
        outside.agg(expr("percentile(age_days, " + YOUNG_QUANTILE + ")").as("young_days"));
    Dataset<Row> reference =
        outside
            .crossJoin(broadcast(cutoff))
            .agg( // a global aggregation: one row, null fields when no account is unlinked
                max("young_days").as("young_days"),
                avg("digits").as(DIGITS_HANDLE),
                avg("mismatch").as(GENDER_MISMATCH),
                avg(young()).as(YOUNG_ACCOUNT))
            .select(
                struct(
                        col(DIGITS_HANDLE),
                        col(GENDER_MISMATCH),
                        col(YOUNG_ACCOUNT),
                        col("young_days").cast("double").as("young_account_days"))
                    .as("persona_reference"));
    Dataset<Row> youngShares =
        members
            .join(traits, Account.ACCOUNT_ID, "left")
            .crossJoin(broadcast(cutoff))
            .groupBy("network_id")
            .agg(avg(young()).as("young_account_share"));
    return youngShares.crossJoin(broadcast(reference));
  }

  /** 1.0 for an account younger than the cutoff at its first post, null when either is unknown. */
  private static Column young() {
    return when(col("age_days").isNull().or(col("young_days").isNull()), lit(null))
        .otherwise(when(col("age_days").lt(col("young_days")), 1.0).otherwise(0.0));
  }

  /**
   * The persona traits that stand out in each network: those whose share of its members is at least
   * `margin` above the unlinked accounts' share, in a network of at least MIN_ACCOUNTS accounts. An
   * array of trait names (empty when none). Reads digits_handle_share, gender_mismatch_share,
   * young_account_share, persona_reference and n_accounts.
   */
  public static Column standingOut(double margin) {
    return array_compact(
        array(
            SHARES.entrySet().stream()
                .map(t -> trait(t.getKey(), t.getValue(), margin))
                .toArray(Column[]::new)));
  }

  private static Column trait(String name, String share, double margin) {
    Column reference = col("persona_reference").getField(name);
    return when(
        col("n_accounts")
            .geq(MIN_ACCOUNTS)
            .and(col(share).geq(reference.plus(margin)))
            .and(reference.isNotNull()),
        lit(name));
  }

  /**
   * The features as they are, or, for features of a run made before persona traits were computed,
   * with empty persona columns: no trait can stand out.
   */
  public static Dataset<Row> orNone(Dataset<Row> features) {
    if (Arrays.asList(features.columns()).contains("persona_reference")) {
      return features;
    }
    return features
        .withColumn("young_account_share", lit(null).cast("double"))
        .withColumn("persona_reference", lit(null).cast(REFERENCE_TYPE));
  }

  private static final String REFERENCE_TYPE =
      "struct<digits_handle:double,gender_mismatch:double,young_account:double,"
          + "young_account_days:double>";
}
