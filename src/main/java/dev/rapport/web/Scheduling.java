package dev.rapport.web;

import dev.rapport.publishing.GateResult;
import dev.rapport.publishing.ScheduleOutcome;
import dev.rapport.workspace.Workspace;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/** Times as people and programs write them, read in the workspace's zone; outcomes in words. */
final class Scheduling {

  private Scheduling() {}

  /**
   * A moment like {@code 2026-06-18T09:00} (the workspace's wall clock, as a {@code datetime-local}
   * field sends it), {@code 2026-06-18 09:00}, or with an offset ({@code 2026-06-18T09:00+02:00},
   * {@code …Z}).
   */
  static Instant at(Workspace w, String raw, String field) {
    String t = raw.strip().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // no offset: the workspace's wall clock
    }
    try {
      return ZonedDateTime.ofLocal(LocalDateTime.parse(t), w.timeZone(), null).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + field
              + "' must be a time like 2026-06-18T09:00 (in "
              + w.timeZone().getId()
              + ") or 2026-06-18T09:00+02:00, not '"
              + raw
              + "'.");
    }
  }

  /** A day and a wall-clock time of the workspace, e.g. from the calendar's "move to" form. */
  static Instant at(Workspace w, String date, String time, String field) {
    try {
      return ZonedDateTime.ofLocal(
              LocalDateTime.of(LocalDate.parse(date.strip()), LocalTime.parse(time.strip())),
              w.timeZone(),
              null)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + field + "' must be a day like 2026-06-18 and a time like 09:00.");
    }
  }

  /** Why a variant was not scheduled, in the capability's words; null when it was. */
  static String refusal(ScheduleOutcome outcome) {
    if (outcome instanceof ScheduleOutcome.Blocked b) {
      StringBuilder why = new StringBuilder(b.message());
      for (GateResult r : b.report().results()) {
        if (r instanceof GateResult.Failed) {
          why.append(why.indexOf(": ") < 0 ? ": " : "; ").append(r.message());
        }
      }
      return why.toString();
    }
    if (outcome instanceof ScheduleOutcome.NoSlot n) {
      return n.message();
    }
    return null;
  }
}
