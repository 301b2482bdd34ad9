package org.cibnet.util;

/** 64-bit hash mixing shared by the generator's keyed randomness and the text shingles. */
public final class Hashing {
  private Hashing() {}

  /**
   * SplitMix64's finaliser: every input bit flips about half of the output bits, so sequential or
   * xor-combined keys give independent-looking values.
   */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
