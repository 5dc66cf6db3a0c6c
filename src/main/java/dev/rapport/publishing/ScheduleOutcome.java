package dev.rapport.publishing;

import java.time.Instant;
import java.util.Set;

/** What happened when a variant was to be scheduled. */
public sealed interface ScheduleOutcome {

  long variantId();

  /**
   * The variant is scheduled at {@code at} and dispatch has been told.
   *
   * @param overridden the failed gates a manager overrode (empty when every gate passed)
   */
  record Scheduled(long variantId, Instant at, GateReport report, Set<Gate> overridden)
      implements ScheduleOutcome {
    public Scheduled {
      overridden = Set.copyOf(overridden);
    }
  }

  /** Gates failed and no override covered them; nothing changed. */
  record Blocked(long variantId, GateReport report, String message) implements ScheduleOutcome {}

  /** The queue has no free slot (no slots set, or all taken or blocked within a year). */
  record NoSlot(long variantId, String message) implements ScheduleOutcome {}
}
