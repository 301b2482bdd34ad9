package org.cibnet.job;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;
import org.cibnet.config.JobOptions;
import org.cibnet.generate.SyntheticWorld;
import org.cibnet.generate.World;
import org.cibnet.schema.Schemas;

/**
 * generate: writes a synthetic input folder (posts, accounts, ads, takedowns as Parquet, plus
 * ground_truth) with planted influence operations and hard look-alikes. Options: --out DIR, --scale
 * N (default 1: about 30k posts; grows linearly), --seed S (default 7), --leave-out
 * CAMPAIGN[,CAMPAIGN] (also leave these campaigns out of the takedown labels).
 */
public final class GenerateJob implements Job {
  public static void main(String[] args) {
    JobMain.main(new GenerateJob(), args);
  }

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String description() {
    return "writes a realistic synthetic input folder with planted campaigns (--out DIR --scale N"
        + " --seed S)";
  }

  @Override
  public Set<String> options() {
    return Set.of("--out", "--scale", "--seed", "--leave-out");
  }

  @Override
  public Set<String> required() {
    return Set.of("--out");
  }

  @Override
  public void run(SparkSession spark, JobOptions options) {
    String out = options.require("--out").replaceAll("/+$", "");
    long scale = options.longOption("--scale", 1);
    if (scale < 1 || scale > 100_000) {
      throw Errors.badOptionValue(
          "--scale", String.valueOf(scale), "a whole number from 1 to 100000");
    }
    long seed = options.longOption("--seed", 7);
    Set<String> leaveOut =
        options
            .get("--leave-out")
            .map(
                s ->
                    Arrays.stream(s.split(","))
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .collect(Collectors.toSet()))
            .orElse(Set.of());
    World world = World.plan(seed, (int) scale, leaveOut);
    write(SyntheticWorld.accounts(spark, world), out + "/" + Schemas.ACCOUNTS);
    write(SyntheticWorld.posts(spark, world), out + "/" + Schemas.POSTS);
    write(SyntheticWorld.ads(spark, world), out + "/" + Schemas.ADS);
    write(SyntheticWorld.takedowns(spark, world), out + "/" + Schemas.TAKEDOWNS);
    write(SyntheticWorld.groundTruth(spark, world), out + "/ground_truth");
    System.out.printf(
        "generated %d accounts (%d organic, %d groups) at scale %d, seed %d into %s%n",
        world.accounts, world.organic, world.groups.length, scale, seed, out);
    for (World.Group g : world.groups) {
      System.out.printf(
          "  %-22s %-9s %-19s %4d accounts  %-9s %s%n",
          g.id(),
          g.kind(),
          g.archetype(),
          g.size(),
          g.labelled() ? "labelled" : "",
          g.kind().equals(World.OPERATION) ? World.tacticNames(g.tactics()) : "");
    }
  }

  private static void write(Dataset<Row> rows, String path) {
    rows.write().mode("overwrite").parquet(path);
  }
}
