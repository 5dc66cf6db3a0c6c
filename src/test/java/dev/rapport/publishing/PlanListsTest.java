package dev.rapport.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.store.TestDatabases;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The lists the web pages and the API read: posts by state, paged, and any calendar range. */
class PlanListsTest {

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void postsAreListedNewestFirstByStateWithTheirTotal(TestDatabases.Kind kind) {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      long ws = f.ws.id();
      long first = f.post(f.author);
      long second = f.post(f.author);
      long third = f.post(f.author);
      f.reviews().submit(f.author, ws, second);

      Reviews.PostPage all = f.reviews().posts(ws, null, 0, 2);
      assertThat(all.total()).isEqualTo(3);
      assertThat(all.posts()).extracting(PlannedPost::id).containsExactly(third, second);
      assertThat(all.posts().get(0).variants()).hasSize(2);
      assertThat(f.reviews().posts(ws, null, 2, 2).posts())
          .extracting(PlannedPost::id)
          .containsExactly(first);

      Reviews.PostPage drafts = f.reviews().posts(ws, PostState.DRAFT, 0, 10);
      assertThat(drafts.total()).isEqualTo(2);
      assertThat(drafts.posts()).extracting(PlannedPost::id).containsExactly(third, first);
      assertThat(f.reviews().posts(ws, PostState.IN_REVIEW, 0, 10).posts())
          .extracting(PlannedPost::id)
          .containsExactly(second);
      // Another workspace's list is its own.
      long elsewhere =
          f.rapport
              .workspaces()
              .create(
                  "other", "Other", PlanFixture.BERLIN, dev.rapport.workspace.TargetAudience.NONE)
              .id();
      assertThat(f.reviews().posts(elsewhere, null, 0, 10).total()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void postsAreCountedByStateWithEveryStateAKey(TestDatabases.Kind kind) {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      long ws = f.ws.id();
      assertThat(f.reviews().counts(ws))
          .containsOnlyKeys(PostState.values())
          .allSatisfy((state, n) -> assertThat(n).as(state.code()).isZero());

      f.post(f.author);
      f.post(f.author);
      f.reviews().submit(f.author, ws, f.post(f.author));
      long scheduled = f.post(f.author);
      // Both channels scheduled: a post is only as far along as its least advanced variant.
      f.planner()
          .schedule(
              f.author,
              ws,
              f.variant(scheduled, f.mastodon),
              Instant.parse("2027-04-02T08:00:00Z"),
              null);
      f.planner()
          .schedule(
              f.author,
              ws,
              f.variant(scheduled, f.bluesky),
              Instant.parse("2027-04-03T08:00:00Z"),
              null);
      long halfScheduled = f.post(f.author);
      f.planner()
          .schedule(
              f.author,
              ws,
              f.variant(halfScheduled, f.mastodon),
              Instant.parse("2027-04-05T08:00:00Z"),
              null);

      // An imported post, published before Rapport planned anything: it keeps its publish time.
      Instant publishedAt = Instant.parse("2027-03-01T09:00:00Z");
      long published =
          f.rapport.posts()
              .create(
                  ws,
                  List.of(
                      new NewPost(
                          null,
                          PlanFixture.GOOD,
                          PostState.PUBLISHED,
                          "imported-1",
                          List.of(
                              new NewPost.NewVariant(
                                  f.mastodon.id(),
                                  PlanFixture.GOOD,
                                  PostState.PUBLISHED,
                                  null,
                                  publishedAt,
                                  "109",
                                  null,
                                  null)))))[0];
      assertThat(f.reviews().post(ws, published).orElseThrow().variants().get(0).publishedAt())
          .isEqualTo(publishedAt);

      Map<PostState, Long> counts = f.reviews().counts(ws);
      assertThat(counts)
          .containsEntry(PostState.DRAFT, 3L)
          .containsEntry(PostState.IN_REVIEW, 1L)
          .containsEntry(PostState.SCHEDULED, 1L)
          .containsEntry(PostState.APPROVED, 0L)
          .containsEntry(PostState.PUBLISHED, 1L);
      // The same numbers the list's totals give, state by state.
      for (PostState s : PostState.values()) {
        assertThat(f.reviews().posts(ws, s, 0, 1).total()).as(s.code()).isEqualTo(counts.get(s));
      }
      assertThat(counts.keySet()).containsExactly(PostState.values());

      // Another workspace's posts are not counted here, nor these there.
      long elsewhere =
          f.rapport
              .workspaces()
              .create(
                  "other", "Other", PlanFixture.BERLIN, dev.rapport.workspace.TargetAudience.NONE)
              .id();
      long channel =
          f.rapport
              .workspaces()
              .addChannel(elsewhere, dev.rapport.workspace.Platform.MASTODON, "other@social", null)
              .id();
      f.rapport.workspaces().grant(elsewhere, f.author, dev.rapport.workspace.Role.AUTHOR);
      f.reviews()
          .create(
              f.author,
              elsewhere,
              new DraftPost(
                  null, List.of(new DraftPost.DraftVariant(channel, PlanFixture.GOOD, List.of()))));
      assertThat(f.reviews().counts(elsewhere))
          .containsEntry(PostState.DRAFT, 1L)
          .containsEntry(PostState.SCHEDULED, 0L);
      assertThat(f.reviews().counts(ws)).isEqualTo(counts);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void anyRangeOfDaysUpToAYearIsACalendar(TestDatabases.Kind kind) {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      long ws = f.ws.id();
      long v = f.variant(f.post(f.author), f.mastodon);
      // 2027-04-02 08:00 UTC is 10:00 in Berlin (summer time).
      f.planner().schedule(f.author, ws, v, Instant.parse("2027-04-02T08:00:00Z"), null);

      List<CalendarDay> days =
          f.planner().days(ws, LocalDate.of(2027, 3, 30), LocalDate.of(2027, 4, 3));
      assertThat(days)
          .extracting(CalendarDay::date)
          .hasSize(5)
          .startsWith(LocalDate.of(2027, 3, 30));
      assertThat(days.get(3).entries()).extracting(CalendarEntry::variantId).containsExactly(v);
      assertThat(days.get(3).entries().get(0).state()).isEqualTo(PostState.SCHEDULED);
      assertThat(f.planner().days(ws, LocalDate.of(2027, 1, 1), LocalDate.of(2028, 1, 1)))
          .hasSize(366);
      assertThatThrownBy(
              () -> f.planner().days(ws, LocalDate.of(2027, 1, 1), LocalDate.of(2028, 1, 3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at most");
      assertThatThrownBy(
              () -> f.planner().days(ws, LocalDate.of(2027, 1, 2), LocalDate.of(2027, 1, 1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
