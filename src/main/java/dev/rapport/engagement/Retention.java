package dev.rapport.engagement;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;

/**
 * Retention of engagers and the audience quality score over time, from the week rollup, the follows
 * and the post rollup (never the ledger). Thread-safe.
 */
public interface Retention {

  /** Months after the first engagement at which retention is measured. */
  List<Integer> OFFSETS = List.of(1, 3, 6, 12);

  /** Monthly cohorts of authentic people by first engagement, oldest first, up to asOf. */
  List<Cohort> cohorts(long workspaceId, Instant asOf);

  /**
   * The audience quality score at {@code from}, {@code from + step}, … up to {@code to}; each point
   * looks back over {@code window} like the summary does.
   */
  List<QualityPoint> quality(
      long workspaceId, Instant from, Instant to, Period step, Duration window);
}
