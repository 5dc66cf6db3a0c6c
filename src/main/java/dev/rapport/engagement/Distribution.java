package dev.rapport.engagement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How engagement spreads over posts and accounts: the heavy tail, and the posts that earn almost
 * nothing. Plain code over per-post totals; definitions in docs/metrics.md.
 *
 * @param posts posts considered
 * @param missing posts with no reported total (left out of every figure below)
 * @param quantiles per-post engagement at p10, p25, p50, p75, p90, p99 and the maximum
 * @param mean mean per-post engagement
 * @param gini Gini coefficient of per-post engagement (0 = equal, 1 = one post has everything)
 * @param top10Share share of all engagement earned by the top 10% of posts
 * @param zeroShare share of posts with no engagement at all
 * @param nearNothingShare share of posts earning less than 10% of their own account's median
 * @param accounts accounts with at least one counted post
 * @param accountMedians the accounts' median per-post engagement at p10, p50, p90 and max
 */
public record Distribution(
    int posts,
    int missing,
    double[] quantiles,
    double mean,
    double gini,
    double top10Share,
    double zeroShare,
    double nearNothingShare,
    int accounts,
    double[] accountMedians) {

  public static final double[] QUANTILES = {0.10, 0.25, 0.50, 0.75, 0.90, 0.99, 1.0};
  public static final double NEAR_NOTHING = 0.10;

  /** One post's total (null when the platform reported none) and the account it belongs to. */
  public record PostTotal(long accountId, Long total) {}

  public static Distribution of(List<PostTotal> totals) {
    Map<Long, List<Long>> byAccount = new HashMap<>();
    int missing = 0;
    List<Long> all = new ArrayList<>();
    for (PostTotal t : totals) {
      if (t.total() == null) {
        missing++;
        continue;
      }
      all.add(t.total());
      byAccount.computeIfAbsent(t.accountId(), k -> new ArrayList<>()).add(t.total());
    }
    double[] v = all.stream().mapToDouble(Long::doubleValue).sorted().toArray();
    int n = v.length;
    double[] q = new double[QUANTILES.length];
    for (int i = 0; i < q.length; i++) {
      q[i] = n == 0 ? Double.NaN : quantile(v, QUANTILES[i]);
    }
    double sum = Arrays.stream(v).sum();
    double zero = n == 0 ? Double.NaN : Arrays.stream(v).filter(x -> x == 0).count() / (double) n;
    Map<Long, Double> medians = new HashMap<>();
    byAccount.forEach(
        (a, list) ->
            medians.put(
                a, quantile(list.stream().mapToDouble(Long::doubleValue).sorted().toArray(), 0.5)));
    long near = 0;
    for (PostTotal t : totals) {
      if (t.total() != null && t.total() < NEAR_NOTHING * medians.get(t.accountId())) {
        near++;
      }
    }
    double[] m = medians.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] accountMedians =
        m.length == 0
            ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}
            : new double[] {quantile(m, 0.1), quantile(m, 0.5), quantile(m, 0.9), m[m.length - 1]};
    double top10 = Double.NaN;
    if (n > 0 && sum > 0) {
      int k = Math.max(1, (int) Math.ceil(n * 0.10));
      double s = 0;
      for (int i = n - k; i < n; i++) {
        s += v[i];
      }
      top10 = s / sum;
    }
    return new Distribution(
        totals.size(),
        missing,
        q,
        n == 0 ? Double.NaN : sum / n,
        gini(v, sum),
        top10,
        zero,
        n == 0 ? Double.NaN : near / (double) n,
        medians.size(),
        accountMedians);
  }

  /** Linear interpolation between closest ranks (type 7, as R and NumPy by default). */
  static double quantile(double[] sorted, double p) {
    if (sorted.length == 1) {
      return sorted[0];
    }
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Gini of sorted non-negative values: Σ (2i − n − 1) x_i / (n Σ x), i from 1. */
  static double gini(double[] sorted, double sum) {
    int n = sorted.length;
    if (n == 0 || sum == 0) {
      return Double.NaN;
    }
    double acc = 0;
    for (int i = 0; i < n; i++) {
      acc += (2.0 * (i + 1) - n - 1) * sorted[i];
    }
    return acc / (n * sum);
  }
}
