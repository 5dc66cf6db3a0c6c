package dev.rapport.engagement.internal;

import java.time.Instant;

/**
 * One identity's engagement summary, or a batch's contribution to it: count, first and last
 * engagement, and the weeks it engaged in among the 52 up to the week of the last one (bit k of
 * {@code recentWeeks} is week {@code lastWeek - k}; see V54).
 */
final class Activity {
  static final int WEEKS = 52;
  static final long MASK = (1L << WEEKS) - 1;

  Instant first;
  Instant last;
  long count;
  int lastWeek;
  long recentWeeks;

  void add(Instant t) {
    int week = SqlLedger.weekNumber(SqlLedger.weekOf(t));
    if (count == 0) {
      lastWeek = week;
      recentWeeks = 1;
    } else if (week > lastWeek) {
      recentWeeks = shifted(recentWeeks, week - lastWeek) | 1;
      lastWeek = week;
    } else if (lastWeek - week < WEEKS) {
      recentWeeks |= 1L << (lastWeek - week);
    }
    if (first == null || t.isBefore(first)) {
      first = t;
    }
    if (last == null || t.isAfter(last)) {
      last = t;
    }
    count++;
  }

  Activity copy() {
    Activity a = new Activity();
    a.first = first;
    a.last = last;
    a.count = count;
    a.lastWeek = lastWeek;
    a.recentWeeks = recentWeeks;
    return a;
  }

  void merge(Activity other) {
    int top = Math.max(lastWeek, other.lastWeek);
    recentWeeks =
        shifted(recentWeeks, top - lastWeek) | shifted(other.recentWeeks, top - other.lastWeek);
    lastWeek = top;
    first = other.first.isBefore(first) ? other.first : first;
    last = other.last.isAfter(last) ? other.last : last;
    count += other.count;
  }

  /** The mask re-anchored {@code weeks} weeks later: older weeks move up, the oldest fall off. */
  static long shifted(long mask, int weeks) {
    return weeks >= WEEKS ? 0 : (mask << weeks) & MASK;
  }
}
