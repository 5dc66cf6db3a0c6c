package dev.rapport.authenticity.internal;

/**
 * Platt scaling: {@code p = 1 / (1 + exp(-(a * margin + b)))}, fitted by Newton's method on
 * held-out margins with Platt's smoothed targets. Immutable and thread-safe.
 */
public record Platt(double a, double b) {

  public double probability(double margin) {
    return 1.0 / (1.0 + Math.exp(-(a * margin + b)));
  }

  public static Platt fit(double[] margins, boolean[] bot) {
    int pos = 0;
    for (boolean y : bot) {
      pos += y ? 1 : 0;
    }
    int neg = bot.length - pos;
    double hi = (pos + 1.0) / (pos + 2.0);
    double lo = 1.0 / (neg + 2.0);
    double a = 1;
    double b = 0;
    for (int iter = 0; iter < 100; iter++) {
      double g1 = 0;
      double g2 = 0;
      double h11 = 1e-9;
      double h22 = 1e-9;
      double h12 = 0;
      for (int i = 0; i < margins.length; i++) {
        double t = bot[i] ? hi : lo;
        double p = 1.0 / (1.0 + Math.exp(-(a * margins[i] + b)));
        double d = p - t;
        double w = p * (1 - p);
        g1 += d * margins[i];
        g2 += d;
        h11 += w * margins[i] * margins[i];
        h22 += w;
        h12 += w * margins[i];
      }
      double det = h11 * h22 - h12 * h12;
      if (det == 0) {
        break;
      }
      double da = (h22 * g1 - h12 * g2) / det;
      double db = (h11 * g2 - h12 * g1) / det;
      a -= da;
      b -= db;
      if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
        break;
      }
    }
    return new Platt(a, b);
  }
}
