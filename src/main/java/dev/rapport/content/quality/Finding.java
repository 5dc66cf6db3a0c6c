package dev.rapport.content.quality;

import java.util.Objects;

/**
 * One concrete observation about a draft.
 *
 * @param dimension the rubric dimension it counts towards
 * @param code a stable machine name, e.g. {@code vague_superlative}
 * @param severity strength, advice, problem or blocker
 * @param start first character (UTF-16 index) of the words it points at, or -1 for the whole text
 * @param end one past the last character, or -1 for the whole text
 * @param words the words it points at (empty for the whole text)
 * @param message what was found, in plain words
 * @param suggestion what to do about it (empty for strengths)
 */
public record Finding(
    Dimension dimension,
    String code,
    Severity severity,
    int start,
    int end,
    String words,
    String message,
    String suggestion) {

  public Finding {
    Objects.requireNonNull(dimension);
    Objects.requireNonNull(code);
    Objects.requireNonNull(severity);
    Objects.requireNonNull(words);
    Objects.requireNonNull(message);
    Objects.requireNonNull(suggestion);
    if (start > end) {
      throw new IllegalArgumentException("start after end: " + start + " > " + end);
    }
  }

  /** A finding about the whole text rather than particular words. */
  public static Finding whole(
      Dimension dimension, String code, Severity severity, String message, String suggestion) {
    return new Finding(dimension, code, severity, -1, -1, "", message, suggestion);
  }

  public boolean isIssue() {
    return severity != Severity.STRENGTH;
  }
}
