package org.cibnet.testing;

import org.apache.spark.sql.SparkSession;
import org.cibnet.spark.SparkSessions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests the one local SparkSession of this test JVM (local[2], 2 shuffle partitions, UI off,
 * Delta configured, UTC). Never stopped per test: the first Delta write in a JVM is slow.
 */
public final class SparkExtension implements ParameterResolver {
  private static SparkSession session;

  public static synchronized SparkSession spark() {
    if (session == null) {
      session = SparkSessions.local(2);
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return spark();
  }
}
