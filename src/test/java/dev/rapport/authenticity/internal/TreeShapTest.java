package dev.rapport.authenticity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;

class TreeShapTest {

  static final int F = Feature.COUNT;

  /**
   * Two trees over features 0, 1, 2; tree 0 splits twice on feature 0 (the repeated-feature case
   * the unwind step exists for). Nodes: index, feature, threshold, yes, no, missing, value, cover.
   */
  static TreeEnsemble ensemble() {
    int[] feature = {0, 1, -1, 0, -1, -1, 2, -1, -1};
    float[] threshold = {5, 3, 0, 8, 0, 0, 1, 0, 0};
    int[] yes = {1, 2, -1, 4, -1, -1, 7, -1, -1};
    int[] no = {3, 6, -1, 5, -1, -1, 8, -1, -1};
    int[] missing = {1, 6, -1, 5, -1, -1, 7, -1, -1};
    double[] value = {0, 0, -1.5, 0, 0.7, 2.0, 0, 0.3, -0.4};
    double[] cover = {100, 60, 25, 40, 15, 25, 35, 20, 15};
    // Tree 0: root 0 -> (1: f1<3 -> leaf 2 | node 6: f2<1 -> 7 | 8), (3: f0<8 -> 4 | 5)
    int[] t1Feature = {2, -1, -1};
    float[] t1Threshold = {4, 0, 0};
    int[] roots = {0, 9};
    return new TreeEnsemble(
        0.25,
        roots,
        concat(feature, t1Feature),
        concat(threshold, t1Threshold),
        concat(yes, new int[] {10, -1, -1}),
        concat(no, new int[] {11, -1, -1}),
        concat(missing, new int[] {11, -1, -1}),
        concat(value, new double[] {0, 0.5, -0.2}),
        concat(cover, new double[] {100, 30, 70}),
        3);
  }

  @Test
  void contributionsMatchBruteForceShapleyValues() {
    TreeEnsemble e = ensemble();
    float[] x = vector(6f, 1f, 0.5f);
    double[] phi = new double[F];
    new TreeShap(e).contributions(x, phi);
    for (int i = 0; i < 3; i++) {
      assertThat(phi[i]).as("feature " + i).isCloseTo(bruteForce(e, x, i), within(1e-9));
    }
    for (int i = 3; i < F; i++) {
      assertThat(phi[i]).isZero();
    }
  }

  @Property(tries = 200)
  void contributionsAddUpToTheMargin(
      @ForAll @FloatRange(min = 0, max = 10) float a,
      @ForAll @FloatRange(min = 0, max = 10) float b,
      @ForAll @FloatRange(min = 0, max = 10) float c) {
    TreeEnsemble e = ensemble();
    float[] x = vector(a, b, c);
    double[] phi = new double[F];
    new TreeShap(e).contributions(x, phi);
    double sum = e.expectedMargin();
    for (double p : phi) {
      sum += p;
    }
    assertThat(sum).isCloseTo(e.margin(x), within(1e-9));
  }

  @Test
  void missingValuesFollowTheMissingBranch() {
    TreeEnsemble e = ensemble();
    float[] x = vector(Float.NaN, 1f, 9f);
    // tree 0: missing -> node 1, f1=1<3 -> leaf 2 (-1.5); tree 1: f2=9 -> no -> 11 (-0.2)
    assertThat(e.margin(x)).isCloseTo(0.25 - 1.5 - 0.2, within(1e-9));
  }

  private static float[] vector(float a, float b, float c) {
    float[] x = new float[F];
    java.util.Arrays.fill(x, Float.NaN);
    x[0] = a;
    x[1] = b;
    x[2] = c;
    return x;
  }

  /** Exact Shapley value of feature i over features {0,1,2} with the path-dependent value. */
  private static double bruteForce(TreeEnsemble e, float[] x, int i) {
    int[] others = java.util.stream.IntStream.range(0, 3).filter(j -> j != i).toArray();
    double phi = 0;
    for (int mask = 0; mask < 4; mask++) {
      boolean[] known = new boolean[3];
      int size = 0;
      for (int k = 0; k < 2; k++) {
        if ((mask & (1 << k)) != 0) {
          known[others[k]] = true;
          size++;
        }
      }
      double without = value(e, x, known);
      known[i] = true;
      double with = value(e, x, known);
      double weight = factorial(size) * factorial(3 - size - 1) / (double) factorial(3);
      phi += weight * (with - without);
    }
    return phi;
  }

  private static double value(TreeEnsemble e, float[] x, boolean[] known) {
    double v = e.baseMargin();
    for (int root : e.roots()) {
      v += node(e, x, known, root);
    }
    return v;
  }

  private static double node(TreeEnsemble e, float[] x, boolean[] known, int n) {
    int f = e.feature()[n];
    if (f < 0) {
      return e.value()[n];
    }
    if (known[f]) {
      float v = x[f];
      int next = Float.isNaN(v) ? e.missing()[n] : (v < e.threshold()[n] ? e.yes()[n] : e.no()[n]);
      return node(e, x, known, next);
    }
    int y = e.yes()[n];
    int no = e.no()[n];
    return (e.cover()[y] * node(e, x, known, y) + e.cover()[no] * node(e, x, known, no))
        / e.cover()[n];
  }

  private static long factorial(int n) {
    long r = 1;
    for (int i = 2; i <= n; i++) {
      r *= i;
    }
    return r;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
