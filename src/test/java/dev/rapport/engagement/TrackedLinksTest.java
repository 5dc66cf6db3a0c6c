package dev.rapport.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.app.Rapport;
import dev.rapport.people.IdentityKey;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrackedLinksTest {

  static final Instant NOW = Instant.parse("2026-06-17T12:00:00Z");

  @Test
  void destinationAddsUtmParametersAndKeepsQueryAndFragment() {
    TrackedLink l =
        new TrackedLink(
            1,
            1,
            "abcdEFGH",
            URI.create("https://shop.example/rye?size=l#buy"),
            null,
            null,
            null,
            "bluesky",
            "social",
            "rye week");
    assertThat(l.destination().toString())
        .isEqualTo(
            "https://shop.example/rye?size=l&utm_source=bluesky&utm_medium=social&utm_campaign=rye+week#buy");
  }

  @Test
  void onlyPlainWebAddressesCanBeTracked() {
    assertThatThrownBy(
            () ->
                new NewLink(URI.create("javascript:alert(1)"), null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new NewLink(
                    URI.create("https://user:pw@shop.example/"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("user name or password");
    assertThatThrownBy(
            () -> new NewLink(URI.create("/relative"), null, null, null, null, null, null))
        .hasMessageContaining("absolute");
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void clicksAreCountedWithoutAddressesAndPersonalLinksEnterTheLedger(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      Workspace ws = r.workspaces().create("shop", "Shop", ZoneId.of("UTC"), TargetAudience.NONE);
      Channel ch =
          r.workspaces().addChannel(ws.id(), Platform.MASTODON, "@shop@example.social", "Shop");
      long[] ids =
          r.people()
              .resolve(ws.id(), List.of(new IdentityKey(Platform.MASTODON, "77", "ann", "Ann")));
      long person = r.people().identity(ws.id(), ids[0]).orElseThrow().personId();
      TrackedLink general =
          r.links()
              .create(
                  ws.id(),
                  new NewLink(
                      URI.create("https://shop.example/"),
                      null,
                      ch.id(),
                      null,
                      "mastodon",
                      "social",
                      "june"));
      TrackedLink personal =
          r.links()
              .create(
                  ws.id(),
                  new NewLink(
                      URI.create("https://shop.example/"),
                      null,
                      ch.id(),
                      person,
                      "mastodon",
                      "social",
                      "june"));
      assertThat(general.code()).hasSize(8).isNotEqualTo(personal.code());
      assertThat(r.links().byCode(general.code())).contains(general);
      assertThat(r.links().byCode("nope")).isEmpty();

      r.links().recordClick(general, NOW, "203.0.113.9|Firefox", "https://bsky.app/");
      r.links().recordClick(general, NOW.plusSeconds(5), "203.0.113.9|Firefox", null);
      r.links().recordClick(personal, NOW, "198.51.100.4|Safari", null);
      assertThat(r.links().clicks(ws.id(), general.id())).isEqualTo(2);
      List<String> stored = visitorHashes(r);
      assertThat(stored).hasSize(3).noneMatch(s -> s.contains("203.0.113.9"));
      assertThat(stored.get(0)).isEqualTo(stored.get(1)).hasSize(32); // same visitor, same day
      assertThat(r.ledger().count(ws.id())).isEqualTo(1); // only the personal link names someone
      assertThat(r.people().identity(ws.id(), ids[0]).orElseThrow().engagements()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void theVisitorHashIsSaltedPerDayAndTheSaltRotates(TestDatabases.Kind kind) throws Exception {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      Workspace ws = r.workspaces().create("shop", "Shop", ZoneId.of("UTC"), TargetAudience.NONE);
      TrackedLink link =
          r.links()
              .create(
                  ws.id(),
                  new NewLink(
                      URI.create("https://shop.example/"), null, null, null, null, null, null));
      String visitor = "203.0.113.9|Firefox";
      // Ten days, two clicks a day: every new day drops the salts older than yesterday.
      for (int day = 0; day < 10; day++) {
        Instant at = NOW.plus(Duration.ofDays(day));
        r.links().recordClick(link, at, visitor, null);
        r.links().recordClick(link, at.plusSeconds(60), visitor, null);
      }
      List<String> hashes = visitorHashes(r);
      assertThat(hashes).hasSize(20);
      for (int day = 0; day < 10; day++) {
        assertThat(hashes.get(2 * day)).as("day %d", day).isEqualTo(hashes.get(2 * day + 1));
      }
      assertThat(new java.util.HashSet<>(hashes)).as("a new hash every day").hasSize(10);
      // The last day's hash is SHA-256 of that day's stored salt and the visitor, cut to 16 bytes.
      LocalDate last = LocalDate.ofInstant(NOW.plus(Duration.ofDays(9)), ZoneOffset.UTC);
      List<String> salts =
          r.database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT salt FROM click_salt WHERE salt_day = ?")
                          .bind(0, last)
                          .mapTo(String.class)
                          .list());
      assertThat(salts).hasSize(1);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(HexFormat.of().parseHex(salts.get(0)));
      byte[] expected = sha.digest(visitor.getBytes(StandardCharsets.UTF_8));
      assertThat(hashes.get(19)).isEqualTo(HexFormat.of().formatHex(expected, 0, 16));
      long kept =
          r.database()
              .jdbi()
              .withHandle(
                  h -> h.createQuery("SELECT COUNT(*) FROM click_salt").mapTo(Long.class).one());
      assertThat(kept).as("only yesterday's and today's salts are kept").isEqualTo(2);
    }
  }

  private static List<String> visitorHashes(Rapport r) {
    return r.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT visitor_hash FROM link_click ORDER BY id")
                    .mapTo(String.class)
                    .list());
  }
}
