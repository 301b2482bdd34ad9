package org.cibnet.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.junit.jupiter.api.Test;

/**
 * Near-text's recall and precision on planted paraphrases, in five scripts: a template of 12 to 30
 * words with one to three words swapped for others and two neighbours reordered, against unrelated
 * posts on the same topic. With the default settings both the exact Jaccard and the LSH bands must
 * find the paraphrases, and unrelated posts must not pass.
 */
class ParaphraseRecallTest {
  static final Map<String, String[]> WORDS =
      Map.of(
          "en",
              ("people today government news think time city school work family community weather"
                   + " game music local water market election vote health team price street night"
                   + " morning friends weekend kids summer park road store movie book history"
                   + " policy police court money house rent jobs traffic abortion guns rights"
                   + " freedom border inflation sanctions nato ukraine energy prices elites"
                   + " corruption media lies truth patriots taxes war refugees crime the and for"
                   + " with this that")
                  .split(" "),
          "de",
              ("heute leute regierung stadt schule arbeit familie wetter spiel musik wasser markt"
                   + " wahl gesundheit mannschaft preis kirche straße nacht morgen kaffee freunde"
                   + " wochenende kinder sommer bahn laden geschichte politik gericht geld haus"
                   + " miete verkehr garten hund urlaub sanktionen gaspreise flüchtlinge lügen"
                   + " wahrheit versagt heizung frieden verhandlungen öffentlich größer müssen für"
                   + " über der die das")
                  .split(" "),
          "ru",
              ("сегодня люди правительство город школа работа семья погода игра музыка вода рынок"
                      + " выборы здоровье команда цена церковь улица ночь утро кофе друзья выходные"
                      + " дети лето парк дорога магазин фильм книга история политика полиция суд"
                      + " деньги дом аренда транспорт праздник санкции война правда ложь беженцы"
                      + " энергия газ цены элиты коррупция и в на с что это")
                  .split(" "),
          "ar",
              ("اليوم الناس الحكومة المدينة المدرسة العمل العائلة الطقس المباراة الموسيقى الماء"
                      + " السوق الانتخابات الصحة الفريق السعر الشارع الليل الصباح القهوة الأصدقاء"
                      + " الأطفال الصيف الحديقة الطريق المتجر الفيلم الكتاب التاريخ السياسة الشرطة"
                      + " المحكمة المال البيت الإيجار الحرب الحقيقة الكذب اللاجئين الطاقة الأسعار"
                      + " الفساد الإعلام العقوبات في من على إلى هذا التي")
                  .split(" "));

  static final String CHINESE =
      "今天人们政府城市学校工作家庭天气比赛音乐水市场选举健康团队价格教会街道夜晚早上咖啡朋友周末孩子夏天公园道路商店电影书历史政策警察法院钱房子租金战争真相谎言难民能源腐败媒体制裁";

  static String sentence(Random r, String lang, int n) {
    if (lang.equals("zh")) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 2 * n; i++) {
        sb.append(CHINESE.charAt(r.nextInt(CHINESE.length())));
      }
      return sb.toString();
    }
    String[] v = WORDS.get(lang);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : " ").append(v[r.nextInt(v.length)]);
    }
    return sb.toString();
  }

  /** One to three words (characters) replaced, two neighbours swapped. */
  static String paraphrase(Random r, String lang, String t) {
    if (lang.equals("zh")) {
      char[] c = t.toCharArray();
      for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
        c[r.nextInt(c.length)] = CHINESE.charAt(r.nextInt(CHINESE.length()));
      }
      int i = r.nextInt(c.length - 1);
      char x = c[i];
      c[i] = c[i + 1];
      c[i + 1] = x;
      return new String(c);
    }
    String[] w = t.split(" ");
    String[] v = WORDS.get(lang);
    for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
      w[r.nextInt(w.length)] = v[r.nextInt(v.length)];
    }
    int i = r.nextInt(w.length - 1);
    String x = w[i];
    w[i] = w[i + 1];
    w[i + 1] = x;
    return String.join(" ", w);
  }

  static double jaccard(long[] a, long[] b) {
    Set<Long> in = new HashSet<>();
    for (long x : a) {
      in.add(x);
    }
    int shared = 0;
    for (long x : b) {
      shared += in.contains(x) ? 1 : 0;
    }
    return shared / (double) (a.length + b.length - shared);
  }

  static boolean shareABand(long[] a, long[] b, int bands, int rows) {
    long[] x = TextShingles.bandHashes(a, bands, rows);
    long[] y = TextShingles.bandHashes(b, bands, rows);
    for (int i = 0; i < x.length; i++) {
      if (x[i] == y[i]) {
        return true;
      }
    }
    return false;
  }

  @Test
  void findsParaphrasesInEveryScriptAndLetsUnrelatedPostsOnTheSameTopicPass() {
    Settings s = Settings.defaults();
    double threshold = s.getDouble(SettingKeys.NEARTEXT_JACCARD);
    int bands = s.getInt(SettingKeys.NEARTEXT_BANDS);
    int rows = s.getInt(SettingKeys.NEARTEXT_ROWS);
    int minShingles = s.getInt(SettingKeys.NEARTEXT_MIN_SHINGLES);
    int trials = 500;
    for (String lang : List.of("en", "de", "ru", "ar", "zh")) {
      Random r = new Random(lang.hashCode());
      int found = 0;
      int falseAlarms = 0;
      int unrelatedCandidates = 0;
      for (int i = 0; i < trials; i++) {
        String t = sentence(r, lang, 12 + r.nextInt(19));
        long[] a = TextShingles.hashSet(t);
        long[] p = TextShingles.hashSet(paraphrase(r, lang, t));
        long[] u = TextShingles.hashSet(sentence(r, lang, 12 + r.nextInt(19)));
        assertThat(a.length)
            .as("a post of twelve words or more is long enough to judge")
            .isGreaterThanOrEqualTo(minShingles);
        found += jaccard(a, p) >= threshold && shareABand(a, p, bands, rows) ? 1 : 0;
        falseAlarms += jaccard(a, u) >= threshold ? 1 : 0;
        unrelatedCandidates += shareABand(a, u, bands, rows) ? 1 : 0;
      }
      System.out.printf(
          "%s: paraphrases found %.3f, unrelated posts passing %.3f, unrelated pairs sharing a band"
              + " %.3f%n",
          lang,
          found / (double) trials,
          falseAlarms / (double) trials,
          unrelatedCandidates / (double) trials);
      assertThat(found / (double) trials)
          .as(lang + ": paraphrases found")
          .isGreaterThanOrEqualTo(0.85);
      assertThat(falseAlarms / (double) trials)
          .as(lang + ": unrelated posts on the topic passing")
          .isLessThanOrEqualTo(0.01);
    }
  }
}
