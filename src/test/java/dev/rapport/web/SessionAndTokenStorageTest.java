package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.app.Rapport;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.ApiTokens;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Sessions;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sessions and API tokens on every database (H2 always, PostgreSQL when configured): found by their
 * secret, never stored in plain text, expired and revoked ones refused.
 */
class SessionAndTokenStorageTest {

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void sessionsAndTokensAreStoredAsHashesOnly(TestDatabases.Kind kind) {
    TestClock clock = new TestClock();
    try (Rapport r = Rapport.on(kind.open(), clock)) {
      Workspace ws =
          r.workspaces()
              .create(
                  "w", "W", java.time.ZoneId.of("UTC"), dev.rapport.workspace.TargetAudience.NONE);
      User u = r.workspaces().createUser("u@example.com", "U", "not-a-real-hash");

      Sessions.Opened s = r.sessions().open(u.id(), Duration.ofHours(1));
      assertThat(r.sessions().find(s.token())).contains(s.session());
      assertThat(r.sessions().find(s.token() + "x")).isEmpty();
      assertThat(s.session().csrfToken()).isNotEqualTo(s.token()).hasSizeGreaterThanOrEqualTo(43);

      ApiTokens.Issued t = r.apiTokens().issue(ws.id(), u.id(), "ci", Role.AUTHOR);
      assertThat(t.token()).startsWith(ApiTokens.PREFIX);
      assertThat(r.apiTokens().find(t.token())).contains(t.grant());
      assertThat(r.apiTokens().find("rpt_guess")).isEmpty();
      assertThatThrownBy(() -> r.apiTokens().issue(ws.id(), u.id(), " ", Role.VIEWER))
          .isInstanceOf(IllegalArgumentException.class);

      List<String> stored =
          r.database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT id FROM web_session UNION ALL"
                                  + " SELECT token_hash FROM api_token")
                          .mapTo(String.class)
                          .list());
      assertThat(stored).hasSize(2).doesNotContain(s.token(), t.token());
      assertThat(stored).allMatch(h -> h.matches("[0-9a-f]{64}"));

      clock.advance(Duration.ofHours(1));
      assertThat(r.sessions().find(s.token())).as("expired").isEmpty();
      assertThat(r.sessions().closeExpired()).isEqualTo(1);

      assertThat(r.apiTokens().revoke(ws.id() + 1, t.grant().id())).isFalse();
      assertThat(r.apiTokens().revoke(ws.id(), t.grant().id())).isTrue();
      assertThat(r.apiTokens().find(t.token())).isEmpty();
      assertThat(r.apiTokens().list(ws.id())).isEmpty();
    }
  }
}
