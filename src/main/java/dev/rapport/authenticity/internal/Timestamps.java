package dev.rapport.authenticity.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses the timestamp shapes profile sources use: Twitter's {@code "Tue Mar 17 08:51:12 +0000
 * 2009"}, ISO-8601 instants and offsets, ISO dates (Mastodon {@code last_status_at}) and the {@code
 * "2015-05-02 06:41:46"} crawl times of the cresci files (read as UTC). Thread-safe.
 */
public final class Timestamps {

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  private Timestamps() {}

  /** Returns the instant, or throws {@link IllegalArgumentException} with the reason. */
  public static Instant parse(String s) {
    String t = s.strip();
    if (isEpochMillis(t)) {
      // traditional_spambots_1 of cresci-2017 writes epoch milliseconds, e.g. "1183552203000L".
      return Instant.ofEpochMilli(Long.parseLong(t, 0, t.length() - 1, 10));
    }
    if (t.length() == 30 && t.charAt(3) == ' ' && t.charAt(19) == ' ') {
      return twitter(t);
    }
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (t.length() == 19 && t.charAt(10) == ' ') {
        return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      }
      if (t.length() == 19 && t.charAt(10) == 'T') {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      }
      return java.time.OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a date or timestamp: \"" + abbreviate(t) + "\"");
    }
  }

  private static Instant twitter(String t) {
    // "Tue Mar 17 08:51:12 +0000 2009"
    int month = MONTHS.indexOf(t.substring(4, 7));
    if (month < 0 || month % 3 != 0) {
      throw new IllegalArgumentException("not a Twitter timestamp: \"" + t + "\"");
    }
    try {
      int day = Integer.parseInt(t, 8, 10, 10);
      int hour = Integer.parseInt(t, 11, 13, 10);
      int minute = Integer.parseInt(t, 14, 16, 10);
      int second = Integer.parseInt(t, 17, 19, 10);
      int sign = t.charAt(20) == '-' ? -1 : 1;
      int offH = Integer.parseInt(t, 21, 23, 10);
      int offM = Integer.parseInt(t, 23, 25, 10);
      int year = Integer.parseInt(t, 26, 30, 10);
      long epochDay = LocalDate.of(year, month / 3 + 1, day).toEpochDay();
      long seconds =
          epochDay * 86_400L
              + hour * 3600L
              + minute * 60L
              + second
              - sign * (offH * 3600L + offM * 60L);
      return Instant.ofEpochSecond(seconds);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a Twitter timestamp: \"" + t + "\"");
    }
  }

  private static boolean isEpochMillis(String t) {
    if (t.length() < 12 || t.length() > 15 || t.charAt(t.length() - 1) != 'L') {
      return false;
    }
    for (int i = 0; i < t.length() - 1; i++) {
      if (!Character.isDigit(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
