package org.cibnet.job;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.JobOptions;
import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.io.Inputs;
import org.cibnet.io.Warehouse;
import org.cibnet.schema.Schemas;
import org.cibnet.testing.RowBuilder;
import org.cibnet.testing.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class ValidateJobTest {
  @TempDir Path dir;

  /** Random corruption, seeded: nulls everywhere, garbage strings, negative counts, odd dates. */
  static List<RowBuilder> corruptedPosts(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] garbage = {"", " ", "\u0000", "💥💥", "DROP TABLE posts;", "\uFEFF", "é̃", "null"};
    String[] times = {
      "2022-06-01T10:00:00Z",
      "1970-01-01T00:00:00Z",
      "2099-01-01T00:00:00Z",
      "2003-06-01T00:00:00Z",
      "2022-07-15T23:59:59Z"
    };
    List<RowBuilder> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RowBuilder b =
          RowBuilder.post(r.nextInt(10) == 0 ? "dup" : "p" + i)
              .set("account_id", r.nextInt(8) == 0 ? null : "a" + r.nextInt(50))
              .set("platform", r.nextInt(10) == 0 ? garbage[r.nextInt(garbage.length)] : "Twitter")
              .at(r.nextInt(6) == 0 ? null : times[r.nextInt(times.length)])
              .set("text", garbage[r.nextInt(garbage.length)])
              .set("like_count", r.nextInt(5) == 0 ? -r.nextLong(1000) : r.nextLong(1000))
              .set(
                  "urls",
                  r.nextBoolean()
                      ? null
                      : new String[] {
                        "https://ok.example/a", garbage[r.nextInt(garbage.length)], null
                      })
              .set("hashtags", new String[] {"#MiXed", garbage[r.nextInt(garbage.length)]});
      rows.add(b);
    }
    return rows;
  }

  private void writeInput(SparkSession spark, List<RowBuilder> posts) throws IOException {
    writeInput(spark, posts, List.of("posts"));
  }

  /** Posts as given, a few accounts and ads; every dataset named in `spoiled` gets bad files. */
  private void writeInput(SparkSession spark, List<RowBuilder> posts, List<String> spoiled)
      throws IOException {
    RowBuilder.frame(spark, Schemas.POSTS_SCHEMA, posts)
        .repartition(3)
        .write()
        .parquet(dir.resolve("in/posts").toString());
    List<RowBuilder> accounts = new ArrayList<>();
    List<RowBuilder> ads = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      // one account of a kind the contract does not know: rejected with its reason
      accounts.add(
          RowBuilder.account("a" + i).set("kind", i == 0 ? "bot" : i % 3 == 0 ? "page" : "user"));
      // lower-case and no-rate currencies are accepted (normalised, or kept out of USD figures)
      ads.add(RowBuilder.ad("ad" + i).set("currency", i % 5 == 0 ? "usd" : "XXX"));
    }
    RowBuilder.frame(spark, Schemas.ACCOUNTS_SCHEMA, accounts)
        .repartition(3)
        .write()
        .parquet(dir.resolve("in/accounts").toString());
    RowBuilder.frame(spark, Schemas.ADS_SCHEMA, ads)
        .repartition(3)
        .write()
        .parquet(dir.resolve("in/ads").toString());
    for (String dataset : spoiled) {
      spoil(dir.resolve("in").resolve(dataset));
    }
  }

  /**
   * Beside a dataset's good files: a truncated copy, a non-Parquet file, an empty file and a copy
   * whose data pages are garbage behind an intact footer. All are to be named in rejects/_files.
   */
  private void spoil(Path folder) throws IOException {
    Path part;
    try (var files = Files.list(folder)) {
      part =
          files.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
    }
    Path truncated = folder.resolve("part-truncated.parquet");
    Files.copy(part, truncated);
    try (RandomAccessFile f = new RandomAccessFile(truncated.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    Files.writeString(folder.resolve("notes.parquet"), "garbage");
    Files.write(folder.resolve("part-empty.parquet"), new byte[0]);
    Path corrupt = folder.resolve("part-corrupt.parquet");
    Files.copy(part, corrupt);
    byte[] bytes = Files.readAllBytes(corrupt);
    int footerLength =
        ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    SplittableRandom noise = new SplittableRandom(5);
    for (int i = 4; i < bytes.length - 8 - footerLength; i++) {
      bytes[i] = (byte) noise.nextInt(256);
    }
    Files.write(corrupt, bytes);
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(part.toString()), new Configuration()))) {
      corruptRows.put(folder.getFileName().toString(), reader.getRecordCount());
    }
  }

  /** Per dataset, the rows of the file whose pages were overwritten, as its footer announces. */
  private final Map<String, Long> corruptRows = new java.util.HashMap<>();

  @Test
  void badFilesInEveryDatasetAreNamedAndCountsReconcile(SparkSession spark) throws IOException {
    List<String> datasets = List.of("posts", "accounts", "ads");
    writeInput(spark, corruptedPosts(200, 17), datasets);
    JobOptions o =
        JobOptions.of(
            "validate",
            Map.of(
                "--input",
                dir.resolve("in").toString(),
                "--warehouse",
                dir.resolve("wh").toString(),
                "--run-id",
                "fuzz"),
            Settings.defaults().with(SettingKeys.MAX_REJECT_SHARE, 1.0));

    new ValidateJob().run(spark, o);

    Warehouse wh = new Warehouse(spark, dir.resolve("wh").toString());
    List<String> badFiles =
        wh.read("rejects/_files").select("file").as(Encoders.STRING()).collectAsList();
    for (String dataset : datasets) {
      Row counts =
          wh.read(Warehouse.VALIDATION_COUNTS).filter(col("dataset").equalTo(dataset)).first();
      assertThat((long) counts.<Long>getAs("rows_accepted") + counts.<Long>getAs("rows_rejected"))
          .as("%s: accepted + rejected = read", dataset)
          .isEqualTo(counts.<Long>getAs("rows_read"));
      assertThat(counts.<Long>getAs("unreadable_files")).as(dataset).isEqualTo(4);
      assertThat(counts.<Long>getAs("rows_unreadable"))
          .as("%s: the corrupt file's rows, counted as lost", dataset)
          .isEqualTo(corruptRows.get(dataset));
      for (String bad :
          List.of(
              "part-truncated.parquet",
              "notes.parquet",
              "part-empty.parquet",
              "part-corrupt.parquet")) {
        assertThat(badFiles)
            .as(dataset)
            .anySatisfy(f -> assertThat(f).endsWith(dataset + "/" + bad));
      }
    }
    assertThat(wh.read(Warehouse.RUNS).filter("run_id = 'fuzz'").first().<String>getAs("status"))
        .isEqualTo("succeeded");
  }

  @Test
  void corruptedInputLosesNoRowAndCountsReconcile(SparkSession spark) throws IOException {
    writeInput(spark, corruptedPosts(300, 11));
    JobOptions o =
        JobOptions.of(
            "validate",
            Map.of(
                "--input",
                dir.resolve("in").toString(),
                "--warehouse",
                dir.resolve("wh").toString(),
                "--run-id",
                "r1"),
            Settings.defaults().with(SettingKeys.MAX_REJECT_SHARE, 1.0));

    new ValidateJob().run(spark, o);

    Warehouse wh = new Warehouse(spark, dir.resolve("wh").toString());
    Row posts =
        wh.read(Warehouse.VALIDATION_COUNTS).filter(col("dataset").equalTo("posts")).first();
    long read = posts.getAs("rows_read");
    assertThat(read).as("every readable row is counted").isEqualTo(300);
    assertThat((long) posts.getAs("rows_accepted") + (long) posts.<Long>getAs("rows_rejected"))
        .isEqualTo(read);
    assertThat((long) posts.getAs("rows_rejected"))
        .isEqualTo(wh.read("rejects/posts").filter("run_id = 'r1'").count())
        .isPositive();
    assertThat(
            wh.read("rejects/posts")
                .filter("reason is null or row is null or source_file is null")
                .count())
        .as("each reject has its reason, row and file")
        .isZero();
    assertThat(wh.read("rejects/_files").select("file").as(Encoders.STRING()).collectAsList())
        .as("every bad file named")
        .anySatisfy(f -> assertThat(f).endsWith("part-truncated.parquet"))
        .anySatisfy(f -> assertThat(f).endsWith("notes.parquet"))
        .anySatisfy(f -> assertThat(f).endsWith("part-empty.parquet"))
        .anySatisfy(f -> assertThat(f).endsWith("part-corrupt.parquet"));
    assertThat(
            wh.read("rejects/_files")
                .filter("file like '%part-corrupt.parquet'")
                .first()
                .<String>getAs("reason"))
        .contains("corrupt data pages");
    assertThat(posts.<Long>getAs("rows_unreadable"))
        .as("the corrupt file's rows, counted as lost")
        .isEqualTo(corruptRows.get("posts"))
        .isPositive();
    assertThat(posts.<Long>getAs("unreadable_files")).isEqualTo(4);
    assertThat(wh.read("rejects/post_urls").count()).as("malformed urls recorded").isPositive();
    Row runs = wh.read(Warehouse.RUNS).filter("run_id = 'r1' and job = 'validate'").first();
    assertThat(runs.<String>getAs("status")).isEqualTo("succeeded");

    // Re-running the same run replaces its rows instead of duplicating them.
    new ValidateJob().run(spark, o);
    assertThat(wh.read("rejects/posts").filter("run_id = 'r1'").count())
        .isEqualTo((long) posts.getAs("rows_rejected"));
  }

  @Test
  void failsAboveTheRejectShareAndRecordsTheFailure(SparkSession spark) throws IOException {
    writeInput(spark, corruptedPosts(100, 3));
    JobOptions o =
        JobOptions.of(
            "validate",
            Map.of(
                "--input",
                dir.resolve("in").toString(),
                "--warehouse",
                dir.resolve("wh").toString(),
                "--run-id",
                "r2"),
            Settings.defaults());
    assertThatThrownBy(() -> new ValidateJob().run(spark, o))
        .hasMessageContaining("Dataset 'posts':")
        .hasMessageContaining("above the limit of 5.0% (validate.max_reject_share)");
    Row run = new Warehouse(spark, dir.resolve("wh").toString()).read(Warehouse.RUNS).first();
    assertThat(run.<String>getAs("status")).isEqualTo("failed");
    assertThat(run.<String>getAs("error")).contains("validate.max_reject_share");
  }

  @Test
  void failsWhenTooManyFilesCannotBeRead(SparkSession spark) throws IOException {
    RowBuilder.frame(spark, RowBuilder.post("p1"), RowBuilder.post("p2"))
        .coalesce(1)
        .write()
        .parquet(dir.resolve("in/posts").toString());
    RowBuilder.frame(spark, RowBuilder.account("a1"))
        .write()
        .parquet(dir.resolve("in/accounts").toString());
    Files.writeString(dir.resolve("in/posts/broken.parquet"), "garbage");
    JobOptions o =
        JobOptions.of(
            "validate",
            Map.of(
                "--input",
                dir.resolve("in").toString(),
                "--warehouse",
                dir.resolve("wh").toString(),
                "--run-id",
                "r3"),
            Settings.defaults());
    assertThatThrownBy(() -> new ValidateJob().run(spark, o))
        .hasMessageStartingWith("Dataset 'posts': 1 of 2 files cannot be read (50.0%)")
        .hasMessageContaining("rejects/_files");
  }

  @Test
  void anInputWithoutRowsOrAnAsOfBeforeEveryPostFailsSayingSo(SparkSession spark)
      throws IOException {
    Files.createDirectories(dir.resolve("empty/posts"));
    Files.createDirectories(dir.resolve("empty/accounts"));
    JobOptions o =
        JobOptions.of(
            "validate",
            Map.of(
                "--input",
                dir.resolve("empty").toString(),
                "--warehouse",
                dir.resolve("wh").toString(),
                "--run-id",
                "r4"),
            Settings.defaults());
    assertThatThrownBy(() -> new ValidateJob().run(spark, o))
        .hasMessageStartingWith(
            "Dataset 'posts' in "
                + dir.resolve("empty")
                + " has no usable rows (0 read, 0 rejected)");

    RowBuilder.frame(spark, RowBuilder.post("p1").at("2022-06-01T12:00:00Z"))
        .write()
        .parquet(dir.resolve("in/posts").toString());
    RowBuilder.frame(spark, RowBuilder.account("a1"))
        .write()
        .parquet(dir.resolve("in/accounts").toString());
    Inputs.Validated v =
        Inputs.validate(
            spark, dir.resolve("in").toString(), Timestamp.valueOf("2026-01-01 00:00:00"), 2004);
    assertThatThrownBy(
            () ->
                Inputs.window(
                        spark,
                        v,
                        Optional.of(LocalDate.of(2001, 1, 1)),
                        Optional.empty(),
                        Optional.empty())
                    .requirePosts(Optional.empty(), Optional.empty()))
        .hasMessageStartingWith("No post of the input falls before the as-of date 2001-01-01");
  }
}
