package dev.rapport.platforms.graph;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Graph API timestamps ({@code 2024-05-19T23:27:28+0000}, no colon in the offset). */
public final class GraphTime {

  private static final DateTimeFormatter GRAPH =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

  private GraphTime() {}

  /** Parses Graph's format and plain ISO-8601; null when absent or unreadable. */
  public static Instant parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value, GRAPH).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  public static String format(Instant instant) {
    return GRAPH.format(instant.atOffset(java.time.ZoneOffset.UTC));
  }
}
