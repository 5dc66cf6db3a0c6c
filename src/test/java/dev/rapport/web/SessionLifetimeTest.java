package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.workspace.Role;
import dev.rapport.workspace.Sessions;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sessions end when their lifetime is over, and expired ones can be swept away. */
class SessionLifetimeTest {

  @Test
  void aSessionStopsWorkingWhenItExpires() {
    TestClock clock = new TestClock();
    try (TestServer s = TestServer.start(WebSettings.of("127.0.0.1", 0), clock)) {
      Workspace ws = s.workspace("w", "W");
      User u = s.user("u@example.com", "a long and private passphrase");
      s.grant(ws, u, Role.VIEWER);
      Client c = s.client().signedIn("u@example.com", "a long and private passphrase");
      assertThat(c.get("/w/w").statusCode()).isEqualTo(200);

      clock.advance(WebSettings.DEFAULT_SESSION_TTL.minusMinutes(1));
      assertThat(c.get("/w/w").statusCode()).isEqualTo(200);
      clock.advance(Duration.ofMinutes(1));
      assertThat(c.get("/w/w").statusCode()).as("expired: back to sign-in").isEqualTo(303);

      Sessions sessions = s.rapport.sessions();
      Sessions.Opened fresh = sessions.open(u.id(), Duration.ofMinutes(5));
      assertThat(sessions.closeExpired()).isEqualTo(1); // the browser's, not the fresh one
      assertThat(sessions.find(fresh.token())).isPresent();
      sessions.close(fresh.token());
      assertThat(sessions.find(fresh.token())).isEmpty();
    }
  }
}
