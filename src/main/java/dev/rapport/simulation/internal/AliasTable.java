package dev.rapport.simulation.internal;

import java.util.random.RandomGenerator;

/**
 * Walker/Vose alias table: draws index i with probability weight[i] / sum in constant time, so that
 * picking among a million people per event costs the same as among ten. Immutable after building.
 */
final class AliasTable {

  private final float[] probability;
  private final int[] alias;

  AliasTable(double[] weights) {
    int n = weights.length;
    if (n == 0) {
      throw new IllegalArgumentException("no weights");
    }
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("weights must have a positive sum");
    }
    probability = new float[n];
    alias = new int[n];
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / sum;
      if (scaled[i] < 1) {
        small[ns++] = i;
      } else {
        large[nl++] = i;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      probability[s] = (float) scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    while (nl > 0) {
      probability[large[--nl]] = 1f;
    }
    while (ns > 0) {
      probability[small[--ns]] = 1f;
    }
  }

  int size() {
    return probability.length;
  }

  int draw(RandomGenerator r) {
    int i = r.nextInt(probability.length);
    return r.nextFloat() < probability[i] ? i : alias[i];
  }
}
