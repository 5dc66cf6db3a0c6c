package dev.rapport.publishing;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A repeat rule: every {@code step} days, weeks or months, at the first occurrence's wall-clock
 * time in the workspace's zone, until {@code until} (inclusive).
 */
public record Recurrence(Frequency frequency, int step, LocalDate until) {

  /** Most occurrences one rule makes, so that a typo in the end date cannot flood a calendar. */
  public static final int MAX_OCCURRENCES = 400;

  /** How often a recurring post repeats. */
  public enum Frequency {
    DAILY,
    WEEKLY,
    MONTHLY
  }

  public Recurrence {
    Objects.requireNonNull(frequency, "frequency");
    Objects.requireNonNull(until, "until");
    if (step < 1) {
      throw new IllegalArgumentException("a recurrence repeats every 1 or more periods");
    }
  }

  /**
   * The local date-times after {@code first}, up to the end date. Months are added to the first
   * date each time (not to the previous one), so the 31st stays the 31st where the month has one.
   */
  public List<LocalDateTime> after(LocalDateTime first) {
    List<LocalDateTime> times = new ArrayList<>();
    for (int k = 1; times.size() < MAX_OCCURRENCES; k++) {
      LocalDateTime next =
          switch (frequency) {
            case DAILY -> first.plusDays((long) k * step);
            case WEEKLY -> first.plusWeeks((long) k * step);
            case MONTHLY -> first.plusMonths((long) k * step);
          };
      if (next.toLocalDate().isAfter(until)) {
        break;
      }
      times.add(next);
    }
    return times;
  }
}
