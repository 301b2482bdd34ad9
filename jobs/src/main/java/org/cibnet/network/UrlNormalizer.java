package org.cibnet.network;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
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

  private static Column withoutWww(Column host) {
    return regexp_replace(lower(host), "^www\\.", "");
  }

  public static Column normalize(Column url) {
    Column noFragment = regexp_replace(trim(url), "#.*$", "");
    Column noScheme = regexp_replace(noFragment, "^" + SCHEME, "");
    Column host = withoutWww(regexp_extract(noScheme, "^([^/?]+)", 1));
    Column path = regexp_replace(regexp_extract(noScheme, "^[^/?]+([^?]*)", 1), "/+$", "");
    Column params =
        sort_array(
            filter(
                split(regexp_extract(noScheme, "\\?(.*)$", 1), "&"),
                p -> p.notEqual(lit("")).and(not(lower(p).rlike(TRACKING)))));
    return when(url.isNull(), lit(null))
        .otherwise(
            concat(
                host,
                path,
                when(size(params).gt(0), concat(lit("?"), array_join(params, "&")))
                    .otherwise(lit(""))));
  }

  /**
   * The registrable-ish host of a URL (lower-case, no www., no port), for domain features: the
   * host part of {@link #normalize} without building the rest (path and sorted parameters cost
   * four times as much and are thrown away here).
   */
  public static Column host(Column url) {
    // possessive: "https://" has an empty host, not the host "https:"
    Column host = regexp_extract(trim(url), "^(?:" + SCHEME + ")?+([^/?#]*)", 1);
    return regexp_extract(withoutWww(host), "^([^:]*)", 1);
  }
}
