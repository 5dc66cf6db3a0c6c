package dev.rapport.imports.exports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.Post;
import dev.rapport.imports.ExportFormat;
import dev.rapport.imports.ExportOutcome;
import dev.rapport.people.Identity;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Platform;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Instagram data download importer on its fixture (zipped, as downloaded), on every database.
 */
class InstagramExportImportTest {

  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void importsPostsAndFollowersFromTheZipOnce(TestDatabases.Kind kind) {
    try (Fixtures.Env env = Fixtures.env(kind)) {
      Path zip = Fixtures.zip(Fixtures.copy("instagram", dir), dir.resolve("instagram-rose.zip"));
      ExportOutcome.Imported i = env.imported(ExportFormat.INSTAGRAM_EXPORT, zip, null);

      assertThat(i.channel()).isEqualTo("instagram:rose.bakery");
      assertThat(i.channelCreated()).isTrue();
      assertThat(i.count("posts")).isEqualTo(new ExportOutcome.Count("posts", 2, 2));
      assertThat(i.count("followers")).isEqualTo(new ExportOutcome.Count("followers", 3, 3));
      assertThat(i.count("follow events"))
          .isEqualTo(new ExportOutcome.Count("follow events", 3, 3));
      assertThat(i.skippedOf("following")).isEqualTo(2);
      assertThat(i.skipped())
          .anySatisfy(s -> assertThat(s.reason()).contains("1 of them follow back"));
      assertThat(i.skippedOf("comments")).isEqualTo(1);

      List<Post> posts =
          env.r().posts().recent(env.ws().id(), 10).stream()
              .sorted(Comparator.comparing(p -> p.variants().get(0).publishedAt()))
              .toList();
      // Instagram's mojibake repaired: é, è, °, and the croissant emoji.
      assertThat(posts)
          .extracting(Post::body)
          .containsExactly(
              "Café crème and a fresh croissant \uD83E\uDD50 open from 7",
              "Three steps to our rye: mix, proof overnight, bake at 250 °C");
      assertThat(posts.get(0).variants().get(0).publishedAt())
          .isEqualTo(Instant.ofEpochSecond(1775030400));
      assertThat(posts.get(1).variants().get(0).publishedAt())
          .as("a carousel's time is the post's, not its first photo's")
          .isEqualTo(Instant.ofEpochSecond(1775203201));

      Identity renee =
          env.r().people().byHandle(env.ws().id(), Platform.INSTAGRAM, "renée.m").orElseThrow();
      assertThat(renee.platformUserId()).isEqualTo("renée.m");
      assertThat(renee.follows()).isTrue();
      Identity foodie =
          env.r().people().byHandle(env.ws().id(), Platform.INSTAGRAM, "Lyon_Foodie").orElseThrow();
      assertThat(foodie.platformUserId()).isEqualTo("lyon_foodie");
      assertThat(env.r().ledger().count(env.ws().id())).isEqualTo(3);

      Fixtures.Stored before = env.stored();
      ExportOutcome.Imported again = env.imported(ExportFormat.INSTAGRAM_EXPORT, zip, null);
      assertThat(again.counts()).allSatisfy(c -> assertThat(c.created()).isZero());
      assertThat(env.stored()).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void aMalformedFollowerRefusesTheWholeExport(TestDatabases.Kind kind) {
    try (Fixtures.Env env = Fixtures.env(kind)) {
      Path export = Fixtures.copy("instagram", dir);
      Fixtures.replace(
          export.resolve("connections/followers_and_following/followers_1.json"),
          "\"timestamp\": 1774100000",
          "\"timestamp\": \"yesterday\"");

      ExportOutcome.Rejected j = env.rejected(ExportFormat.INSTAGRAM_EXPORT, export, null);

      assertThat(j.problems())
          .extracting(Object::toString)
          .containsExactly(
              "connections/followers_and_following/followers_1.json, line 9,"
                  + " [1].string_list_data[0].timestamp: is not a count: 'yesterday'");
      assertThat(env.stored()).isEqualTo(new Fixtures.Stored(0, 0, 0, 0));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void olderDownloadsNameTheFollowerFileWithoutANumber(TestDatabases.Kind kind)
      throws java.io.IOException {
    try (Fixtures.Env env = Fixtures.env(kind)) {
      Path export = Fixtures.copy("instagram", dir);
      Path folder = export.resolve("connections/followers_and_following");
      java.nio.file.Files.move(
          folder.resolve("followers_1.json"), folder.resolve("followers.json"));
      ExportOutcome.Imported i = env.imported(ExportFormat.INSTAGRAM_EXPORT, export, null);
      assertThat(i.count("followers")).isEqualTo(new ExportOutcome.Count("followers", 3, 3));
    }
  }
}
