package org.cibnet.spark;

import java.util.List;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** Small helpers for the Java side of the Dataset API. */
public final class Cols {
  private Cols() {}

  /** Column names as the Scala Seq that Dataset.join(other, usingColumns, joinType) takes. */
  public static Seq<String> seq(String... names) {
    return CollectionConverters.asScala(List.of(names)).toList();
  }
}
