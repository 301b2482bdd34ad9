package org.cibnet.network;

import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.cibnet.util.Hashing;
import scala.collection.Iterator;
import scala.collection.Seq;

/**
 * Text normalisation, shingles and MinHash signatures for near-duplicate detection. Only Unicode
 * NFKC needs Java (Spark SQL has no normaliser); the rest are built-in expressions.
 */
public final class TextShingles {
  private TextShingles() {}

  private static final UserDefinedFunction NFKC =
      udf(
              (UDF1<String, String>)
                  s -> s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFKC),
              DataTypes.StringType)
          .withName("nfkc");

  /** Scripts written without spaces get character n-grams instead of word shingles. */
  static final String UNSPACED =
      "[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsThai}\\p{IsLao}\\p{IsKhmer}]";

  /** NFKC, invisible characters removed, case folded, mentions and URLs stripped, spaces folded. */
  public static Column normalize(Column text) {
    Column t = NFKC.apply(text);
    // invisible characters go; line breaks and tabs (controls too) separate words
    t = regexp_replace(t, "[\\p{Cf}\\p{Cc}&&[^\\s]]", "");
    t = lower(t);
    t = regexp_replace(t, "(https?://|www\\.)\\S+", " ");
    t = regexp_replace(t, "@\\w+", " ");
    // punctuation and runs of spaces become one space in one pass
    return trim(regexp_replace(t, "[^\\p{L}\\p{N}]+", " "));
  }

  private static final Pattern UNSPACED_CHAR = Pattern.compile(UNSPACED);

  /**
   * Words and pairs of neighbouring words for spaced scripts, pairs of characters (spaces removed)
   * for scripts without spaces (Chinese, Japanese, Thai, ...). A template paraphrased by swapping a
   * word or two and reordering neighbours keeps most of its words and pairs, where it kept few of
   * its word triples (docs/detection.md has the recall and precision this was chosen on). Input
   * must already be normalised. Java rather than SQL for the same reason as {@link #lshBands}:
   * per-element SQL lambdas run interpreted.
   */
  static String[] shingleSet(String normalized) {
    if (normalized == null || normalized.isEmpty()) {
      return null;
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    if (UNSPACED_CHAR.matcher(normalized).find()) {
      String compact = normalized.replace(" ", "");
      int[] cps = compact.codePoints().toArray();
      for (int i = 0; i + 2 <= cps.length; i++) {
        out.add(new String(cps, i, 2));
      }
    } else {
      String[] w = normalized.split(" ");
      for (int i = 0; i < w.length; i++) {
        out.add(w[i]);
        if (i + 1 < w.length) {
          out.add(w[i] + " " + w[i + 1]);
        }
      }
    }
    out.remove("");
    return out.isEmpty() ? null : out.toArray(String[]::new);
  }

  /**
   * The shingles as distinct 64-bit hashes, sorted. Verification and LSH need only set identity,
   * and long arrays are several times smaller than string arrays in the shuffles and joins of
   * near-text candidates (two shingles colliding in 64 bits is negligible).
   *
   * <p>Declared non-deterministic although it is not: for a deterministic function the optimiser
   * pushes a filter on its result (too few shingles) below the projection that computes it,
   * substituting the whole expression, so every post's text was normalised three times and hashed
   * three times. The flag keeps the projection as written: each function runs once per post. It
   * also keeps filters written after it from moving before it, so filter posts before computing
   * their shingles.
   */
  public static Column shingleHashes(Column normalized) {
    return udf(
            (UDF1<String, long[]>) TextShingles::hashSet,
            DataTypes.createArrayType(DataTypes.LongType, false))
        .asNondeterministic()
        .withName("shingle_hashes")
        .apply(normalized);
  }

  /**
   * The hashes of {@link #shingleSet}, computed over ranges of the text instead of building each
   * shingle as a string: a word is the range between two spaces, a pair of words the range from the
   * first's start to the second's end, words being single-spaced.
   */
  static long[] hashSet(String normalized) {
    if (normalized == null || normalized.isEmpty()) {
      return null;
    }
    long[] hashes;
    if (hasUnspacedScript(normalized)) {
      String compact = normalized.replace(" ", "");
      int points = compact.codePointCount(0, compact.length());
      if (points < 2) {
        return null;
      }
      hashes = new long[points - 1];
      int start = 0;
      for (int i = 0; i < hashes.length; i++) {
        hashes[i] = hash64(compact, start, compact.offsetByCodePoints(start, 2));
        start = compact.offsetByCodePoints(start, 1);
      }
    } else {
      // as String.split, trailing spaces end no word (and a leading space makes an empty one)
      int length = normalized.length();
      while (length > 0 && normalized.charAt(length - 1) == ' ') {
        length--;
      }
      int words = 1;
      for (int i = 0; i < length; i++) {
        if (normalized.charAt(i) == ' ') {
          words++;
        }
      }
      int[] starts = new int[words];
      int[] ends = new int[words];
      int w = 0;
      for (int i = 0; i <= length; i++) {
        if (i == length || normalized.charAt(i) == ' ') {
          ends[w] = i;
          if (++w < words) {
            starts[w] = i + 1;
          }
        }
      }
      long[] all = new long[2 * words - 1];
      int n = 0;
      for (int i = 0; i < words; i++) {
        if (ends[i] > starts[i]) { // an empty word is no shingle
          all[n++] = hash64(normalized, starts[i], ends[i]);
        }
        if (i + 1 < words) {
          all[n++] = hash64(normalized, starts[i], ends[i + 1]);
        }
      }
      hashes = Arrays.copyOf(all, n);
    }
    if (hashes.length == 0) {
      return null;
    }
    Arrays.sort(hashes);
    int distinct = 0;
    for (int i = 0; i < hashes.length; i++) {
      if (i == 0 || hashes[i] != hashes[i - 1]) {
        hashes[distinct++] = hashes[i];
      }
    }
    return Arrays.copyOf(hashes, distinct);
  }

  /** The same test as {@link #UNSPACED}, without a regex: below Thai no script qualifies. */
  static boolean hasUnspacedScript(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (cp >= 0x0E00) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN
            || script == Character.UnicodeScript.HIRAGANA
            || script == Character.UnicodeScript.KATAKANA
            || script == Character.UnicodeScript.THAI
            || script == Character.UnicodeScript.LAO
            || script == Character.UnicodeScript.KHMER) {
          return true;
        }
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /**
   * LSH band keys of the MinHash signature of a shingle set: bands*rows cheap permutations (xor
   * with a seeded mask, multiply by an odd constant) each keep their least value, and each band of
   * `rows` values is hashed to one key "band:hash". A Java function on purpose: the same logic as
   * nested higher-order SQL functions runs interpreted, many times slower.
   */
  public static Column lshBands(Column shingles, int bands, int rows) {
    return udf(
            (UDF1<Seq<String>, String[]>) sh -> bandKeys(sh, bands, rows),
            DataTypes.createArrayType(DataTypes.StringType))
        .withName("lsh_bands")
        .apply(shingles);
  }

  /**
   * The LSH bands of shingles already hashed by {@link #shingleHashes}, as one 64-bit hash per band
   * (element b is band b): the key of {@link #lshBands} is "b:" and this hash in lower-case hex.
   * Longs, not strings, so that the band keys only one post holds (most of them) can be counted and
   * dropped before any key is spelled out.
   */
  public static Column lshBandHashes(Column hashes, int bands, int rows) {
    return udf(
            (UDF1<Seq<Object>, long[]>)
                hs -> {
                  if (hs == null) {
                    return new long[0];
                  }
                  long[] h = new long[hs.size()];
                  Iterator<Object> it = hs.iterator();
                  for (int i = 0; it.hasNext(); i++) {
                    h[i] = (Long) it.next();
                  }
                  return bandHashes(h, bands, rows);
                },
            DataTypes.createArrayType(DataTypes.LongType, false))
        .withName("lsh_band_hashes")
        .apply(hashes);
  }

  static String[] bandKeys(Seq<String> shingles, int bands, int rows) {
    if (shingles == null || shingles.isEmpty()) {
      return new String[0];
    }
    long[] h = new long[shingles.size()];
    Iterator<String> it = shingles.iterator();
    for (int i = 0; it.hasNext(); i++) {
      h[i] = hash64(it.next());
    }
    return bandKeys(h, bands, rows);
  }

  static String[] bandKeys(long[] hashes, int bands, int rows) {
    long[] perBand = bandHashes(hashes, bands, rows);
    String[] keys = new String[perBand.length];
    for (int b = 0; b < perBand.length; b++) {
      keys[b] = b + ":" + Long.toHexString(perBand[b]);
    }
    return keys;
  }

  /** Per band, the hash of its `rows` MinHash values; none for an empty set. */
  static long[] bandHashes(long[] hashes, int bands, int rows) {
    if (hashes.length == 0) {
      return new long[0];
    }
    int n = bands * rows;
    long[] masks = masks(n);
    long[] min = new long[n];
    Arrays.fill(min, Long.MAX_VALUE);
    for (long h : hashes) {
      for (int i = 0; i < n; i++) {
        long v = (h ^ masks[i]) * 0x9E3779B97F4A7C15L;
        if (v < min[i]) {
          min[i] = v;
        }
      }
    }
    long[] perBand = new long[bands];
    for (int b = 0; b < bands; b++) {
      long k = 0x51ED270B27B3E1F5L;
      for (int r = 0; r < rows; r++) {
        k = Hashing.mix(k ^ min[b * rows + r]);
      }
      perBand[b] = k;
    }
    return perBand;
  }

  private static long[] masks(int n) {
    SplittableRandom r = new SplittableRandom(0x5EED);
    long[] m = new long[n];
    for (int i = 0; i < n; i++) {
      m[i] = r.nextLong();
    }
    return m;
  }

  /** A 64-bit string hash that is the same on every JVM (String.hashCode is only 32 bits). */
  static long hash64(String s) {
    return hash64(s, 0, s.length());
  }

  /** {@link #hash64(String)} of s.substring(from, to), without making the substring. */
  static long hash64(String s, int from, int to) {
    long h = 0xCBF29CE484222325L;
    for (int i = from; i < to; i++) {
      h = (h ^ s.charAt(i)) * 0x100000001B3L;
    }
    return Hashing.mix(h);
  }
}
