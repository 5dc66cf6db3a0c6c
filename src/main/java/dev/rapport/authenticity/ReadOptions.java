package dev.rapport.authenticity;

import java.time.Instant;

/**
 * How to read a profile file.
 *
 * @param maxErrors bad records to skip (and count) before giving up; 0 stops at the first one
 * @param defaultObservedAt observation time for records that do not carry one ({@code null}: leave
 *     it unknown, so age-based features stay missing)
 */
public record ReadOptions(long maxErrors, Instant defaultObservedAt) {

  public static final ReadOptions STRICT = new ReadOptions(0, null);

  public ReadOptions {
    if (maxErrors < 0) {
      throw new IllegalArgumentException("maxErrors must be >= 0, was " + maxErrors);
    }
  }

  public ReadOptions withObservedAt(Instant observedAt) {
    return new ReadOptions(maxErrors, observedAt);
  }
}
