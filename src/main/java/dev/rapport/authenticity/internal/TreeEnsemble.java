package dev.rapport.authenticity.internal;

/**
 * Boosted regression trees in flat arrays, evaluated the way XGBoost does: at a split, go to {@code
 * yes} when {@code x < threshold} (compared as float), to {@code missing} when x is NaN. The margin
 * is {@code baseMargin} plus the sum of the leaves reached. Immutable and thread-safe.
 *
 * @param roots index of each tree's root node
 * @param feature split feature per node, -1 for a leaf
 * @param threshold split value per node
 * @param yes child when x &lt; threshold
 * @param no child otherwise
 * @param missing child when x is missing
 * @param value leaf value per node
 * @param cover training cover (hessian sum) per node, used by TreeSHAP
 */
public record TreeEnsemble(
    double baseMargin,
    int[] roots,
    int[] feature,
    float[] threshold,
    int[] yes,
    int[] no,
    int[] missing,
    double[] value,
    double[] cover,
    int maxDepth) {

  public double margin(float[] x) {
    double sum = baseMargin;
    int[] f = feature;
    for (int root : roots) {
      int n = root;
      int fi;
      while ((fi = f[n]) >= 0) {
        float v = x[fi];
        n = v != v ? missing[n] : (v < threshold[n] ? yes[n] : no[n]);
      }
      sum += value[n];
    }
    return sum;
  }

  /** Mean margin over the training data (cover-weighted), the SHAP base value. */
  public double expectedMargin() {
    double sum = baseMargin;
    for (int root : roots) {
      sum += expected(root);
    }
    return sum;
  }

  private double expected(int n) {
    if (feature[n] < 0) {
      return value[n];
    }
    double c = cover[n];
    return (cover[yes[n]] * expected(yes[n]) + cover[no[n]] * expected(no[n])) / c;
  }

  public int trees() {
    return roots.length;
  }
}
