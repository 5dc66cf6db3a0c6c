package dev.rapport.imports.exports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.Post;
import dev.rapport.content.Posts;
import dev.rapport.imports.ExportFormat;
import dev.rapport.imports.ExportOutcome;
import dev.rapport.imports.ExportProblem;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The X archive importer on its fixture, on every database. */
class XArchiveImportTest {

  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void importsTweetsAndFollowersOnceIntoTheArchivesChannel(TestDatabases.Kind kind) {
    try (Fixtures.Env env = Fixtures.env(kind)) {
      Path archive = Fixtures.copy("x", dir);
      ExportOutcome.Imported i = env.imported(ExportFormat.X_ARCHIVE, archive, null);

      assertThat(i.channel()).isEqualTo("x:rosebakery");
      assertThat(i.channelCreated()).isTrue();
      // Two own tweets and a thread reply to itself (one of them in tweets-part1.js).
      assertThat(i.count("posts")).isEqualTo(new ExportOutcome.Count("posts", 3, 3));
      assertThat(i.count("followers")).isEqualTo(new ExportOutcome.Count("followers", 3, 3));
      assertThat(i.count("reported counts").read()).isEqualTo(3);
      assertThat(i.skipped())
          .extracting(ExportOutcome.Skipped::kind, ExportOutcome.Skipped::count)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("posts", 1L),
              org.assertj.core.groups.Tuple.tuple("posts", 1L),
              org.assertj.core.groups.Tuple.tuple("following", 2L),
              org.assertj.core.groups.Tuple.tuple("likes", 2L));
      assertThat(i.skipped())
          .anySatisfy(s -> assertThat(s.reason()).startsWith("retweets"))
          .anySatisfy(s -> assertThat(s.reason()).startsWith("replies to other accounts"))
          .anySatisfy(s -> assertThat(s.reason()).contains("1 of them follow back"));

      Channel ch = env.r().workspaces().channels(env.ws().id()).get(0);
      assertThat(ch.platform()).isEqualTo(Platform.X);
      assertThat(ch.displayName()).isEqualTo("Rose Bakery");
      List<Post> posts =
          env.r().posts().recent(env.ws().id(), 10).stream()
              .sorted(Comparator.comparing(p -> p.variants().get(0).publishedAt()))
              .toList();
      assertThat(posts)
          .extracting(p -> p.variants().get(0).platformPostId())
          .containsExactly("4001", "5001", "5002");
      // Links expanded, the photo link dropped, X's HTML escapes decoded.
      assertThat(posts.get(1).body())
          .isEqualTo("Rye & caraway loaf is back: 6 € on Saturdays https://rose.example/rye");
      assertThat(posts.get(2).body()).isEqualTo("Order by Friday 18:00 > we bake 40 loaves.");
      assertThat(posts.get(1).variants().get(0).publishedAt())
          .isEqualTo(Instant.parse("2026-04-04T07:30:00Z"));
      Posts.ReportedPost reported =
          env.r().posts().reportedPosts(env.ws().id()).stream()
              .filter(p -> p.publishedAt().equals(Instant.parse("2026-04-04T07:30:00Z")))
              .findFirst()
              .orElseThrow();
      assertThat(reported.counts().reactions()).isEqualTo(12);
      assertThat(reported.counts().shares()).isEqualTo(3);
      assertThat(reported.counts().reportedAt()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));

      // Followers are people following the channel, known by account id only.
      var ann = env.r().people().byHandle(env.ws().id(), Platform.X, "2001");
      assertThat(env.r().people().countIdentities(env.ws().id())).isEqualTo(3);
      assertThat(ann).isEmpty(); // no handles in an archive
      assertThat(env.r().ledger().count(env.ws().id()))
          .as("an archive dates no follow: no follow events")
          .isZero();

      Fixtures.Stored before = env.stored();
      ExportOutcome.Imported again = env.imported(ExportFormat.X_ARCHIVE, archive, null);
      assertThat(again.channelCreated()).isFalse();
      assertThat(again.counts()).allSatisfy(c -> assertThat(c.created()).isZero());
      assertThat(again.count("posts").known()).isEqualTo(3);
      assertThat(env.stored()).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void aMalformedTweetRefusesTheWholeArchive(TestDatabases.Kind kind) {
    try (Fixtures.Env env = Fixtures.env(kind)) {
      Path archive = Fixtures.copy("x", dir);
      Fixtures.replace(
          archive.resolve("data/tweets.js"), "Sun Apr 05 09:00:00 +0000 2026", "last Sunday");
      Fixtures.replace(archive.resolve("data/follower.js"), "\"2003\"", "\"@someone\"");

      ExportOutcome.Rejected j = env.rejected(ExportFormat.X_ARCHIVE, archive, null);

      assertThat(j.problems())
          .containsExactly(
              new ExportProblem(
                  "data/tweets.js",
                  45,
                  "[2].tweet.created_at",
                  "is not a date-time: 'last Sunday'"),
              new ExportProblem(
                  "data/follower.js",
                  14,
                  "[2].follower.accountId",
                  "is not a numeric id: '@someone'"));
      assertThat(j.problems().get(0).toString())
          .isEqualTo(
              "data/tweets.js, line 45, [2].tweet.created_at: is not a date-time: 'last Sunday'");
      assertThat(env.stored()).isEqualTo(new Fixtures.Stored(0, 0, 0, 0));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void aChannelNamedForAnotherAccountIsRefused(TestDatabases.Kind kind) {
    try (Fixtures.Env env = Fixtures.env(kind)) {
      ExportOutcome.Rejected j =
          env.rejected(ExportFormat.X_ARCHIVE, Fixtures.copy("x", dir), "@otherbrand");
      assertThat(j.problems().get(0).reason())
          .contains("the export belongs to @rosebakery, not @otherbrand");
      assertThat(env.stored()).isEqualTo(new Fixtures.Stored(0, 0, 0, 0));
    }
  }
}
