package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.workspace.Role;
import dev.rapport.workspace.Sessions;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Sessions end after 30 minutes without a request and after 12 hours however busy (ASVS 4.0.3
 * V3.3.2, level 2), and expired ones can be swept away.
 */
class SessionLifetimeTest {

  static final String PASSWORD = "a long and private passphrase";

  @Test
  void aBusySessionStopsWorkingAtItsAbsoluteLifetime() {
    TestClock clock = new TestClock();
    try (TestServer s = TestServer.start(WebSettings.of("127.0.0.1", 0), clock)) {
      Workspace ws = s.workspace("w", "W");
      User u = s.user("u@example.com", PASSWORD);
      s.grant(ws, u, Role.VIEWER);
      Client c = s.client().signedIn("u@example.com", PASSWORD);
      assertThat(c.get("/w/w").statusCode()).isEqualTo(200);

      Duration step = Duration.ofMinutes(25);
      Duration elapsed = Duration.ZERO;
      while (elapsed.plus(step).compareTo(WebSettings.DEFAULT_SESSION_TTL) < 0) {
        clock.advance(step);
        elapsed = elapsed.plus(step);
        assertThat(c.get("/w/w").statusCode()).as("active after %s", elapsed).isEqualTo(200);
      }
      clock.advance(WebSettings.DEFAULT_SESSION_TTL.minus(elapsed));
      assertThat(c.get("/w/w").statusCode()).as("12 hours: back to sign-in").isEqualTo(303);

      Sessions sessions = s.rapport.sessions();
      Sessions.Opened fresh = sessions.open(u.id(), Duration.ofMinutes(5));
      assertThat(sessions.closeExpired()).isEqualTo(1); // the browser's, not the fresh one
      assertThat(sessions.find(fresh.token())).isPresent();
      sessions.close(fresh.token());
      assertThat(sessions.find(fresh.token())).isEmpty();
    }
  }

  @Test
  void anIdleSessionStopsWorkingAfterThirtyMinutes() {
    TestClock clock = new TestClock();
    try (TestServer s = TestServer.start(WebSettings.of("127.0.0.1", 0), clock)) {
      Workspace ws = s.workspace("w", "W");
      User u = s.user("u@example.com", PASSWORD);
      s.grant(ws, u, Role.VIEWER);
      Client c = s.client().signedIn("u@example.com", PASSWORD);
      clock.advance(WebSettings.DEFAULT_SESSION_IDLE.minusMinutes(2));
      assertThat(c.get("/w/w").statusCode()).as("28 minutes idle").isEqualTo(200);
      clock.advance(WebSettings.DEFAULT_SESSION_IDLE.minusMinutes(2));
      assertThat(c.get("/w/w").statusCode()).as("renewed by the last request").isEqualTo(200);
      clock.advance(WebSettings.DEFAULT_SESSION_IDLE);
      assertThat(c.get("/w/w").statusCode()).as("30 minutes idle").isEqualTo(303);
    }
  }
}
