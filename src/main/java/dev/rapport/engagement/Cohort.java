package dev.rapport.engagement;

import java.time.YearMonth;
import java.util.List;

/**
 * Authentic people who first engaged in one month, and how many of them engaged again k months
 * later, for each k of {@link Retention#OFFSETS}.
 *
 * @param retained one entry per offset; null while that month has not ended yet
 */
public record Cohort(YearMonth month, long people, List<Long> retained) {

  public Cohort {
    retained = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(retained));
  }

  /** Share of the cohort still engaging at the i-th offset; NaN while unknown. */
  public double share(int offsetIndex) {
    Long n = retained.get(offsetIndex);
    return n == null ? Double.NaN : TruthFormulas.share(n, people);
  }
}
