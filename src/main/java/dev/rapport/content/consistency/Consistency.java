package dev.rapport.content.consistency;

import dev.rapport.content.consistency.internal.ConsistencyCalculator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** The consistency metrics as a pure computation: plain inputs in, a report out. */
public final class Consistency {

  private Consistency() {}

  /**
   * Consistency of one channel from the week containing {@code from} up to the last complete week
   * before the clock's now. Posts and scheduled posts of other channels are ignored.
   */
  public static ConsistencyReport of(
      PostingPlan plan,
      List<PublishedPost> published,
      List<ScheduledPost> scheduled,
      LocalDate from,
      Clock clock,
      ConsistencySettings settings) {
    return ConsistencyCalculator.compute(plan, published, scheduled, from, clock, settings);
  }
}
