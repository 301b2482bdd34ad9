package org.cibnet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark job in a fresh JVM on the test classpath, with Spark's --add-opens flags, UTC and
 * SPARK_LOCAL_IP, output to a log file: for tests that kill a process or need a JVM whose first
 * session is configured differently (a Hive catalog).
 */
public final class ChildJvm {
  private ChildJvm() {}

  public static Process start(Path log, List<String> jvmFlags, String mainClass, List<String> args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(Files.readString(Path.of("target", "jvm-opens.txt")).trim().split("\\s+")));
    cmd.add("-Duser.timezone=UTC");
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }
}
