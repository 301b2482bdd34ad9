package org.cibnet.generate;

import java.util.SplittableRandom;
import org.cibnet.util.Hashing;

/**
 * Deterministic randomness keyed by what is being generated (seed, entity, salt), so any executor
 * can recompute any value (e.g. the time of another account's post) without coordination.
 */
final class Rng {
  private final SplittableRandom r;

  Rng(long... keys) {
    long h = 0x9E3779B97F4A7C15L;
    for (long k : keys) {
      h = Hashing.mix(h ^ k);
    }
    r = new SplittableRandom(h);
  }

  double uniform() {
    return r.nextDouble();
  }

  int nextInt(int bound) {
    return r.nextInt(bound);
  }

  int between(int lo, int hiInclusive) {
    return lo + r.nextInt(hiInclusive - lo + 1);
  }

  long nextLong() {
    return r.nextLong();
  }

  boolean chance(double p) {
    return r.nextDouble() < p;
  }

  double gaussian() {
    double u1 = Math.max(1e-12, r.nextDouble());
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  double logNormal(double mu, double sigma) {
    return Math.exp(mu + sigma * gaussian());
  }

  double exponential(double mean) {
    return -mean * Math.log(1 - r.nextDouble());
  }

  /** Zipf-like rank in [0, n): rank k has weight about 1/(k+1)^s. */
  int zipf(int n, double s) {
    // inverse-CDF of the continuous approximation; good enough for popularity skew
    double u = r.nextDouble();
    if (Math.abs(s - 1.0) < 1e-9) {
      return (int) Math.min(n - 1, Math.floor(Math.exp(u * Math.log(n + 1.0)) - 1));
    }
    double a = 1 - s;
    double x = Math.pow(u * (Math.pow(n + 1.0, a) - 1) + 1, 1 / a) - 1;
    return (int) Math.min(n - 1, Math.max(0, Math.floor(x)));
  }

  <T> T pick(T[] items) {
    return items[r.nextInt(items.length)];
  }
}
