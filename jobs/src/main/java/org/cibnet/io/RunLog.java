package org.cibnet.io;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The `runs` table, keyed (run_id, job): a row says `running` when a job starts and turns
 * `succeeded` or `failed` (with the reason) when it ends. The clock is read here only for these
 * bookkeeping times, never for results.
 */
public final class RunLog {
  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("job", DataTypes.StringType, false)
          .add("started_at", DataTypes.TimestampType, false)
          .add("finished_at", DataTypes.TimestampType, true)
          .add("parameters", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
          .add("input_rows", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
          .add("output_rows", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
          .add("status", DataTypes.StringType, false)
          .add("error", DataTypes.StringType, true);

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final String runId;
  private final String job;
  private final Map<String, String> parameters;
  private final Timestamp startedAt = Timestamp.from(Instant.now());
  private final Map<String, Long> inputRows = new LinkedHashMap<>();
  private final Map<String, Long> outputRows = new LinkedHashMap<>();

  public RunLog(
      SparkSession spark,
      Warehouse warehouse,
      String runId,
      String job,
      Map<String, String> parameters) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.runId = runId;
    this.job = job;
    this.parameters = parameters;
  }

  public String runId() {
    return runId;
  }

  public void input(String name, long rows) {
    inputRows.put(name, rows);
  }

  public void output(String name, long rows) {
    outputRows.put(name, rows);
  }

  public Map<String, Long> outputs() {
    return outputRows;
  }

  public void started() {
    write(RUNNING, null, null);
  }

  public void succeeded() {
    write(SUCCEEDED, Timestamp.from(Instant.now()), null);
  }

  public void failed(String reason) {
    write(FAILED, Timestamp.from(Instant.now()), reason);
  }

  private void write(String status, Timestamp finishedAt, String error) {
    Row row =
        RowFactory.create(
            runId,
            job,
            startedAt,
            finishedAt,
            scala(parameters),
            scala(inputRows),
            scala(outputRows),
            status,
            error);
    Dataset<Row> df = spark.createDataFrame(List.of(row), SCHEMA).coalesce(1);
    warehouse.merge(Warehouse.RUNS, df, List.of("run_id", "job"));
  }

  private static <K, V> scala.collection.Map<K, V> scala(Map<K, V> m) {
    return scala.jdk.javaapi.CollectionConverters.asScala(new LinkedHashMap<>(m));
  }
}
