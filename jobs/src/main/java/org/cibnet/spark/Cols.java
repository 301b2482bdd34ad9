package org.cibnet.spark;

/** Small helpers for the Java side of the Dataset API. */
public final class Cols {
  private Cols() {}

  /** Column names as the Scala Seq that Dataset.join(other, usingColumns, joinType) takes. */
  public static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(names)).toList();
  }
}
