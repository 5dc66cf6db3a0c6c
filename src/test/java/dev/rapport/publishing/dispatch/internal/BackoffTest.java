package dev.rapport.publishing.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff =
      new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(30), new SplittableRandom(7));

  @Test
  void doublesPerAttemptWithinTheUpperHalfAndIsCapped() {
    for (int attempt = 1; attempt <= 12; attempt++) {
      long ceiling = Math.min(5_000L << (attempt - 1), 30 * 60_000L);
      for (int i = 0; i < 200; i++) {
        long ms = backoff.after(attempt, null).toMillis();
        assertThat(ms).isBetween(ceiling / 2, ceiling);
      }
    }
  }

  @Test
  void jitterSpreadsWaitsApart() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      seen.add(backoff.after(3, null).toMillis());
    }
    assertThat(seen.size()).isGreaterThan(40);
  }

  @Test
  void retryAfterIsAFloor() {
    assertThat(backoff.after(1, Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
    assertThat(backoff.after(1, Duration.ofMillis(1)).toMillis()).isGreaterThanOrEqualTo(2_500);
  }
}
