package dev.rapport.authenticity.internal;

import java.util.Arrays;

/**
 * Character-bigram model of human handles: the mean log-probability of a handle's bigrams (letters
 * a–z, one class for digits, one for {@code _}, one for anything else, plus start and end marks),
 * with add-one smoothing. Machine-made handles ("xk7d2q9", "user84713") score low. Learned from the
 * human handles of a training set only. Immutable and thread-safe once built.
 */
public final class HandleBigrams {

  static final int SYMBOLS = 30;
  private static final int DIGIT = 26;
  private static final int UNDERSCORE = 27;
  private static final int OTHER = 28;
  private static final int BOUNDARY = 29;

  private final float[] logProb;

  private HandleBigrams(float[] logProb) {
    this.logProb = logProb;
  }

  public static HandleBigrams learn(Iterable<String> humanHandles) {
    double[] counts = new double[SYMBOLS * SYMBOLS];
    Arrays.fill(counts, 1.0);
    for (String h : humanHandles) {
      if (h == null || h.isEmpty()) {
        continue;
      }
      int prev = BOUNDARY;
      for (int i = 0; i < h.length(); i++) {
        int s = symbol(h.charAt(i));
        counts[prev * SYMBOLS + s]++;
        prev = s;
      }
      counts[prev * SYMBOLS + BOUNDARY]++;
    }
    float[] lp = new float[SYMBOLS * SYMBOLS];
    for (int a = 0; a < SYMBOLS; a++) {
      double row = 0;
      for (int b = 0; b < SYMBOLS; b++) {
        row += counts[a * SYMBOLS + b];
      }
      for (int b = 0; b < SYMBOLS; b++) {
        lp[a * SYMBOLS + b] = (float) Math.log(counts[a * SYMBOLS + b] / row);
      }
    }
    return new HandleBigrams(lp);
  }

  public static HandleBigrams of(float[] logProb) {
    if (logProb.length != SYMBOLS * SYMBOLS) {
      throw new IllegalArgumentException(
          "handle bigram table must have " + SYMBOLS * SYMBOLS + " entries");
    }
    return new HandleBigrams(logProb.clone());
  }

  /** Mean log-probability per bigram; NaN for a missing or empty handle. */
  public double score(String handle) {
    if (handle == null || handle.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    int prev = BOUNDARY;
    int n = handle.length();
    for (int i = 0; i < n; i++) {
      int s = symbol(handle.charAt(i));
      sum += logProb[prev * SYMBOLS + s];
      prev = s;
    }
    sum += logProb[prev * SYMBOLS + BOUNDARY];
    return sum / (n + 1);
  }

  public float[] table() {
    return logProb.clone();
  }

  private static int symbol(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= '0' && c <= '9') {
      return DIGIT;
    }
    return c == '_' ? UNDERSCORE : OTHER;
  }
}
