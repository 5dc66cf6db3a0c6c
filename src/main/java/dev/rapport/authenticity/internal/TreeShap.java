package dev.rapport.authenticity.internal;

/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion, Lee 2018, Algorithm 2), ported from the reference
 * implementation: per-feature contributions to the margin that sum, with {@link
 * TreeEnsemble#expectedMargin()}, to the margin exactly. Not thread-safe (reuses scratch space):
 * one per thread.
 */
public final class TreeShap {

  private final TreeEnsemble model;
  private final int[] pf;
  private final double[] pz;
  private final double[] po;
  private final double[] pw;

  public TreeShap(TreeEnsemble model) {
    this.model = model;
    int size = (model.maxDepth() + 2) * (model.maxDepth() + 3) / 2 + model.maxDepth() + 2;
    pf = new int[size];
    pz = new double[size];
    po = new double[size];
    pw = new double[size];
  }

  /** Adds each feature's contribution for {@code x} into {@code phi} (cleared first). */
  public void contributions(float[] x, double[] phi) {
    java.util.Arrays.fill(phi, 0);
    for (int root : model.roots()) {
      recurse(x, phi, root, 0, 0, 1, 1, -1);
    }
  }

  private void recurse(
      float[] x,
      double[] phi,
      int node,
      int depth,
      int parentOffset,
      double zeroFraction,
      double oneFraction,
      int featureIndex) {
    int offset = parentOffset + depth;
    if (depth > 0) {
      System.arraycopy(pf, parentOffset, pf, offset, depth);
      System.arraycopy(pz, parentOffset, pz, offset, depth);
      System.arraycopy(po, parentOffset, po, offset, depth);
      System.arraycopy(pw, parentOffset, pw, offset, depth);
    }
    extend(offset, depth, zeroFraction, oneFraction, featureIndex);
    int split = model.feature()[node];
    if (split < 0) {
      double leaf = model.value()[node];
      for (int i = 1; i <= depth; i++) {
        double w = unwoundSum(offset, depth, i);
        phi[pf[offset + i]] += w * (po[offset + i] - pz[offset + i]) * leaf;
      }
      return;
    }
    float v = x[split];
    int hot =
        v != v
            ? model.missing()[node]
            : (v < model.threshold()[node] ? model.yes()[node] : model.no()[node]);
    int cold = hot == model.yes()[node] ? model.no()[node] : model.yes()[node];
    double[] cover = model.cover();
    double w = cover[node];
    double hotZero = cover[hot] / w;
    double coldZero = cover[cold] / w;
    double incomingZero = 1;
    double incomingOne = 1;
    int k = 0;
    while (k <= depth && pf[offset + k] != split) {
      k++;
    }
    int d = depth;
    if (k <= depth) {
      incomingZero = pz[offset + k];
      incomingOne = po[offset + k];
      unwind(offset, d, k);
      d--;
    }
    recurse(x, phi, hot, d + 1, offset, hotZero * incomingZero, incomingOne, split);
    recurse(x, phi, cold, d + 1, offset, coldZero * incomingZero, 0, split);
  }

  private void extend(int o, int depth, double zero, double one, int feature) {
    pf[o + depth] = feature;
    pz[o + depth] = zero;
    po[o + depth] = one;
    pw[o + depth] = depth == 0 ? 1 : 0;
    for (int i = depth - 1; i >= 0; i--) {
      pw[o + i + 1] += one * pw[o + i] * (i + 1) / (double) (depth + 1);
      pw[o + i] = zero * pw[o + i] * (depth - i) / (double) (depth + 1);
    }
  }

  private void unwind(int o, int depth, int index) {
    double one = po[o + index];
    double zero = pz[o + index];
    double next = pw[o + depth];
    for (int i = depth - 1; i >= 0; i--) {
      if (one != 0) {
        double tmp = pw[o + i];
        pw[o + i] = next * (depth + 1) / ((i + 1) * one);
        next = tmp - pw[o + i] * zero * (depth - i) / (double) (depth + 1);
      } else {
        pw[o + i] = pw[o + i] * (depth + 1) / (zero * (depth - i));
      }
    }
    for (int i = index; i < depth; i++) {
      pf[o + i] = pf[o + i + 1];
      pz[o + i] = pz[o + i + 1];
      po[o + i] = po[o + i + 1];
    }
  }

  private double unwoundSum(int o, int depth, int index) {
    double one = po[o + index];
    double zero = pz[o + index];
    double next = pw[o + depth];
    double total = 0;
    for (int i = depth - 1; i >= 0; i--) {
      if (one != 0) {
        double tmp = next * (depth + 1) / ((i + 1) * one);
        total += tmp;
        next = pw[o + i] - tmp * zero * ((depth - i) / (double) (depth + 1));
      } else {
        total += (pw[o + i] / zero) / ((depth - i) / (double) (depth + 1));
      }
    }
    return total;
  }
}
