package dev.rapport.content.consistency;

import java.time.Duration;
import java.time.Instant;

/** The time between two posts (or from the last post to now, when {@code open}). */
public record Gap(Instant from, Instant to, boolean open) {

  public Duration length() {
    return Duration.between(from, to);
  }

  public double days() {
    return length().toMinutes() / (24 * 60.0);
  }
}
