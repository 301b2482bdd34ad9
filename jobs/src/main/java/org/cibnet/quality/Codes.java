package org.cibnet.quality;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** ISO code lists, from the JDK so they need no file. */
public final class Codes {
  private Codes() {}

  /** ISO 3166-1 alpha-2, plus XK (Kosovo), which platforms use. */
  public static final Set<String> COUNTRIES = countries();

  /** ISO 4217 alphabetic codes. */
  public static final Set<String> CURRENCIES =
      Currency.getAvailableCurrencies().stream()
          .map(Currency::getCurrencyCode)
          .collect(Collectors.toCollection(TreeSet::new));

  private static Set<String> countries() {
    Set<String> s = new TreeSet<>(Set.of(Locale.getISOCountries()));
    s.add("XK");
    return s;
  }
}
