package dev.rapport.imports.internal;

import dev.rapport.workspace.Platform;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV row with typed getters. A getter that finds a bad value records a problem (line, column,
 * reason) and returns null, so that one pass reports every problem in the row. Not thread-safe.
 */
public final class Row {
  public static final int MAX_FIELD = 8000;

  private final CSVRecord record;
  private final Map<String, Integer> header;
  private final long line;
  private final Problems problems;
  private boolean bad;

  Row(CSVRecord record, Map<String, Integer> header, long line, Problems problems) {
    this.record = record;
    this.header = header;
    this.line = line;
    this.problems = problems;
  }

  public long line() {
    return line;
  }

  /** True when any getter on this row found a problem. */
  public boolean bad() {
    return bad;
  }

  public void problem(String column, String reason) {
    bad = true;
    problems.add(line, column, reason);
  }

  /** The trimmed value, or null when the column is absent or the cell empty. */
  public String text(String column) {
    Integer i = header.get(column);
    if (i == null || i >= record.size()) {
      return null;
    }
    String v = record.get(i).trim();
    if (v.isEmpty()) {
      return null;
    }
    if (v.length() > MAX_FIELD) {
      problem(column, "longer than " + MAX_FIELD + " characters");
      return null;
    }
    if (v.indexOf('\u0000') >= 0) {
      problem(column, "contains a NUL character (is this a binary file?)");
      return null;
    }
    return v;
  }

  public String required(String column) {
    String v = text(column);
    if (v == null && !header.containsKey(column)) {
      return null; // reported once for the header
    }
    if (v == null) {
      problem(column, "is required");
    }
    return v;
  }

  public Long count(String column) {
    String v = text(column);
    if (v == null) {
      return null;
    }
    try {
      long n = Long.parseLong(v.replace("_", ""));
      if (n < 0) {
        problem(column, "must not be negative: '" + v + "'");
        return null;
      }
      return n;
    } catch (NumberFormatException e) {
      problem(column, "not a whole number: '" + clip(v) + "'");
      return null;
    }
  }

  public Boolean flag(String column) {
    String v = text(column);
    if (v == null) {
      return null;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "y", "t" -> {
        return true;
      }
      case "false", "0", "no", "n", "f" -> {
        return false;
      }
      default -> {
        problem(column, "expected true or false, got '" + clip(v) + "'");
        return null;
      }
    }
  }

  /** Offsets written without a colon, as the Graph API does: 2017-07-14T14:30:59+0000. */
  private static final java.time.format.DateTimeFormatter COMPACT_OFFSET =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX");

  /** ISO-8601 instant, date-time with offset, or a date (midnight UTC). */
  public Instant time(String column) {
    String v = text(column);
    if (v == null) {
      return null;
    }
    try {
      if (v.length() == 10) {
        return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(v, COMPACT_OFFSET).toInstant();
      } catch (DateTimeParseException compact) {
        // fall through to the last form
      }
      try {
        return Instant.parse(v);
      } catch (DateTimeParseException e2) {
        problem(
            column,
            "not an ISO-8601 date or time (e.g. 2026-03-01 or 2026-03-01T09:30:00Z): '"
                + clip(v)
                + "'");
        return null;
      }
    }
  }

  /** A date-time without offset ("2017-07-14 11:01:24.379857"), read in the given zone. */
  public Instant localTime(String column, java.time.ZoneId zone) {
    String v = text(column);
    if (v == null) {
      return null;
    }
    try {
      return java.time.LocalDateTime.parse(v.replace(' ', 'T')).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      Instant t = time(column);
      return t;
    }
  }

  public Platform platform(String column) {
    String v = required(column);
    if (v == null) {
      return null;
    }
    try {
      return Platform.fromCode(v);
    } catch (IllegalArgumentException e) {
      problem(column, e.getMessage());
      return null;
    }
  }

  public BigDecimal decimal(String column) {
    String v = required(column);
    if (v == null) {
      return null;
    }
    try {
      return new BigDecimal(v);
    } catch (NumberFormatException e) {
      problem(column, "not a number: '" + clip(v) + "'");
      return null;
    }
  }

  private static String clip(String v) {
    return v.length() > 60 ? v.substring(0, 57) + "..." : v;
  }
}
