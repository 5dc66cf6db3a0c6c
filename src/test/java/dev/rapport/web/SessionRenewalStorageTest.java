package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Sessions;
import dev.rapport.workspace.User;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Idle renewal within an absolute lifetime, ending every session of one user, and replacing a
 * password hash, on every database (H2 always, PostgreSQL when configured).
 */
class SessionRenewalStorageTest {

  static final Duration IDLE = Duration.ofMinutes(30);
  static final Duration ABSOLUTE = Duration.ofHours(2);

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void sessionsRenewWhileUsedButNeverPastTheirLifetime(TestDatabases.Kind kind) {
    TestClock clock = new TestClock();
    try (Rapport r = Rapport.on(kind.open(), clock)) {
      Sessions sessions = r.sessions();
      User u = r.workspaces().createUser("u@example.com", "U", "not-a-real-hash");
      Sessions.Opened s = sessions.open(u.id(), IDLE);

      clock.advance(Duration.ofMinutes(20));
      assertThat(sessions.resume(s.token(), IDLE, ABSOLUTE))
          .hasValueSatisfying(x -> assertThat(x.expiresAt()).isEqualTo(clock.instant().plus(IDLE)));
      clock.advance(Duration.ofSeconds(20));
      assertThat(sessions.resume(s.token(), IDLE, ABSOLUTE))
          .as("within a minute: not written again")
          .hasValueSatisfying(
              x ->
                  assertThat(x.expiresAt()).isEqualTo(clock.instant().minusSeconds(20).plus(IDLE)));
      assertThat(sessions.resume(s.token() + "x", IDLE, ABSOLUTE)).isEmpty();

      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofMinutes(25));
        assertThat(sessions.resume(s.token(), IDLE, ABSOLUTE)).as("step %s", i).isPresent();
      }
      // 1 h 59 min 20 s after opening: renewed only up to the absolute lifetime.
      clock.advance(Duration.ofMinutes(24));
      assertThat(sessions.resume(s.token(), IDLE, ABSOLUTE))
          .hasValueSatisfying(
              x -> assertThat(x.expiresAt()).isEqualTo(TestServer.NOW.plus(ABSOLUTE)));
      clock.advance(Duration.ofMinutes(1));
      assertThat(sessions.resume(s.token(), IDLE, ABSOLUTE)).as("past 2 hours").isEmpty();

      Sessions.Opened idle = sessions.open(u.id(), IDLE);
      clock.advance(IDLE);
      assertThat(sessions.resume(idle.token(), IDLE, ABSOLUTE)).as("idle too long").isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void closeAllEndsOneUsersSessionsAndPasswordsCanBeReplaced(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), new TestClock())) {
      Sessions sessions = r.sessions();
      User a = r.workspaces().createUser("a@example.com", "A", r.passwords().hash("first one"));
      User b = r.workspaces().createUser("b@example.com", "B", "not-a-real-hash");
      Sessions.Opened a1 = sessions.open(a.id(), IDLE);
      Sessions.Opened a2 = sessions.open(a.id(), IDLE);
      Sessions.Opened b1 = sessions.open(b.id(), IDLE);
      var listed = sessions.active(a.id(), a2.token());
      assertThat(listed).hasSize(2).filteredOn(Sessions.Active::current).hasSize(1);
      assertThat(listed)
          .extracting(Sessions.Active::handle)
          .noneMatch(h -> (a1.token() + a2.token()).contains(h));
      String otherHandle = sessions.active(b.id(), null).get(0).handle();
      assertThat(sessions.close(a.id(), otherHandle)).as("b's session, asked by a").isFalse();
      assertThat(sessions.find(b1.token())).isPresent();
      String a2Handle =
          listed.stream().filter(Sessions.Active::current).findFirst().orElseThrow().handle();
      assertThat(sessions.close(a.id(), a2Handle)).isTrue();
      assertThat(sessions.find(a2.token())).isEmpty();
      assertThat(sessions.close(a.id(), a2Handle)).as("already ended").isFalse();
      Sessions.Opened a3 = sessions.open(a.id(), IDLE);
      assertThat(sessions.closeAll(a.id())).isEqualTo(2);
      assertThat(sessions.find(a3.token())).isEmpty();
      assertThat(sessions.find(a1.token())).isEmpty();
      assertThat(sessions.find(a2.token())).isEmpty();
      assertThat(sessions.find(b1.token())).isPresent();

      assertThat(r.workspaces().changePassword(a.id(), r.passwords().hash("second one"))).isTrue();
      String stored = r.workspaces().passwordHash(a.id()).orElseThrow();
      assertThat(r.passwords().matches("second one", stored)).isTrue();
      assertThat(r.passwords().matches("first one", stored)).isFalse();
      assertThat(r.workspaces().changePassword(b.id() + 1000, "x")).isFalse();
    }
  }
}
