package dev.rapport.simulation.internal;

import java.util.random.RandomGenerator;

/** The few distributions the simulator draws from. Stateless; the generator carries the state. */
final class Draw {

  private Draw() {}

  /** Heavy right tail: most values near e^mu, a few many times larger. */
  static double lognormal(RandomGenerator r, double mu, double sigma) {
    return Math.exp(mu + sigma * r.nextGaussian());
  }

  /** Pareto with scale {@code min} and shape {@code alpha}: counts such as followers. */
  static long pareto(RandomGenerator r, double min, double alpha) {
    return Math.round(min / Math.pow(1 - r.nextDouble(), 1 / alpha));
  }

  static double exponential(RandomGenerator r, double mean) {
    return -mean * Math.log(1 - r.nextDouble());
  }

  /** Knuth's method; fine for the small means used here (posts per week). */
  static int poisson(RandomGenerator r, double mean) {
    double limit = Math.exp(-mean);
    double p = r.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= r.nextDouble();
      k++;
    }
    return k;
  }

  static long between(RandomGenerator r, long lo, long hi) {
    return lo + r.nextLong(hi - lo + 1);
  }

  static boolean chance(RandomGenerator r, double p) {
    return r.nextDouble() < p;
  }
}
