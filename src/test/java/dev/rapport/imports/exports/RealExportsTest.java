package dev.rapport.imports.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rapport.imports.ExportFormat;
import dev.rapport.imports.ExportOutcome;
import dev.rapport.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The importers on the real exports in {@code $RAPPORT_DATA_DIR/exports} (CI sets it to the shared
 * data), on every database; skipped when it is not set. The figures are those the files hold,
 * checked against an independent count of the JSON and CSV: every record is either imported or
 * skipped with a reason, none is refused, and a second import creates nothing.
 */
class RealExportsTest {

  static Path exports() {
    String dir = System.getenv("RAPPORT_DATA_DIR");
    assumeTrue(dir != null && !dir.isBlank(), "RAPPORT_DATA_DIR is not set");
    Path p = Path.of(dir, "exports");
    assumeTrue(Files.isDirectory(p), "no exports in " + dir);
    return p;
  }

  /** Imports twice: the figures of the first import, and nothing new the second time. */
  static ExportOutcome.Imported twice(
      Fixtures.Env env, ExportFormat f, Path source, String channel) {
    ExportOutcome.Imported first = env.imported(f, source, channel);
    Fixtures.Stored stored = env.stored();
    ExportOutcome.Imported again = env.imported(f, source, channel);
    assertThat(again.counts()).allSatisfy(c -> assertThat(c.created()).isZero());
    assertThat(again.skipped()).isEqualTo(first.skipped());
    assertThat(env.stored()).isEqualTo(stored);
    return first;
  }

  static Map<String, Long> skippedPosts(ExportOutcome.Imported i) {
    return i.skipped().stream()
        .filter(s -> s.kind().equals("posts"))
        .collect(
            Collectors.toMap(
                s -> s.reason().substring(0, s.reason().indexOf(' ')),
                ExportOutcome.Skipped::count));
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void xArchive(TestDatabases.Kind kind) {
    Path archive = exports().resolve("twitter");
    try (Fixtures.Env env = Fixtures.env(kind)) {
      ExportOutcome.Imported i = twice(env, ExportFormat.X_ARCHIVE, archive, null);
      assertThat(i.channel()).isEqualTo("x:andreruffert");
      // 1,986 tweets: 643 retweets, 488 replies to others, 855 own posts and thread replies.
      assertThat(i.count("posts")).isEqualTo(new ExportOutcome.Count("posts", 855, 855));
      assertThat(skippedPosts(i)).isEqualTo(Map.of("retweets", 643L, "replies", 488L));
      assertThat(i.count("reported counts").read()).isEqualTo(855);
      assertThat(i.count("followers")).isEqualTo(new ExportOutcome.Count("followers", 420, 420));
      assertThat(i.skippedOf("following")).isEqualTo(295);
      assertThat(i.skippedOf("likes")).isEqualTo(1359);
      assertThat(env.stored()).isEqualTo(new Fixtures.Stored(855, 420, 0, 1));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void mastodonExport(TestDatabases.Kind kind) {
    Path export = exports().resolve("mastodon");
    try (Fixtures.Env env = Fixtures.env(kind)) {
      ExportOutcome.Imported i = twice(env, ExportFormat.MASTODON_EXPORT, export, null);
      assertThat(i.channel()).isEqualTo("mastodon:dealingwith@indieweb.social");
      // 1,586 activities: 326 boosts; of 1,260 statuses 35 direct, 176 replies to others.
      assertThat(i.count("posts")).isEqualTo(new ExportOutcome.Count("posts", 1049, 1049));
      assertThat(skippedPosts(i)).isEqualTo(Map.of("boosts", 326L, "direct", 35L, "replies", 176L));
      assertThat(i.skippedOf("likes")).isEqualTo(1115);
      assertThat(i.skippedOf("bookmarks")).isEqualTo(865);
      assertThat(env.stored()).isEqualTo(new Fixtures.Stored(1049, 0, 0, 1));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void instagramExports(TestDatabases.Kind kind) {
    Path instagram = exports().resolve("instagram");
    try (Fixtures.Env env = Fixtures.env(kind)) {
      // Two accounts' partial downloads; neither names its account, so the channel is given.
      ExportOutcome.Imported posts =
          twice(
              env, ExportFormat.INSTAGRAM_EXPORT, instagram.resolve("yummyhopper"), "yummyhopper");
      assertThat(posts.count("posts")).isEqualTo(new ExportOutcome.Count("posts", 4, 4));
      assertThat(posts.skippedOf("comments")).isEqualTo(3);
      assertThat(posts.skippedOf("likes")).isEqualTo(75);
      assertThat(env.r().posts().recent(env.ws().id(), 10))
          .anySatisfy(p -> assertThat(p.body()).isEqualTo("Un Taxi \uD83C\uDDE8\uD83C\uDDF4"));

      ExportOutcome.Imported followers =
          twice(env, ExportFormat.INSTAGRAM_EXPORT, instagram.resolve("peggz19"), "peggz19");
      assertThat(followers.count("followers"))
          .isEqualTo(new ExportOutcome.Count("followers", 323, 323));
      assertThat(followers.count("follow events"))
          .isEqualTo(new ExportOutcome.Count("follow events", 323, 323));
      assertThat(followers.skippedOf("following")).isEqualTo(562);
      assertThat(followers.skipped())
          .anySatisfy(s -> assertThat(s.reason()).contains("321 of them follow back"));
      assertThat(env.stored()).isEqualTo(new Fixtures.Stored(4, 323, 323, 2));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void linkedInExport(TestDatabases.Kind kind) {
    Path export = exports().resolve("linkedin");
    try (Fixtures.Env env = Fixtures.env(kind)) {
      ExportOutcome.Imported i = twice(env, ExportFormat.LINKEDIN_EXPORT, export, "sanand");
      // 202 rows: 4 further media of shares already read, 14 reposts without text.
      assertThat(i.count("posts")).isEqualTo(new ExportOutcome.Count("posts", 184, 184));
      assertThat(skippedPosts(i)).isEqualTo(Map.of("reposts", 14L));
      assertThat(i.notes()).anySatisfy(n -> assertThat(n).startsWith("4 extra Shares.csv rows"));
      // Comments.csv escapes quotes with backslashes: 323 comments, not the 348 a naive count sees.
      assertThat(i.skippedOf("comments")).isEqualTo(323);
      assertThat(env.stored()).isEqualTo(new Fixtures.Stored(184, 0, 0, 1));
    }
  }
}
