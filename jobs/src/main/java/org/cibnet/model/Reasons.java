package org.cibnet.model;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.features.PersonaTraits;

/**
 * The reasons a person reads beside a score: for each feature that stands out, a sentence with the
 * network's own figures ("71% of accounts pair a female name with a male photo"). Each reason's
 * strength is how far past its bar the feature is, times the feature's importance to the model; the
 * strongest come first.
 */
public final class Reasons {
  private Reasons() {}

  /** One sentence rule: fires when `feature` is at least `bar` (and `also` holds). */
  record Rule(String feature, double bar, Column sentence, Column also) {
    Rule(String feature, double bar, Column sentence) {
      this(feature, bar, sentence, lit(true));
    }
  }

  private static Column pct(String feature) {
    return expr("cast(round(100 * " + feature + ") as int)");
  }

  private static Column text(Object... parts) {
    Column[] cols = new Column[parts.length];
    for (int i = 0; i < parts.length; i++) {
      cols[i] = parts[i] instanceof Column c ? c.cast("string") : lit(String.valueOf(parts[i]));
    }
    return concat(cols);
  }

  static List<Rule> rules() {
    List<Rule> r = new ArrayList<>();
    r.add(
        new Rule(
            "gender_mismatch_share",
            0.25,
            text(
                pct("gender_mismatch_share"),
                "% of accounts pair a name of one gender with a profile photo of the other")));
    r.add(
        new Rule(
            "clock_offset_gap_hours",
            3,
            text(
                "posts keep office hours of UTC",
                expr("format_string('%+d', cast(likely_utc_offset as int))"),
                " while the accounts claim places at UTC",
                expr("format_string('%+.0f', cast(declared_offset as double))")),
            // a shifted clock only says something when the network keeps a work week
            col("weekend_share").leq(0.1)));
    r.add(
        new Rule(
            "lunch_dip",
            0.6,
            text(
                "activity drops at noon and stops at weekends (",
                pct("weekend_share"),
                "% of posts on weekends), like a work shift"),
            col("weekend_share").leq(0.1)));
    r.add(
        new Rule(
            "lookalike_link_share",
            0.05,
            text(
                pct("lookalike_link_share"),
                "% of links point to look-alikes of real news outlets")));
    r.add(
        new Rule(
            "foreign_currency_spend_share",
            0.3,
            text(
                pct("foreign_currency_spend_share"),
                "% of ad spend (about $",
                expr("cast(round(pow(10, ad_spend_usd_log) - 1) as bigint)"),
                ") is paid in a currency foreign to both the pages' and the targeted countries")));
    r.add(
        new Rule(
            "missing_funder_share",
            0.5,
            text(pct("missing_funder_share"), "% of its ads name no payer")));
    r.add(
        new Rule(
            "creation_burst_share",
            0.5,
            text(pct("creation_burst_share"), "% of accounts were created within one week")));
    r.add(
        new Rule(
            "digits_handle_share",
            0.4,
            text(pct("digits_handle_share"), "% of handles are a name followed by digits")));
    r.add(
        new Rule(
            "photo_reuse_share",
            0.3,
            text(
                pct("photo_reuse_share"),
                "% of accounts reuse another member's profile photo, some with small edits")));
    r.add(
        new Rule(
            "near_duplicate_share",
            0.3,
            text(
                pct("near_duplicate_share"), "% of posts are near-copies of other members' text")));
    r.add(
        new Rule(
            "internal_reshare_share",
            0.5,
            text(
                pct("internal_reshare_share"),
                "% of reshares amplify other members (a reshare ring)")));
    r.add(
        new Rule(
            "w_co_reply",
            0.2,
            text("members swarm replies onto outsiders' popular posts within seconds")));
    r.add(
        new Rule(
            "admin_country_mismatch_share",
            0.5,
            text(
                pct("admin_country_mismatch_share"),
                "% of pages are run by admins outside the country they claim")));
    r.add(
        new Rule(
            "target_declared_mismatch_share",
            0.5,
            text(
                pct("target_declared_mismatch_share"),
                "% of ads target countries other than the one the page claims")));
    r.add(
        new Rule(
            "w_co_link", 0.3, text("accounts post the same links within seconds of each other")));
    return r;
  }

  /**
   * The recidivism reason, first when a network is flagged as a likely return (returning): which
   * removed campaign, how many of its accounts hold its indicators, and up to three of them.
   */
  public static Dataset<Row> withReturnReason(Dataset<Row> flagged, int n) {
    Column shown =
        expr(
            "array_join(transform(slice(return_indicators, 1, 3), a -> case"
                + " when a like 'domain:%' then substring(a, 8)"
                + " when a like 'photo:%' then 'a reused profile photo'"
                + " when a like 'payer:%' then concat('ad payer \\'', substring(a, 7), '\\'')"
                + " else a end), ', ')");
    Column sentence =
        text(
            pct("return_share"),
            "% of accounts hold indicators of removed campaign ",
            col("return_campaign"),
            " (",
            shown,
            "): a likely return of that campaign");
    return flagged.withColumn(
        "top_reasons",
        when(
                col("returning"),
                concat(array(sentence), slice(col("top_reasons"), 1, Math.max(0, n - 1))))
            .otherwise(col("top_reasons")));
  }

  /**
   * The persona reason, first when the persona rule fires (persona): each trait that stands out,
   * with its share among the network's accounts and among the accounts outside every network.
   */
  public static Dataset<Row> withPersonaReason(Dataset<Row> flagged, int n) {
    Column digits =
        text(
            pct("digits_handle_share"),
            "% of handles end in digits (",
            pct("persona_reference.digits_handle"),
            "% outside networks)");
    Column gender =
        text(
            pct("gender_mismatch_share"),
            "% have a name of one gender under a photo of the other (",
            pct("persona_reference.gender_mismatch"),
            "% outside networks)");
    Column young =
        text(
            pct("young_account_share"),
            "% of accounts were under ",
            expr("cast(round(persona_reference.young_account_days) as int)"),
            " days old at their first post (",
            pct("persona_reference.young_account"),
            "% outside networks)");
    Column sentence =
        concat(
            lit("accounts unlike the rest of the data: "),
            concat_ws(
                "; ",
                when(array_contains(col("persona_traits"), PersonaTraits.DIGITS_HANDLE), digits),
                when(array_contains(col("persona_traits"), PersonaTraits.GENDER_MISMATCH), gender),
                when(array_contains(col("persona_traits"), PersonaTraits.YOUNG_ACCOUNT), young)));
    return flagged.withColumn(
        "top_reasons",
        when(
                col("persona"),
                concat(array(sentence), slice(col("top_reasons"), 1, Math.max(0, n - 1))))
            .otherwise(col("top_reasons")));
  }

  /**
   * Why a network whose score passes the threshold is still not flagged for coordination: it mostly
   * sells. First among its reasons.
   */
  public static Dataset<Row> withCommercialReason(Dataset<Row> flagged, int n, double threshold) {
    Column sentence =
        text(
            pct("commercial_share"),
            "% of posts sell something: commercial spam or"
                + " marketing, not flagged as an influence operation");
    return flagged.withColumn(
        "top_reasons",
        when(
                col(Flags.ELIGIBLE).equalTo(false).and(col("coordination_score").geq(threshold)),
                concat(array(sentence), slice(col("top_reasons"), 1, Math.max(0, n - 1))))
            .otherwise(col("top_reasons")));
  }

  /** Adds top_reasons (array of sentences, strongest first, at most n). */
  public static Dataset<Row> withReasons(
      Dataset<Row> scored, Map<String, Double> importances, int n) {
    List<Column> candidates = new ArrayList<>();
    for (Rule r : rules()) {
      double weight = 0.2 + importances.getOrDefault(r.feature(), 0.0);
      candidates.add(
          when(
              col(r.feature()).geq(r.bar()).and(r.also()),
              struct(
                  col(r.feature()).divide(r.bar()).multiply(weight).as("strength"),
                  r.sentence().as("sentence"))));
    }
    Column fired = array_compact(array(candidates.toArray(Column[]::new)));
    return scored
        .withColumn("_fired", fired)
        .withColumn(
            "top_reasons",
            expr("transform(slice(array_sort(_fired, (a, b) -> case when a.strength > b.strength"
                    + " then -1 when a.strength < b.strength then 1 when a.sentence < b.sentence"
                    + " then -1 when a.sentence > b.sentence then 1 else 0 end), 1, "
                    + n
                    + "), x -> x.sentence)")
                .as("top_reasons"))
        .drop("_fired");
  }
}
