package dev.rapport.platforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.app.Rapport;
import dev.rapport.platforms.internal.SqlConnections;
import dev.rapport.store.Database;
import dev.rapport.store.SecretBox;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectionsTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  static final URI PDS = URI.create("https://bsky.social");

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void secretsAreSealedAtRestAndRefreshedTokensPersist(TestDatabases.Kind kind) {
    SecretBox box = SecretBox.ephemeral();
    try (Rapport r = Rapport.on(kind.open(), CLOCK, box)) {
      Workspace ws = r.workspaces().create("cafe", "Cafe", ZoneId.of("UTC"), TargetAudience.NONE);
      Channel ch = r.workspaces().addChannel(ws.id(), Platform.BLUESKY, "cafe.bsky.social", "C");
      r.connections()
          .connect(
              ws.id(),
              ch.id(),
              PDS,
              "did:plc:cafe",
              "cafe.bsky.social",
              Map.of("appPassword", "abcd-efgh-ijkl-mnop", "accessJwt", "old"));

      String stored = storedSecrets(r.database(), ch.id());
      assertThat(stored).doesNotContain("abcd-efgh").doesNotContain("appPassword");

      Account account = r.connections().account(ws.id(), ch.id()).orElseThrow();
      assertThat(account.secret("appPassword")).isEqualTo("abcd-efgh-ijkl-mnop");
      assertThat(account.platform()).isEqualTo(Platform.BLUESKY);
      assertThat(account.toString()).doesNotContain("abcd");

      account.updateSecrets(Map.of("accessJwt", "new"));
      assertThat(account.secret("accessJwt")).isEqualTo("new");
      Account again = r.connections().account(ws.id(), ch.id()).orElseThrow();
      assertThat(again.secret("accessJwt")).isEqualTo("new");
      assertThat(again.secret("appPassword")).as("kept").isEqualTo("abcd-efgh-ijkl-mnop");

      again.reconnectNeeded("Bluesky refused the app password");
      assertThat(r.connections().statuses(ws.id()))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.needsReconnect()).isTrue();
                assertThat(s.reconnectReason()).contains("app password");
              });
      r.connections().connect(ws.id(), ch.id(), PDS, "did:plc:cafe", "cafe.bsky.social", Map.of());
      assertThat(r.connections().statuses(ws.id()).get(0).needsReconnect()).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void noCrossWorkspaceAccessAndAWrongKeyIsNamed(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), CLOCK, SecretBox.ephemeral())) {
      Workspace a = r.workspaces().create("a", "A", ZoneId.of("UTC"), TargetAudience.NONE);
      Workspace b = r.workspaces().create("b", "B", ZoneId.of("UTC"), TargetAudience.NONE);
      Channel ch = r.workspaces().addChannel(a.id(), Platform.MASTODON, "@a@m.social", "A");
      assertThatThrownBy(
              () -> r.connections().connect(b.id(), ch.id(), PDS, "1", "x", Map.of("t", "s")))
          .isInstanceOf(IllegalArgumentException.class);
      r.connections().connect(a.id(), ch.id(), PDS, "1", "x", Map.of("token", "s3cret"));
      assertThat(r.connections().account(b.id(), ch.id())).isEmpty();
      assertThat(r.connections().statuses(b.id())).isEmpty();

      SqlConnections otherKey = new SqlConnections(r.database(), SecretBox.ephemeral(), CLOCK);
      assertThatThrownBy(() -> otherKey.account(a.id(), ch.id()))
          .hasMessageContaining("encrypted with another key");

      r.connections().disconnect(a.id(), ch.id());
      assertThat(r.connections().account(a.id(), ch.id())).isEmpty();
    }
  }

  private static String storedSecrets(Database db, long channelId) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT secrets FROM channel_connection WHERE channel_id = ?")
                    .bind(0, channelId)
                    .mapTo(String.class)
                    .one());
  }
}
