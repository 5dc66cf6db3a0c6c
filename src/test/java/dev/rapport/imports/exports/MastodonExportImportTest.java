package dev.rapport.imports.exports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.Post;
import dev.rapport.imports.ExportFormat;
import dev.rapport.imports.ExportOutcome;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Platform;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Mastodon export importer on its fixture, on every database. */
class MastodonExportImportTest {

  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void importsTheBrandsStatusesOnce(TestDatabases.Kind kind) {
    try (Fixtures.Env env = Fixtures.env(kind)) {
      // A channel the user added by hand, named without the server: the export finds it.
      env.r().workspaces().addChannel(env.ws().id(), Platform.MASTODON, "@rose", "Rose");
      Path export = Fixtures.copy("mastodon", dir);
      ExportOutcome.Imported i = env.imported(ExportFormat.MASTODON_EXPORT, export, null);

      assertThat(i.channel()).isEqualTo("mastodon:@rose");
      assertThat(i.channelCreated()).isFalse();
      // The public post, its thread continuation and the followers-only post.
      assertThat(i.count("posts")).isEqualTo(new ExportOutcome.Count("posts", 3, 3));
      assertThat(i.skippedOf("posts")).isEqualTo(3);
      assertThat(i.skipped())
          .extracting(ExportOutcome.Skipped::reason)
          .anySatisfy(r -> assertThat(r).startsWith("boosts"))
          .anySatisfy(r -> assertThat(r).startsWith("direct messages"))
          .anySatisfy(r -> assertThat(r).startsWith("replies to other accounts"));
      assertThat(i.skippedOf("likes")).isEqualTo(2);
      assertThat(i.skippedOf("bookmarks")).isEqualTo(1);
      assertThat(i.count("followers").read()).isZero();

      List<Post> posts =
          env.r().posts().recent(env.ws().id(), 10).stream()
              .sorted(Comparator.comparing(p -> p.variants().get(0).publishedAt()))
              .toList();
      assertThat(posts)
          .extracting(p -> p.variants().get(0).platformPostId())
          .containsExactly("101", "102", "106");
      assertThat(posts.get(0).body())
          .isEqualTo(
              "Rye & caraway is back on Saturdays.\n\nRecipe notes: https://rose.example/rye");
      assertThat(posts.get(1).body())
          .isEqualTo("Pre-orders close Friday at 18:00.\nWe bake 40 loaves.");
      assertThat(posts.get(2).body())
          .isEqualTo("CW: price change\n\nFrom May the baguette costs 1,40 €.");
      assertThat(posts).noneMatch(p -> p.body().contains("4471"));

      Fixtures.Stored before = env.stored();
      ExportOutcome.Imported again = env.imported(ExportFormat.MASTODON_EXPORT, export, null);
      assertThat(again.counts()).allSatisfy(c -> assertThat(c.created()).isZero());
      assertThat(env.stored()).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void aBrokenOutboxRefusesTheWholeExport(TestDatabases.Kind kind) {
    try (Fixtures.Env env = Fixtures.env(kind)) {
      Path export = Fixtures.copy("mastodon", dir);
      Fixtures.replace(
          export.resolve("outbox.json"),
          "\"published\":\"2026-04-04T08:00:00Z\",\"to\":[\"https://social.example/users/rose/followers\"],\"cc\":[],\"object\"",
          "\"published\":\"2026-04-04T08:00:00Z\",\"to\":[\"https://social.example/users/rose/followers\"],\"cc\":[],\"objet\"");
      Fixtures.replace(
          export.resolve("outbox.json"),
          "statuses/101\",\"published\":\"2026-04-01T07:05:00Z\"",
          "statuses/101\",\"published\":\"April\"");

      ExportOutcome.Rejected j = env.rejected(ExportFormat.MASTODON_EXPORT, export, null);

      assertThat(j.problems())
          .extracting(Object::toString)
          .containsExactly(
              "outbox.json, line 3, orderedItems[1].object.published: is not a date-time: 'April'",
              "outbox.json, line 7, orderedItems[5].object: is missing");
      assertThat(env.stored()).isEqualTo(new Fixtures.Stored(0, 0, 0, 0));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void invalidJsonIsReportedWithItsLine(TestDatabases.Kind kind) {
    try (Fixtures.Env env = Fixtures.env(kind)) {
      Path export = Fixtures.copy("mastodon", dir);
      Fixtures.replace(
          export.resolve("outbox.json"), "\"type\":\"Announce\",", "\"type\":\"Announce\"");

      ExportOutcome.Rejected j = env.rejected(ExportFormat.MASTODON_EXPORT, export, null);

      assertThat(j.problems()).hasSize(1);
      assertThat(j.problems().get(0).file()).isEqualTo("outbox.json");
      assertThat(j.problems().get(0).line()).isEqualTo(6);
      assertThat(j.problems().get(0).reason()).startsWith("not valid JSON: ");
      assertThat(env.stored()).isEqualTo(new Fixtures.Stored(0, 0, 0, 0));
    }
  }
}
