package dev.rapport.authenticity.internal;

/** Lenient parsing of counts and booleans written as text ("1.0", "1", "true"). Thread-safe. */
final class Counts {

  private Counts() {}

  static Long parse(String s) {
    String t = s.strip();
    if (t.isEmpty() || t.equals("NULL")) {
      return null;
    }
    try {
      if (t.endsWith(".0")) {
        t = t.substring(0, t.length() - 2);
      }
      long n = Long.parseLong(t);
      if (n < 0) {
        throw new IllegalArgumentException("expected a count, got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected a number, got \"" + Timestamps.abbreviate(s) + "\"");
    }
  }

  static Boolean bool(String s) {
    return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "", "null" -> null;
      case "1", "1.0", "true", "t", "yes" -> Boolean.TRUE;
      case "0", "0.0", "false", "f", "no" -> Boolean.FALSE;
      default ->
          throw new IllegalArgumentException(
              "expected true or false, got \"" + Timestamps.abbreviate(s) + "\"");
    };
  }
}
