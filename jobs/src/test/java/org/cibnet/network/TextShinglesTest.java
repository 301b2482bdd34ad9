package org.cibnet.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fast shingle hashes are exactly the hashes of the shingle strings they replace. */
class TextShinglesTest {

  /** The definition: hash every shingle string, keep distinct values, sorted. */
  private static long[] reference(String normalized) {
    String[] shingles = TextShingles.shingleSet(normalized);
    return shingles == null
        ? null
        : Arrays.stream(shingles).mapToLong(TextShingles::hash64).distinct().sorted().toArray();
  }

  @Test
  void hashesEqualTheHashedShingleStrings() {
    String[] texts = {
      "the truth about the war is hidden from you share before they delete",
      "the same the same the same the same", // repeated shingles count once
      "one two", // too short: no shingle
      "one two three",
      " leading space and  double space and trailing space ",
      "中国 政府 发言人 表示 反对",
      "日本語のテキストとカタカナのテキスト",
      "ข่าวปลอมแพร่กระจายอย่างรวดเร็ว",
      "mixed english with 漢字 inside",
      "emoji 😀😀 faces 😀 and 𠀋𠀋𠀋 supplementary han",
      "",
    };
    for (String t : texts) {
      assertThat(TextShingles.hashSet(t)).as(t).isEqualTo(reference(t));
    }
  }

  @Test
  void randomTextsAgreeWithTheReference() {
    String[] alphabet = {"a", "b", "c", " ", " ", "中", "文", "カ", "ก", "😀", "é", "1"};
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 5_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(0, 40);
      for (int j = 0; j < n; j++) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String t = sb.toString();
      assertThat(TextShingles.hashSet(t)).as("'%s'", t).isEqualTo(reference(t));
    }
  }

  @Test
  void unspacedScriptsAreDetectedAsTheRegexDoes() {
    for (String t :
        new String[] {"abc", "中", "ひらがな", "カタカナ", "ไทย", "ລາວ", "ខ្មែរ", "한국어", "русский"}) {
      assertThat(TextShingles.hasUnspacedScript(t))
          .as(t)
          .isEqualTo(Pattern.compile(TextShingles.UNSPACED).matcher(t).find());
    }
  }
}
