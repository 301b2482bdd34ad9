package org.cibnet.job;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cibnet.config.Errors;

/** The launcher's entry: `cibnet JOB [options]` dispatches to one job. */
public final class Cibnet {
  private Cibnet() {}

  /** Every job, in the order the usage text lists them. */
  public static Map<String, Job> jobs() {
    Map<String, Job> m = new LinkedHashMap<>();
    for (Job j :
        List.<Job>of(
            new GenerateJob(),
            new ValidateJob(),
            new DetectJob(),
            new FeaturesJob(),
            new TrainJob(),
            new ScoreJob(),
            new PipelineJob(),
            new ReviewJob(),
            new BacktestJob(),
            new ReportJob(),
            new RegisterJob(),
            new ImportJob(),
            new EvaluateJob(),
            new CooRTweetJob(),
            new BenchJob())) {
      m.put(j.name(), j);
    }
    return m;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    Map<String, Job> jobs = jobs();
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      System.out.println(usage(jobs));
      return args.length == 0 ? 2 : 0;
    }
    Job job = jobs.get(args[0]);
    if (job == null) {
      System.err.println("cibnet: " + Errors.unknownJob(args[0], jobs.keySet()).getMessage());
      System.err.println("usage: cibnet JOB [options]   (cibnet help lists jobs and options)");
      return 2;
    }
    return JobMain.run(job, Arrays.copyOfRange(args, 1, args.length));
  }

  static String usage(Map<String, Job> jobs) {
    StringBuilder sb = new StringBuilder("usage: cibnet JOB [options]\n\njobs:\n");
    jobs.values().forEach(j -> sb.append(String.format("  %-10s %s%n", j.name(), j.description())));
    sb.append(
        "\ncommon options: --input DIR --warehouse DIR --conf FILE --set key=value --as-of DATE\n"
            + "                --since DATE --until DATE --model-version V\n");
    return sb.toString();
  }
}
