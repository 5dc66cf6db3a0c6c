package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  @Test
  void aKeyWaitsUntilItsOldestFailureLeavesTheWindow() {
    TestClock clock = new TestClock();
    LoginThrottle t = new LoginThrottle(clock, Duration.ofMinutes(1));
    for (int i = 0; i < 5; i++) {
      assertThat(t.wait("a", 5)).isEmpty();
      t.failed("a");
      clock.advance(Duration.ofSeconds(10));
    }
    // Failures at 0, 10, 20, 30, 40 s; now 50 s: the first leaves the window at 60 s.
    assertThat(t.wait("a", 5)).contains(Duration.ofSeconds(10));
    assertThat(t.wait("b", 5)).as("other keys are unaffected").isEmpty();
    clock.advance(Duration.ofSeconds(10));
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
