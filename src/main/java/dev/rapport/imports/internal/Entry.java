package dev.rapport.imports.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.function.Function;

/**
 * One JSON element of an export being read: typed access to its fields that records a problem
 * (file, line, path) for every missing or malformed value instead of throwing.
 */
final class Entry {
  private final ExportProblems problems;
  private final String file;
  private final long line;
  private final String path;
  private final Entry parent;
  private boolean bad;

  Entry(ExportProblems problems, String file, long line, String path) {
    this(problems, file, line, path, null);
  }

  private Entry(ExportProblems problems, String file, long line, String path, Entry parent) {
    this.problems = problems;
    this.file = file;
    this.line = line;
    this.path = path;
    this.parent = parent;
  }

  /** The same element one level down, e.g. {@code [3].tweet}; its problems count here too. */
  Entry at(String field) {
    return new Entry(problems, file, line, path + "." + field, this);
  }

  boolean bad() {
    return bad;
  }

  void problem(String field, String reason) {
    for (Entry e = this; e != null; e = e.parent) {
      e.bad = true;
    }
    problems.add(file, line, field.isEmpty() ? path : path + "." + field, reason);
  }

  /** The object under {@code field}, or a problem. */
  JsonNode object(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || !v.isObject()) {
      problem(field, v == null || v.isNull() ? "is missing" : "is not an object");
      return null;
    }
    return v;
  }

  /** Text (a JSON string, or a number written as one); null when absent. */
  String text(JsonNode n, String field, boolean required) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problem(field, "is missing");
      }
      return null;
    }
    if (!v.isValueNode()) {
      problem(field, "is not text");
      return null;
    }
    return v.asText();
  }

  /** A required id made of digits (platforms write numeric ids as strings). */
  String digits(JsonNode n, String field) {
    String s = text(n, field, true);
    if (s != null && !s.matches("[0-9]{1,30}")) {
      problem(field, "is not a numeric id: '" + shorten(s) + "'");
      return null;
    }
    return s;
  }

  /** A non-negative count written as a number or as a string of digits; null when absent. */
  Long count(JsonNode n, String field) {
    String s = text(n, field, false);
    if (s == null || s.isEmpty()) {
      return null;
    }
    if (!s.matches("[0-9]{1,18}")) {
      problem(field, "is not a count: '" + shorten(s) + "'");
      return null;
    }
    return Long.parseLong(s);
  }

  /** Seconds since 1970 (Instagram's timestamps). */
  Instant epochSeconds(JsonNode n, String field, boolean required) {
    Long s = count(n, field);
    if (s == null) {
      if (required && !bad) {
        problem(field, "is missing");
      }
      return null;
    }
    if (s > 32_503_680_000L) {
      problem(field, "is not a time in seconds since 1970: " + s);
      return null;
    }
    return Instant.ofEpochSecond(s);
  }

  /** A time in the given format; the parser returns null or throws for bad text. */
  Instant time(JsonNode n, String field, boolean required, Function<String, Instant> parse) {
    String s = text(n, field, required);
    if (s == null) {
      return null;
    }
    try {
      Instant t = parse.apply(s);
      if (t != null) {
        return t;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    problem(field, "is not a date-time: '" + shorten(s) + "'");
    return null;
  }

  static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
