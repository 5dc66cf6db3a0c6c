package dev.rapport.publishing.dispatch.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of {@code base × 2^(n-1)},
 * capped, so that many variants failing together do not come back together.
 */
final class Backoff {

  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;

  Backoff(Duration base, Duration max, RandomGenerator random) {
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /** The wait before attempt {@code attempt + 1}, at least {@code floor} (Retry-After). */
  Duration after(int attempt, Duration floor) {
    long ceiling = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
    ceiling = Math.min(Math.max(ceiling, 1), max.toMillis());
    long wait = ceiling / 2 + (long) (random.nextDouble() * (ceiling - ceiling / 2));
    Duration d = Duration.ofMillis(wait);
    return floor != null && floor.compareTo(d) > 0 ? floor : d;
  }
}
