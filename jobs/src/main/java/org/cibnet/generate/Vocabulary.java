package org.cibnet.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Words, names and places the synthetic world is made of. Several languages and scripts. */
final class Vocabulary {
  private Vocabulary() {}

  /** country, time zone, language, currency: where accounts live or claim to. */
  static final String[][] COUNTRIES = {
    {"US", "America/New_York", "en", "USD"},
    {"US", "America/Chicago", "en", "USD"},
    {"US", "America/Los_Angeles", "en", "USD"},
    {"GB", "Europe/London", "en", "GBP"},
    {"DE", "Europe/Berlin", "de", "EUR"},
    {"FR", "Europe/Paris", "fr", "EUR"},
    {"CZ", "Europe/Prague", "cs", "CZK"},
    {"UA", "Europe/Kyiv", "uk", "UAH"},
    {"RU", "Europe/Moscow", "ru", "RUB"},
    {"CN", "Asia/Shanghai", "zh", "CNY"},
    {"IN", "Asia/Kolkata", "hi", "INR"},
    {"BR", "America/Sao_Paulo", "pt", "BRL"},
    {"JP", "Asia/Tokyo", "ja", "JPY"},
    {"IR", "Asia/Tehran", "fa", "IRR"},
  };

  /** Relative size of each country row above in the organic population. */
  static final double[] COUNTRY_WEIGHTS = {14, 8, 6, 7, 9, 6, 4, 5, 6, 6, 7, 5, 4, 1};

  static String[] country(String code) {
    for (String[] c : COUNTRIES) {
      if (c[0].equals(code)) {
        return c;
      }
    }
    throw new IllegalArgumentException(code);
  }

  static final String[] EN =
      ("people today government news really think time city school work family community "
              + "weather game music local water market election vote health season team price "
              + "church street night morning coffee friends weekend kids summer park road store "
              + "movie book history policy police court money house rent jobs traffic festival "
              + "garden dog beach trip news update video photo story support love great new")
          .split(" ");
  static final String[] DE =
      ("heute leute regierung stadt schule arbeit familie wetter spiel musik wasser markt wahl "
              + "gesundheit mannschaft preis kirche strasse nacht morgen kaffee freunde wochenende "
              + "kinder sommer park bahn laden film buch geschichte politik polizei gericht geld "
              + "haus miete verkehr fest garten hund urlaub neue bilder bericht danke gut")
          .split(" ");
  static final String[] FR =
      ("aujourd'hui gens gouvernement ville ecole travail famille temps match musique eau marche"
           + " election sante equipe prix eglise rue nuit matin cafe amis weekend enfants ete parc"
           + " route magasin film livre histoire politique police tribunal argent maison loyer"
           + " emploi fete jardin chien plage voyage nouvelles merci bien")
          .split(" ");
  static final String[] CS =
      ("dnes lide vlada mesto skola prace rodina pocasi hra hudba voda trh volby zdravi tym "
              + "cena kostel ulice noc rano kava pratele vikend deti leto park silnice obchod film "
              + "kniha historie politika policie soud penize dum najem doprava zahrada pes vylet")
          .split(" ");
  static final String[] RU =
      ("сегодня люди правительство город школа работа семья погода игра музыка вода рынок "
              + "выборы здоровье команда цена церковь улица ночь утро кофе друзья выходные дети "
              + "лето парк дорога магазин фильм книга история политика полиция суд деньги дом "
              + "аренда транспорт праздник сад собака отпуск новости спасибо")
          .split(" ");
  static final String[] UK =
      ("сьогодні люди уряд місто школа робота родина погода гра музика вода ринок вибори здоровя"
              + " команда ціна церква вулиця ніч ранок кава друзі вихідні діти літо парк дорога"
              + " магазин фільм книга історія політика поліція суд гроші дім оренда свято сад")
          .split(" ");
  static final String[] PT =
      ("hoje pessoas governo cidade escola trabalho familia tempo jogo musica agua mercado "
              + "eleicao saude time preco igreja rua noite manha cafe amigos fim semana criancas "
              + "verao parque estrada loja filme livro historia politica policia tribunal dinheiro")
          .split(" ");
  static final String[] HI =
      ("आज लोग सरकार शहर स्कूल काम परिवार मौसम खेल संगीत पानी बाजार चुनाव स्वास्थ्य टीम कीमत "
              + "मंदिर सड़क रात सुबह चाय दोस्त छुट्टी बच्चे गर्मी पार्क दुकान फिल्म किताब इतिहास")
          .split(" ");

  /** Scripts without spaces: texts are runs of these characters. */
  static final String ZH_CHARS =
      "今天人们政府城市学校工作家庭天气比赛音乐水市场选举健康团队价格教会街道夜晚早上咖啡朋友周末孩子夏天公园道路商店电影书历史政策警察法院钱房子租金交通节日花园狗海滩旅行新闻更新视频照片故事支持美国自由权利枪支堕胎国家安全";

  static final String JA_CHARS =
      "今日人政府町学校仕事家族天気試合音楽水市場選挙健康価格教会通夜朝友達週末子供夏公園道店映画本歴史政策警察裁判所お金家賃交通祭庭犬海旅行ニュース写真";

  static String[] words(String lang) {
    return switch (lang) {
      case "de" -> DE;
      case "fr" -> FR;
      case "cs" -> CS;
      case "ru" -> RU;
      case "uk" -> UK;
      case "pt" -> PT;
      case "hi" -> HI;
      default -> EN;
    };
  }

  static boolean unspaced(String lang) {
    return lang.equals("zh") || lang.equals("ja");
  }

  static String chars(String lang) {
    return lang.equals("ja") ? JA_CHARS : ZH_CHARS;
  }

  /** Political topics influence operations push, by target language. */
  static final String[] TOPIC_EN =
      ("abortion guns rights freedom border inflation sanctions nato ukraine energy gas prices "
              + "elites corruption media lies truth patriots taxes war refugees crime")
          .split(" ");

  static final String[] TOPIC_DE =
      ("sanktionen gaspreise nato ukraine fluechtlinge inflation energie krieg medien luegen "
              + "wahrheit regierung versagt winter heizung frieden verhandlungen")
          .split(" ");
  static final String[] TOPIC_CS =
      ("sankce ceny energie nato ukrajina uprchlici inflace valka media vlada fiala zajmy "
              + "obcanu petice mir")
          .split(" ");

  static String[] topics(String lang) {
    return switch (lang) {
      case "de" -> TOPIC_DE;
      case "cs" -> TOPIC_CS;
      default -> TOPIC_EN;
    };
  }

  static final String[] FEMALE =
      ("emily sarah jessica ashley jennifer amanda megan hannah olivia sophia emma laura anna "
              + "julia lena marie claire petra jana katerina olga irina natalia mei ling yan")
          .split(" ");
  static final String[] MALE =
      ("michael james john robert david william daniel joseph thomas mark paul lukas jonas "
              + "felix pierre louis jan petr tomas ivan sergei dmitri wei jun hao")
          .split(" ");
  static final String[] SURNAMES =
      ("smith johnson williams brown jones miller davis wilson moore taylor anderson mueller "
              + "schmidt schneider fischer martin bernard dubois novak svoboda dvorak ivanov "
              + "petrov wang li zhang chen silva santos sharma patel tanaka suzuki")
          .split(" ");

  static final String[] HASHTAGS_ORGANIC =
      ("news music sports love travel food photo weekend summer family football tech art "
              + "fashion fitness movies books nature goals mondaymotivation")
          .split(" ");

  static final String[] ORGANIC_DOMAINS =
      ("youtube.com wikipedia.org reddit.com bbc.co.uk nytimes.com cnn.com spiegel.de "
              + "lemonde.fr novinky.cz idnes.cz welt.de theguardian.com foxnews.com "
              + "washingtonpost.com espn.com imdb.com medium.com substack.com github.com "
              + "weather.com amazon.com etsy.com instagram.com tiktok.com")
          .split(" ");

  /** Typosquats of real outlets, from the same list the link features use (conf/reference). */
  static final String[] SPOOF_DOMAINS = spoofDomains();

  private static String[] spoofDomains() {
    try (InputStream in =
            Vocabulary.class
                .getClassLoader()
                .getResourceAsStream("cibnet/reference/spoof_domains.csv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines()
          .skip(1)
          .filter(l -> !l.isBlank())
          .map(l -> l.split(",")[0].trim())
          .toArray(String[]::new);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException(
          "cibnet/reference/spoof_domains.csv missing from the classpath", e);
    }
  }

  static final String[] PETITION_DOMAINS = {"petice.com", "e-petice.cz", "change.org"};

  static final String[] SPAM_DOMAINS = {
    "cheap-pills-now.biz", "crypto-double.io", "bestloans4u.net", "free-gift-cards.win"
  };

  static final String[] BIO_TEMPLATES = {
    "Proud %s patriot. Mom, wife, truth seeker.",
    "Independent journalist from %s. Asking the questions others won't.",
    "Just a regular citizen of %s who loves freedom.",
    "Student in %s. Politics, history, coffee.",
  };

  static final String[] OBSCURE_FUNDERS = {
    "Global Voice Media LLC",
    "Friends of Europe Initiative",
    "New Horizon Consulting",
    "Truth Network Ltd",
    "Eurasia Info Partners"
  };
}
