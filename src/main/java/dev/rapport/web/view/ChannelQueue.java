package dev.rapport.web.view;

import dev.rapport.publishing.CalendarEntry;
import dev.rapport.publishing.Slot;
import dev.rapport.workspace.Channel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One channel's queue: its weekly slots, the next free one, and what is scheduled from now on.
 *
 * @param nextFreeSlot null when the channel has no free slot within a year (or no slots)
 * @param upcoming scheduled variants from now on, in time order (at most a year ahead)
 * @param scheduledThrough the last local day with something scheduled, or null
 * @param runwayDays days from today through {@code scheduledThrough} (0 when nothing is scheduled)
 */
public record ChannelQueue(
    Channel channel,
    List<Slot> slots,
    Instant nextFreeSlot,
    List<CalendarEntry> upcoming,
    LocalDate scheduledThrough,
    long runwayDays) {

  public ChannelQueue {
    slots = List.copyOf(slots);
    upcoming = List.copyOf(upcoming);
  }

  public String label() {
    return channel.platform().code() + " · " + channel.handle();
  }

  /** Whether a variant sits on one of the channel's slots (else it was given its own time). */
  public boolean onSlot(CalendarEntry e, LocalDate day) {
    return slots.stream()
        .anyMatch(s -> s.day() == day.getDayOfWeek() && s.time().equals(e.localTime()));
  }
}
