package dev.rapport.publishing;

import java.time.LocalDate;
import java.util.List;

/** One day of a calendar view, in the workspace's time zone, with its variants in time order. */
public record CalendarDay(LocalDate date, boolean blocked, List<CalendarEntry> entries) {

  public CalendarDay {
    entries = List.copyOf(entries);
  }
}
