package dev.rapport.content.consistency;

import java.util.List;
import java.util.Objects;

/** The plan for one channel: posts per week and preferred slots. */
public record PostingPlan(String channel, int postsPerWeek, List<PlanSlot> preferredSlots) {

  public PostingPlan {
    Objects.requireNonNull(channel);
    if (postsPerWeek < 1) {
      throw new IllegalArgumentException("postsPerWeek must be ≥ 1: " + postsPerWeek);
    }
    preferredSlots = List.copyOf(preferredSlots);
  }

  /** The planned spacing between posts, in days. */
  public double plannedGapDays() {
    return 7.0 / postsPerWeek;
  }
}
