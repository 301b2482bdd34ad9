package org.cibnet.network;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * URL normalisation as built-in expressions: lower-case host without scheme, `www.` or fragment;
 * tracking parameters (utm_*, fbclid, gclid, ...) removed; remaining parameters sorted; no trailing
 * slash. `https://www.Spiegel.ltd/a/?utm_source=x#top` and `spiegel.ltd/a` are the same link.
 */
public final class UrlNormalizer {
  private UrlNormalizer() {}

  static final String TRACKING =
      "^(utm_[^=]*|fbclid|gclid|dclid|gbraid|wbraid|igshid|mc_cid|mc_eid|yclid|_ga|ref_src|"
          + "ref_url|s_cid|mkt_tok|si|feature)(=.*)?$";

  /** A scheme ("https://", "ftp://"), as RFC 3986 spells one. */
  private static final String SCHEME = "[a-zA-Z][a-zA-Z0-9+.-]*://";

  private static final String PART = "\u0001";

  /**
   * Scheme (dropped), host and path (both empty when no host comes first), anything else up to the
   * query, query, fragment (dropped). Possessive: "https://" has an empty host, not "https:".
   */
  private static final String PARTS =
      "(?s)^(?:" + SCHEME + ")?+(?:([^/?#]+)([^?#]*))?[^?#]*(?:\\?([^#]*))?.*$";

  private static Column withoutWww(Column host) {
    return regexp_replace(lower(host), "^www\\.", "");
  }

  /** One URL normalised; null stays null. */
  public static Column normalize(Column url) {
    return element_at(normalizeAll(array(url)), 1);
  }

  /**
   * Each URL of an array normalised. Spark interprets lambdas without sharing subexpressions, so
   * one regular expression splits each URL into host, path and query (the scheme and fragment are
   * dropped on the way) and later passes read those parts: built in one lambda, the scheme and
   * fragment were stripped once per part, and regular expressions were a quarter of the co-link
   * blocking time. The parts are joined by U+0001, a control character URLs do not hold.
   */
  public static Column normalizeAll(Column urls) {
    Column parts =
        transform(
            urls,
            url ->
                split(
                    regexp_replace(trim(url), PARTS, "$1" + PART + "$2" + PART + "$3"), PART, -1));
    Column cleaned =
        transform(
            parts,
            p ->
                array(
                    withoutWww(p.getItem(0)),
                    regexp_replace(p.getItem(1), "/+$", ""),
                    array_join(
                        sort_array(
                            filter(
                                split(p.getItem(2), "&"),
                                param ->
                                    param
                                        .notEqual(lit(""))
                                        .and(not(lower(param).rlike(TRACKING))))),
                        "&")));
    return transform(
        cleaned,
        c ->
            concat(
                c.getItem(0),
                c.getItem(1),
                when(c.getItem(2).notEqual(""), concat(lit("?"), c.getItem(2)))
                    .otherwise(lit(""))));
  }

  /**
   * The registrable-ish host of a URL (lower-case, no www., no port), for domain features: the host
   * part of {@link #normalize} without building the rest (path and sorted parameters cost four
   * times as much and are thrown away here).
   */
  public static Column host(Column url) {
    // possessive: "https://" has an empty host, not the host "https:"
    Column host = regexp_extract(trim(url), "^(?:" + SCHEME + ")?+([^/?#]*)", 1);
    return regexp_extract(withoutWww(host), "^([^:]*)", 1);
  }
}
