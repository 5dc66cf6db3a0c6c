package dev.rapport.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per key (an account, a client address) in a sliding window and says how
 * long a key must wait once it reached its limit. Kept in memory, per node: a restart or a second
 * node gives an attacker a fresh allowance, which Argon2's cost per guess still keeps small.
 * Thread-safe.
 */
final class LoginThrottle {

  /** Above this many keys, stale ones are swept so that a spray of addresses cannot fill memory. */
  private static final int SWEEP_ABOVE = 10_000;

  private final Clock clock;
  private final Duration window;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  LoginThrottle(Clock clock, Duration window) {
    this.clock = clock;
    this.window = window;
  }

  /** How long {@code key} must wait before its next attempt; empty when it may try now. */
  Optional<Duration> wait(String key, int limit) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    synchronized (times) {
      prune(times, now);
      if (times.size() < limit) {
        return Optional.empty();
      }
      // The attempt that frees a slot is allowed once the oldest counted failure leaves the window.
      Instant free = times.peekFirst().plus(window);
      return Optional.of(Duration.between(now, free));
    }
  }

  void failed(String key) {
    Instant now = clock.instant();
    Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      prune(times, now);
      times.addLast(now);
    }
    if (failures.size() > SWEEP_ABOVE) {
      sweep(now);
    }
  }

  /** Forgets a key's failures (after a successful sign-in of that account). */
  void forget(String key) {
    failures.remove(key);
  }

  private void prune(Deque<Instant> times, Instant now) {
    Instant cutoff = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
  }

  private void sweep(Instant now) {
    failures
        .entrySet()
        .removeIf(
            e -> {
              synchronized (e.getValue()) {
                prune(e.getValue(), now);
                return e.getValue().isEmpty();
              }
            });
  }
}
