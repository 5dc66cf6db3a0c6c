package dev.rapport.content.quality.internal;

import java.util.Arrays;

/** Small statistics used by the model, the insights and the validation. */
public final class Stats {

  private Stats() {}

  /** Linear-interpolated quantile of a sorted array. */
  public static double quantileSorted(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  public static double median(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return quantileSorted(copy, 0.5);
  }

  /** Average ranks (ties share the mean rank), 1-based. */
  public static double[] ranks(double[] values) {
    int n = values.length;
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] ranks = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = rank;
      }
      i = j + 1;
    }
    return ranks;
  }

  /** Spearman's rank correlation; NaN when either side is constant. */
  public static double spearman(double[] a, double[] b) {
    return pearson(ranks(a), ranks(b));
  }

  public static double pearson(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    if (saa == 0 || sbb == 0) {
      return Double.NaN;
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
