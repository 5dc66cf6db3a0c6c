package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-06-17T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aKeyWaitsUntilItsOldestFailureLeavesTheWindow() {
    TestClock clock = new TestClock();
    LoginThrottle t = new LoginThrottle(clock, Duration.ofMinutes(1));
    for (int i = 0; i < 5; i++) {
      assertThat(t.wait("a", 5)).isEmpty();
      t.failed("a");
      clock.now = clock.now.plusSeconds(10);
    }
    // Failures at 0, 10, 20, 30, 40 s; now 50 s: the first leaves the window at 60 s.
    assertThat(t.wait("a", 5)).contains(Duration.ofSeconds(10));
    assertThat(t.wait("b", 5)).as("other keys are unaffected").isEmpty();
    clock.now = clock.now.plusSeconds(10);
    assertThat(t.wait("a", 5)).isEmpty();
  }

  @Test
  void forgettingAKeyClearsItsFailures() {
    TestClock clock = new TestClock();
    LoginThrottle t = new LoginThrottle(clock, Duration.ofMinutes(1));
    t.failed("a");
    t.failed("a");
    assertThat(t.wait("a", 2)).isPresent();
    t.forget("a");
    assertThat(t.wait("a", 2)).isEmpty();
  }
}
