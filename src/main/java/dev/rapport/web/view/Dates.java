package dev.rapport.web.view;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates and times as every page shows them, in a few named forms, so that one page never says
 * "2026-06-17" where another says "Wed 17 Jun 2026":
 *
 * <ul>
 *   <li>{@link #day} "Wed 17 Jun 2026" — a date, or the date of a moment;
 *   <li>{@link #moment} "Wed 17 Jun 2026, 12:00" — a moment;
 *   <li>{@link #dayInMonth} "Wed 17 Jun" and {@link #time} "12:00" — inside a calendar, whose
 *       heading names the month and the day;
 *   <li>{@link #month} "June 2026".
 * </ul>
 *
 * Moments are shown in the workspace's time zone (pages pass {@code workspace.timeZone()}); the
 * templates {@code tag/moment.jte}, {@code tag/day.jte} and {@code tag/date.jte} put them in a
 * {@code <time datetime>} whose value is the exact ISO instant or date. Machine-readable values
 * (those attributes, CSV, JSON, query strings) stay ISO and never come from here. English month and
 * day names, as the rest of the interface. Thread-safe.
 */
public final class Dates {

  /** What a page shows for a moment that did not happen (never engaged, not yet judged). */
  public static final String NONE = "—";

  private static final Locale LOCALE = Locale.ENGLISH;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy", LOCALE);
  private static final DateTimeFormatter MOMENT =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", LOCALE);
  private static final DateTimeFormatter DAY_IN_MONTH =
      DateTimeFormatter.ofPattern("EEE d MMM", LOCALE);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", LOCALE);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", LOCALE);

  private Dates() {}

  /** "Wed 17 Jun 2026": the day a moment fell on in the zone; {@link #NONE} for null. */
  public static String day(Instant t, ZoneId zone) {
    return t == null ? NONE : DAY.format(t.atZone(zone));
  }

  /** "Wed 17 Jun 2026"; {@link #NONE} for null. */
  public static String day(LocalDate d) {
    return d == null ? NONE : DAY.format(d);
  }

  /** "Wed 17 Jun 2026, 12:00" in the zone; {@link #NONE} for null. */
  public static String moment(Instant t, ZoneId zone) {
    return t == null ? NONE : MOMENT.format(t.atZone(zone));
  }

  /** "Wed 17 Jun": a day in a calendar whose heading names the year. */
  public static String dayInMonth(LocalDate d) {
    return DAY_IN_MONTH.format(d);
  }

  /** "12:00": a time of day in a calendar, beside the day it is on. */
  public static String time(LocalTime t) {
    return TIME.format(t);
  }

  /** "June 2026". */
  public static String month(YearMonth m) {
    return MONTH.format(m);
  }

  /** "June 2026" for a month stored as "2026-06"; anything else is shown as it is. */
  public static String month(String isoMonth) {
    if (isoMonth == null) {
      return NONE;
    }
    try {
      return month(YearMonth.parse(isoMonth));
    } catch (java.time.format.DateTimeParseException e) {
      return isoMonth;
    }
  }

  /** The exact instant for {@code <time datetime>}, e.g. "2026-06-17T12:00:00Z". */
  public static String iso(Instant t) {
    return t == null ? "" : t.toString();
  }

  /** The date for {@code <time datetime>}, e.g. "2026-06-17". */
  public static String iso(LocalDate d) {
    return d == null ? "" : d.toString();
  }

  /** The date a moment fell on in the zone, for {@code <time datetime>}. */
  public static String isoDay(Instant t, ZoneId zone) {
    return t == null ? "" : t.atZone(zone).toLocalDate().toString();
  }
}
