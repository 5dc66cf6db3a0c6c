package dev.rapport.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.PostState;
import dev.rapport.imports.ImportOutcome;
import dev.rapport.imports.ImportProblem;
import dev.rapport.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CSV import of planned posts: all or nothing, gates included, idempotent. */
class PlanImportTest {

  @TempDir Path dir;

  Path csv(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  static final String HEADER = "post_key,channel,text,scheduled_at,title,media_url,media_alt\n";

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void aValidFileIsScheduledInOneGoAndAReimportAddsNothing(TestDatabases.Kind kind)
      throws Exception {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      long ws = f.ws.id();
      f.planner().setSlots(f.manager, ws, f.bluesky.id(), List.of(Slot.parse("thu 18:00")));
      Path file =
          csv(
              "plan.csv",
              HEADER
                  + "rye,mastodon:bakery@social,\""
                  + PlanFixture.GOOD
                  + "\",2027-03-27 09:00,Rye,rye.jpg,A rye loaf on a board\n"
                  + "rye,bakery.bsky,\""
                  + PlanFixture.GOOD_TOO
                  + "\",queue,Rye,,\n");
      ImportOutcome out = f.rapport.planImport().importFile(f.author, ws, file);
      assertThat(out).as(out.toString()).isInstanceOf(ImportOutcome.Imported.class);
      assertThat(((ImportOutcome.Imported) out).created()).isEqualTo(2);
      assertThat(f.dispatch.notices)
          .extracting(RecordingDispatch.Notice::at)
          .containsExactly(
              Instant.parse("2027-03-27T08:00:00Z"), Instant.parse("2027-03-25T17:00:00Z"));
      PlannedVariant masto =
          f.reviews().variant(ws, f.dispatch.notices.get(0).variantId()).orElseThrow();
      assertThat(masto.state()).isEqualTo(PostState.SCHEDULED);
      assertThat(masto.media())
          .containsExactly(
              new VariantMedia(
                  dev.rapport.content.quality.MediaKind.IMAGE, "rye.jpg", "A rye loaf on a board"));
      assertThat(f.reviews().history(ws, masto.postId()))
          .extracting(HistoryEntry::action)
          .containsExactly("import", "import");

      ImportOutcome again = f.rapport.planImport().importFile(f.author, ws, file);
      assertThat(((ImportOutcome.Imported) again).created()).isZero();
      assertThat(((ImportOutcome.Imported) again).unchanged()).isEqualTo(2);
      assertThat(f.dispatch.notices).hasSize(2);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void everyProblemIsListedAndNothingIsWritten(TestDatabases.Kind kind) throws Exception {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      long ws = f.ws.id();
      f.planner().block(f.manager, ws, null, LocalDate.of(2027, 4, 1), "Closed");
      Path file =
          csv(
              "bad.csv",
              HEADER
                  + "a,nowhere,\""
                  + PlanFixture.GOOD
                  + "\",2027-03-27 09:00,,,\n"
                  + "b,mastodon:bakery@social,\""
                  + PlanFixture.GOOD
                  + "\",yesterday,,,\n"
                  + "c,mastodon:bakery@social,\""
                  + PlanFixture.GOOD
                  + "\",2027-04-01 09:00,,,\n"
                  + "d,mastodon:bakery@social,\""
                  + PlanFixture.GOOD
                  + "\",2020-01-01 09:00,,,\n"
                  + "e,mastodon:bakery@social,Amazing!!! Best ever!!!,2027-03-30 09:00,,,\n"
                  + "f,mastodon:bakery@social,\""
                  + PlanFixture.GOOD
                  + "\",2027-03-31 09:00,,https://cdn.example/pic.jpg,\n"
                  // A media address that is not one: refused before anything is written (the
                  // composer would otherwise link to it).
                  + "g,mastodon:bakery@social,\""
                  + PlanFixture.GOOD
                  + "\",2027-03-31 10:00,,javascript:alert(1),An oven\n");
      ImportOutcome out = f.rapport.planImport().importFile(f.author, ws, file);
      assertThat(out).isInstanceOf(ImportOutcome.Rejected.class);
      List<ImportProblem> problems = ((ImportOutcome.Rejected) out).problems();
      assertThat(problems)
          .extracting(ImportProblem::line, ImportProblem::column)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(2L, "channel"),
              org.assertj.core.groups.Tuple.tuple(3L, "scheduled_at"),
              org.assertj.core.groups.Tuple.tuple(4L, "scheduled_at"),
              org.assertj.core.groups.Tuple.tuple(5L, "scheduled_at"),
              org.assertj.core.groups.Tuple.tuple(8L, "media_url"));
      assertThat(problems.get(4).reason()).contains("is not a web address");
      assertThat(problems.get(2).reason()).contains("blocked date");
      assertThat(problems.get(3).reason()).contains("in the past");
      assertThat(f.dispatch.notices).isEmpty();
      assertThat(f.planner().month(ws, java.time.YearMonth.of(2027, 3)))
          .allMatch(d -> d.entries().isEmpty());

      // With those lines fixed, the gates speak: the weak text and the image without alt text.
      Path gated =
          csv(
              "gated.csv",
              HEADER
                  + "e,mastodon:bakery@social,Amazing!!! Best ever!!!,2027-03-30 09:00,,,\n"
                  + "f,mastodon:bakery@social,\""
                  + PlanFixture.GOOD
                  + "\",2027-03-31 09:00,,https://cdn.example/pic.jpg,\n");
      ImportOutcome g = f.rapport.planImport().importFile(f.author, ws, gated);
      assertThat(((ImportOutcome.Rejected) g).problems())
          .extracting(ImportProblem::line, ImportProblem::reason)
          .anySatisfy(t -> assertThat(t.toList()).contains(2L))
          .anySatisfy(t -> assertThat(t.toList().get(1).toString()).contains("platform-limits"));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void withApprovalRequiredImportedPostsWaitForReviewAtTheirPlannedTimes(TestDatabases.Kind kind)
      throws Exception {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      long ws = f.ws.id();
      f.settings(new PublishingSettings(true, EnumSet.allOf(Gate.class), 50, 3, null));
      Path file =
          csv(
              "plan.csv",
              HEADER
                  + "rye,mastodon:bakery@social,\""
                  + PlanFixture.GOOD
                  + "\",2027-03-27T09:00+01:00,,,\n");
      ImportOutcome out = f.rapport.planImport().importFile(f.author, ws, file);
      assertThat(out).as(out.toString()).isInstanceOf(ImportOutcome.Imported.class);
      assertThat(f.dispatch.notices).isEmpty();
      CalendarEntry entry =
          f.planner().month(ws, java.time.YearMonth.of(2027, 3)).get(26).entries().get(0);
      assertThat(entry.state()).isEqualTo(PostState.IN_REVIEW);
      f.reviews().approve(f.manager, ws, entry.postId());
      ScheduleOutcome s = f.planner().schedule(f.author, ws, entry.variantId(), null, null);
      assertThat(((ScheduleOutcome.Scheduled) s).at())
          .isEqualTo(Instant.parse("2027-03-27T08:00:00Z"));
    }
  }
}
