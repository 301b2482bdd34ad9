package org.cibnet.job;

/** Column names as the Scala Seq that Dataset.join(using) takes. */
final class PairBuilderSeq {
  private PairBuilderSeq() {}

  static scala.collection.immutable.Seq<String> of(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(names)).toList();
  }
}
