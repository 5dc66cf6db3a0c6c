package dev.rapport.imports.exports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.Post;
import dev.rapport.imports.ExportFormat;
import dev.rapport.imports.ExportOutcome;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Platform;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The LinkedIn export importer on its fixture, on every database. */
class LinkedInExportImportTest {

  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void importsSharesOnceIntoTheNamedChannel(TestDatabases.Kind kind) {
    try (Fixtures.Env env = Fixtures.env(kind)) {
      Path export = Fixtures.copy("linkedin", dir);
      ExportOutcome.Imported i = env.imported(ExportFormat.LINKEDIN_EXPORT, export, "rose-bakery");

      assertThat(i.channel()).isEqualTo("linkedin:rose-bakery");
      assertThat(i.count("posts")).isEqualTo(new ExportOutcome.Count("posts", 3, 3));
      assertThat(i.skipped())
          .extracting(ExportOutcome.Skipped::kind, ExportOutcome.Skipped::count)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("posts", 1L),
              org.assertj.core.groups.Tuple.tuple("comments", 2L));
      assertThat(i.notes()).anySatisfy(n -> assertThat(n).startsWith("1 extra Shares.csv rows"));

      List<Post> posts =
          env.r().posts().recent(env.ws().id(), 10).stream()
              .sorted(Comparator.comparing(p -> p.variants().get(0).publishedAt()))
              .toList();
      assertThat(posts)
          .extracting(p -> p.variants().get(0).platformPostId())
          .containsExactly(
              "urn:li:share:7100000000000000001",
              "urn:li:share:7100000000000000002",
              "urn:li:share:7100000000000000004");
      // LinkedIn's per-line quoting undone; a share with only a link keeps the link as text.
      assertThat(posts.get(0).body())
          .isEqualTo(
              "We are hiring a pastry chef in Lyon.\n\nFull time, 4 days a week, from June.\n"
                  + "Write to jobs@rose.example with \"pastry\" in the subject.");
      assertThat(posts.get(2).body()).isEqualTo("https://rose.example/blog/rye");
      assertThat(posts.get(0).variants().get(0).publishedAt())
          .isEqualTo(Instant.parse("2026-04-01T07:00:00Z"));

      Fixtures.Stored before = env.stored();
      // The second time the workspace's only LinkedIn channel is found without naming it.
      ExportOutcome.Imported again = env.imported(ExportFormat.LINKEDIN_EXPORT, export, null);
      assertThat(again.channel()).isEqualTo("linkedin:rose-bakery");
      assertThat(again.counts()).allSatisfy(c -> assertThat(c.created()).isZero());
      assertThat(env.stored()).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void withoutAChannelTheImportAsksForOne(TestDatabases.Kind kind) {
    try (Fixtures.Env env = Fixtures.env(kind)) {
      env.r().workspaces().addChannel(env.ws().id(), Platform.LINKEDIN, "one", "One");
      env.r().workspaces().addChannel(env.ws().id(), Platform.LINKEDIN, "two", "Two");
      ExportOutcome.Rejected j =
          env.rejected(ExportFormat.LINKEDIN_EXPORT, Fixtures.copy("linkedin", dir), null);
      assertThat(j.problems().get(0).reason())
          .isEqualTo(
              "the export does not name its account; name the channel with --channel (known: one,"
                  + " two)");
      assertThat(env.stored()).isEqualTo(new Fixtures.Stored(0, 0, 0, 2));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void aBadDateRefusesTheWholeExport(TestDatabases.Kind kind) {
    try (Fixtures.Env env = Fixtures.env(kind)) {
      Path export = Fixtures.copy("linkedin", dir);
      Fixtures.replace(export.resolve("Shares.csv"), "2026-04-06 18:00:00", "06/04/2026 18:00");
      Fixtures.replace(export.resolve("Comments.csv"), "Date,Link,Message", "Date,Message");

      ExportOutcome.Rejected j = env.rejected(ExportFormat.LINKEDIN_EXPORT, export, "rose-bakery");

      assertThat(j.problems())
          .extracting(Object::toString)
          .containsExactly(
              "Shares.csv, line 9, column Date: is not a date-time like 2025-07-01 14:33:22:"
                  + " '06/04/2026 18:00'",
              "Comments.csv, line 1, column Link: required column is missing from the header"
                  + " (found: date, message)");
      assertThat(env.stored()).isEqualTo(new Fixtures.Stored(0, 0, 0, 0));
    }
  }
}
