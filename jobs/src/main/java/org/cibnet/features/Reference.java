package org.cibnet.features;

import static org.apache.spark.sql.functions.lit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cibnet.config.Errors;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.schema.Schemas.ReferenceList;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reference lists (spoofed outlets, real outlets, FX rates, country time zones): small CSV files
 * from the classpath (the copies in conf/reference) or from any Hadoop path a setting names. Loaded
 * on the driver, handed to executors as small DataFrames.
 */
public final class Reference {
  private Reference() {}

  static List<String[]> csv(String location) {
    try (InputStream in = open(location);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String[]> rows = new ArrayList<>();
      String header = r.readLine();
      if (header == null) {
        return rows;
      }
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split(",", -1));
        }
      }
      return rows;
    } catch (IOException e) {
      throw Errors.cannotRead("reference list", location, e);
    }
  }

  private static InputStream open(String location) throws IOException {
    if (location.startsWith("classpath:")) {
      InputStream in = Reference.class.getClassLoader().getResourceAsStream(location.substring(10));
      if (in == null) {
        throw new IOException("not on the classpath");
      }
      return in;
    }
    Path p = new Path(location);
    return p.getFileSystem(new Configuration()).open(p);
  }

  private static Dataset<Row> frame(
      SparkSession spark,
      List<String[]> rows,
      StructType schema,
      Function<String[], Object[]> convert) {
    List<Row> out = new ArrayList<>();
    for (String[] r : rows) {
      out.add(RowFactory.create(convert.apply(r)));
    }
    return spark.createDataFrame(out, schema);
  }

  /** domain, imitates: typosquatted copies of real outlets seen in takedowns. */
  public static Dataset<Row> spoofDomains(SparkSession spark, Settings s) {
    return frame(
        spark,
        csv(s.get(SettingKeys.SPOOF_DOMAINS)),
        ReferenceList.SPOOF_DOMAINS,
        r -> new Object[] {r[0].trim().toLowerCase(), r[1].trim().toLowerCase()});
  }

  /** domain, brand, country: real outlets whose look-alikes are suspicious. */
  public static Dataset<Row> outlets(SparkSession spark, Settings s) {
    return frame(
        spark,
        csv(s.get(SettingKeys.OUTLETS)),
        ReferenceList.OUTLETS,
        r -> {
          String d = r[0].trim().toLowerCase();
          return new Object[] {d, d.split("\\.")[0].replace("-", ""), r[1].trim()};
        });
  }

  /** currency, valid_from, usd_per_unit. */
  public static Dataset<Row> fxRates(SparkSession spark, Settings s) {
    return frame(
        spark,
        csv(s.get(SettingKeys.FX_RATES)),
        ReferenceList.FX_RATES,
        r ->
            new Object[] {r[0].trim(), Date.valueOf(r[1].trim()), Double.parseDouble(r[2].trim())});
  }

  /**
   * country, zone (its main time zone), language, country_currency, zones (every time zone of the
   * country, main first: the optional fifth column lists the others, separated by |).
   */
  public static Dataset<Row> countries(SparkSession spark, Settings s) {
    return frame(
        spark,
        csv(s.get(SettingKeys.COUNTRIES)),
        ReferenceList.COUNTRIES,
        r -> {
          List<String> zones = new ArrayList<>(List.of(r[1].trim()));
          if (r.length > 4) {
            Arrays.stream(r[4].split("\\|"))
                .map(String::trim)
                .filter(z -> !z.isEmpty())
                .forEach(zones::add);
          }
          return new Object[] {
            r[0].trim(),
            r[1].trim(),
            r[2].trim(),
            r[3].trim(),
            CollectionConverters.asScala(zones).toSeq()
          };
        });
  }

  /** review.allow_domains as a list of lower-case domains. */
  public static List<String> allowedDomains(Settings s) {
    return Arrays.stream(s.get(SettingKeys.ALLOW_DOMAINS).split(","))
        .map(d -> d.trim().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", ""))
        .filter(d -> !d.isEmpty())
        .toList();
  }

  /** Whether a normalised host is an allowlisted domain or one of its subdomains. */
  public static Column isAllowedHost(Column host, List<String> allowed) {
    Column any = lit(false);
    for (String d : allowed) {
      any = any.or(host.equalTo(d)).or(host.endsWith("." + d));
    }
    return any;
  }
}
