package dev.rapport.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading path and query parameters with plain-word errors (400 for queries, 404 for paths). */
final class Requests {

  private Requests() {}

  /** A numeric id in the path; anything else names nothing here (404). */
  static long pathId(Context ctx, String name, String what) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw new NotFoundResponse("No such " + what + ".");
    }
  }

  /**
   * The request body as text. JSON is UTF-8 (RFC 8259); a body that is not is refused (400) rather
   * than read with replacement characters that would end up stored.
   */
  static String utf8Body(Context ctx) {
    try {
      return java.nio.charset.StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(ctx.bodyAsBytes()))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException("The body is not valid UTF-8 text.");
    }
  }

  /** A query parameter, or null when absent or blank. */
  static String query(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** A whole number in [min, max], or {@code fallback} when absent. */
  static int number(Context ctx, String name, int fallback, int min, int max) {
    return number(query(ctx, name), name, fallback, min, max);
  }

  static int number(String raw, String name, int fallback, int min, int max) {
    if (raw == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.strip());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new IllegalArgumentException(
        "'"
            + name
            + "' must be a whole number from "
            + min
            + " to "
            + max
            + ", not '"
            + raw
            + "'.");
  }

  /** An ISO-8601 instant such as 2026-06-17T12:00:00Z, or null when absent. */
  static Instant instant(Context ctx, String name) {
    String raw = query(ctx, name);
    if (raw == null) {
      return null;
    }
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + name + "' must be a moment like 2026-06-17T12:00:00Z, not '" + raw + "'.");
    }
  }
}
