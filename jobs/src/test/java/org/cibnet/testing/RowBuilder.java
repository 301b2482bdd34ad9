package org.cibnet.testing;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cibnet.schema.Schemas;

/**
 * Small rows in a contract schema, with sensible defaults for required fields, so a test states
 * only what matters to it: {@code RowBuilder.post("p1").set("account_id",
 * "a1").at("2022-06-01T10:00:00Z")}.
 */
public final class RowBuilder {
  private final StructType schema;
  private final Object[] values;

  private RowBuilder(StructType schema) {
    this.schema = schema;
    this.values = new Object[schema.size()];
  }

  public static RowBuilder of(StructType schema) {
    return new RowBuilder(schema);
  }

  public static RowBuilder post(String id) {
    return of(Schemas.POSTS_SCHEMA)
        .set("post_id", id)
        .set("account_id", "a1")
        .set("platform", "twitter")
        .at("2022-06-01T12:00:00Z");
  }

  public static RowBuilder account(String id) {
    return of(Schemas.ACCOUNTS_SCHEMA)
        .set("account_id", id)
        .set("platform", "twitter")
        .set("kind", "user");
  }

  public static RowBuilder ad(String id) {
    return of(Schemas.ADS_SCHEMA)
        .set("ad_id", id)
        .set("account_id", "a1")
        .set("platform", "facebook")
        .set("start_date", "2022-06-01")
        .set("spend", "100.00")
        .set("currency", "USD");
  }

  public static RowBuilder takedown(String account, String campaign) {
    return of(Schemas.TAKEDOWNS_SCHEMA)
        .set("account_id", account)
        .set("campaign_id", campaign)
        .set("takedown_date", "2022-09-27");
  }

  /** Sets a column; strings are converted to the column's date, timestamp or decimal type. */
  public RowBuilder set(String column, Object value) {
    int i = schema.fieldIndex(column);
    values[i] = convert(schema.fields()[i].dataType(), value);
    return this;
  }

  public RowBuilder at(String instant) {
    return set("created_at", instant);
  }

  public RowBuilder urls(String... urls) {
    return set("urls", urls);
  }

  private static Object convert(DataType t, Object v) {
    if (v == null) {
      return null;
    }
    if (t.equals(DataTypes.TimestampType) && v instanceof String s) {
      return Timestamp.from(Instant.parse(s));
    }
    if (t.equals(DataTypes.DateType) && v instanceof String s) {
      return Date.valueOf(LocalDate.parse(s));
    }
    if (t instanceof DecimalType && v instanceof String s) {
      return new BigDecimal(s);
    }
    if (t.equals(DataTypes.LongType) && v instanceof Integer n) {
      return n.longValue();
    }
    if (v instanceof String[] arr) {
      return Arrays.asList(arr);
    }
    return v;
  }

  public Row build() {
    return RowFactory.create(values.clone());
  }

  /** A DataFrame of the given builders' rows, all in the first builder's schema. */
  public static Dataset<Row> frame(SparkSession spark, RowBuilder... rows) {
    List<Row> list = new ArrayList<>();
    for (RowBuilder b : rows) {
      list.add(b.build());
    }
    return spark.createDataFrame(list, nullable(rows[0].schema));
  }

  /** As files are read: every column nullable, so tests can hold the bad rows validate rejects. */
  static StructType nullable(StructType schema) {
    StructType s = new StructType();
    for (StructField f : schema.fields()) {
      s = s.add(f.name(), f.dataType(), true);
    }
    return s;
  }

  public static Dataset<Row> frame(SparkSession spark, StructType schema, List<RowBuilder> rows) {
    List<Row> list = new ArrayList<>();
    for (RowBuilder b : rows) {
      list.add(b.build());
    }
    return spark.createDataFrame(list, nullable(schema));
  }
}
