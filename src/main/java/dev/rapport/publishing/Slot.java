package dev.rapport.publishing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/** A weekly time slot of a channel's queue: a day and a wall-clock time in the workspace's zone. */
public record Slot(DayOfWeek day, LocalTime time) implements Comparable<Slot> {

  public Slot {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(time, "time");
    time = time.withSecond(0).withNano(0);
  }

  /** Parses "mon 09:00", "Wednesday 12:30". */
  public static Slot parse(String text) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException("a slot is a day and a time, such as thu 10:00");
    }
    String d = parts[0].toUpperCase(java.util.Locale.ROOT);
    DayOfWeek day = null;
    for (DayOfWeek candidate : DayOfWeek.values()) {
      if (d.length() >= 3 && candidate.name().startsWith(d)) {
        day = candidate;
      }
    }
    if (day == null) {
      throw new IllegalArgumentException(
          "there is no day '" + parts[0] + "' (days are mon, tue, wed, thu, fri, sat, sun)");
    }
    try {
      return new Slot(day, LocalTime.parse(parts[1].length() == 4 ? "0" + parts[1] : parts[1]));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + parts[1] + "' is not a time of day (24-hour, such as 10:00 or 18:30)");
    }
  }

  /**
   * The instant of this slot on {@code date} in {@code zone}. A time that does not exist that day
   * (skipped by a spring-forward change) moves forward by the length of the gap, 02:30 becoming
   * 03:30; a time that happens twice (autumn) is the first of the two, so the slot is used once.
   */
  public java.time.Instant on(LocalDate date, ZoneId zone) {
    return ZonedDateTime.ofLocal(LocalDateTime.of(date, time), zone, null).toInstant();
  }

  @Override
  public int compareTo(Slot o) {
    int c = day.compareTo(o.day);
    return c != 0 ? c : time.compareTo(o.time);
  }

  @Override
  public String toString() {
    return day.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT) + " " + time;
  }
}
