package dev.rapport.publishing.internal;

import dev.rapport.publishing.Slot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A channel's queue as a pure rule: the first slot after a moment that is not taken, not on a
 * blocked day and not on a day already at the frequency cap. All in the workspace's zone.
 *
 * @param slots the channel's weekly slots
 * @param blocked the blocked days (for this channel or for all)
 * @param taken instants where the channel already has a variant
 * @param perDay variants of the channel on the plan per local day
 * @param cap the most variants per day (0: no cap)
 */
public record SlotQueue(
    List<Slot> slots,
    ZoneId zone,
    Set<LocalDate> blocked,
    Set<Instant> taken,
    Map<LocalDate, Integer> perDay,
    int cap) {

  /** How far ahead the queue looks. */
  public static final int HORIZON_DAYS = 366;

  public SlotQueue {
    slots = slots.stream().sorted().toList();
    blocked = Set.copyOf(blocked);
    taken = Set.copyOf(taken);
    perDay = Map.copyOf(perDay);
  }

  /** The first free slot strictly after {@code after}, within {@link #HORIZON_DAYS}. */
  public Optional<Instant> next(Instant after) {
    if (slots.isEmpty()) {
      return Optional.empty();
    }
    LocalDate start = after.atZone(zone).toLocalDate();
    for (int d = 0; d <= HORIZON_DAYS; d++) {
      LocalDate day = start.plusDays(d);
      if (blocked.contains(day) || cap > 0 && perDay.getOrDefault(day, 0) >= cap) {
        continue;
      }
      for (Slot slot : slots) {
        if (slot.day() != day.getDayOfWeek()) {
          continue;
        }
        Instant at = slot.on(day, zone);
        if (at.isAfter(after) && !taken.contains(at)) {
          return Optional.of(at);
        }
      }
    }
    return Optional.empty();
  }
}
