package dev.rapport.publishing;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An evergreen post: once published, it goes back into its channels' queues after {@code
 * cooldownDays}, until {@code until} (no occurrence after that date).
 */
public record Evergreen(int cooldownDays, LocalDate until) {

  public Evergreen {
    Objects.requireNonNull(until, "until");
    if (cooldownDays < 1) {
      throw new IllegalArgumentException("an evergreen cooldown is at least one day");
    }
  }
}
