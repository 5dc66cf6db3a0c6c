package dev.rapport.authenticity;

import java.util.Arrays;
import java.util.Locale;

/**
 * Bot-vs-human metrics of one scorer on one labelled set. AUCs use the scores (ties count half);
 * the confusion matrix uses {@code score >= threshold}. Brier is NaN when the scorer gives no
 * probabilities.
 */
public record BinaryMetrics(
    int n,
    int bots,
    double aucRoc,
    double aucPr,
    double accuracy,
    double precision,
    double recall,
    double f1,
    double mcc,
    double brier,
    long truePositives,
    long falsePositives,
    long trueNegatives,
    long falseNegatives) {

  public static BinaryMetrics of(
      double[] score, boolean[] bot, double threshold, double[] probability) {
    int n = score.length;
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    int pos = 0;
    for (int i = 0; i < n; i++) {
      boolean predicted = score[i] >= threshold;
      pos += bot[i] ? 1 : 0;
      if (predicted && bot[i]) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (bot[i]) {
        fn++;
      } else {
        tn++;
      }
    }
    double brier = Double.NaN;
    if (probability != null) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        double d = probability[i] - (bot[i] ? 1 : 0);
        s += d * d;
      }
      brier = s / n;
    }
    double precision = tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
    double recall = tp + fn == 0 ? Double.NaN : tp / (double) (tp + fn);
    double f1 = 2.0 * tp / (2.0 * tp + fp + fn);
    double mccDen = Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
    double mcc = mccDen == 0 ? 0 : (tp * (double) tn - fp * (double) fn) / mccDen;
    return new BinaryMetrics(
        n,
        pos,
        aucRoc(score, bot),
        aucPr(score, bot),
        (tp + tn) / (double) n,
        precision,
        recall,
        f1,
        mcc,
        brier,
        tp,
        fp,
        tn,
        fn);
  }

  /** Area under the ROC curve by ranks (Mann–Whitney), ties counted half; NaN for one class. */
  static double aucRoc(double[] score, boolean[] bot) {
    int n = score.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(score[a], score[b]));
    double rankSumPos = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && score[idx[j + 1]] == score[idx[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (bot[idx[k]]) {
          rankSumPos += rank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSumPos - pos * (pos + 1) / 2.0) / (pos * (double) neg);
  }

  /** Average precision (area under the precision-recall curve), tied scores taken together. */
  static double aucPr(double[] score, boolean[] bot) {
    int n = score.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(score[b], score[a]));
    long pos = 0;
    for (boolean b : bot) {
      pos += b ? 1 : 0;
    }
    if (pos == 0) {
      return Double.NaN;
    }
    double ap = 0;
    long tp = 0;
    long seen = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      long tpHere = 0;
      while (j < n && score[idx[j]] == score[idx[i]]) {
        tpHere += bot[idx[j]] ? 1 : 0;
        j++;
      }
      tp += tpHere;
      seen += j - i;
      ap += (tpHere / (double) pos) * (tp / (double) seen);
      i = j;
    }
    return ap;
  }

  /** Share of humans called human (the only rate defined on a human-only set). */
  public double specificity() {
    return trueNegatives + falsePositives == 0
        ? Double.NaN
        : trueNegatives / (double) (trueNegatives + falsePositives);
  }

  public String confusion() {
    return String.format(
        Locale.ROOT,
        "TP %d, FP %d, TN %d, FN %d",
        truePositives,
        falsePositives,
        trueNegatives,
        falseNegatives);
  }
}
