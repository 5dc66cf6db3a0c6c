package dev.rapport.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.content.PostState;
import dev.rapport.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Review rules and history on H2 and PostgreSQL. */
class ReviewsTest {

  static final Instant SATURDAY_9 = Instant.parse("2027-03-27T08:00:00Z");

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void withApprovalRequiredNobodyApprovesTheirOwnPostAndEveryStepIsInTheHistory(
      TestDatabases.Kind kind) {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      f.settings(new PublishingSettings(true, EnumSet.allOf(Gate.class), 50, 3, null));
      long post = f.post(f.author);
      long variant = f.variant(post, f.mastodon);

      assertThatThrownBy(() -> f.planner().schedule(f.author, f.ws.id(), variant, SATURDAY_9, null))
          .isInstanceOf(Refused.class)
          .hasMessageContaining("requires approval");
      f.reviews().submit(f.author, f.ws.id(), post);
      assertThatThrownBy(() -> f.reviews().approve(f.author, f.ws.id(), post))
          .isInstanceOf(Refused.class)
          .hasMessageContaining("only a manager or above may approve");

      long own = f.post(f.manager);
      f.reviews().submit(f.manager, f.ws.id(), own);
      assertThatThrownBy(() -> f.reviews().approve(f.manager, f.ws.id(), own))
          .isInstanceOf(Refused.class)
          .hasMessageContaining("cannot approve it");
      f.reviews().approve(f.otherManager, f.ws.id(), own);
      assertThat(f.reviews().post(f.ws.id(), own).orElseThrow().state())
          .isEqualTo(PostState.APPROVED);

      f.clock.advance(Duration.ofMinutes(5));
      f.reviews().approve(f.manager, f.ws.id(), post);
      ScheduleOutcome out = f.planner().schedule(f.author, f.ws.id(), variant, SATURDAY_9, null);
      assertThat(out).isInstanceOf(ScheduleOutcome.Scheduled.class);
      assertThat(f.dispatch.last())
          .isEqualTo(new RecordingDispatch.Notice(f.ws.id(), variant, SATURDAY_9));
      PlannedPost planned = f.reviews().post(f.ws.id(), post).orElseThrow();
      assertThat(planned.variants())
          .extracting(PlannedVariant::state)
          .containsExactly(PostState.SCHEDULED, PostState.APPROVED);
      assertThat(planned.state()).isEqualTo(PostState.APPROVED);

      List<HistoryEntry> history = f.reviews().history(f.ws.id(), post);
      assertThat(history)
          .extracting(HistoryEntry::action, HistoryEntry::userId, HistoryEntry::to)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("create", f.author, PostState.DRAFT),
              org.assertj.core.groups.Tuple.tuple("submit", f.author, PostState.IN_REVIEW),
              org.assertj.core.groups.Tuple.tuple("approve", f.manager, PostState.APPROVED),
              org.assertj.core.groups.Tuple.tuple("schedule", f.author, PostState.SCHEDULED));
      assertThat(history.get(2).at()).isEqualTo(PlanFixture.START.plus(Duration.ofMinutes(5)));
      assertThat(history.get(3).variantId()).isEqualTo(variant);
      assertThat(history.get(3).note()).contains("2027-03-27T09:00 Europe/Berlin");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void rejectionEditAndCommentsAreKept(TestDatabases.Kind kind) {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      long post = f.post(f.author);
      long variant = f.variant(post, f.bluesky);
      f.reviews().submit(f.author, f.ws.id(), post);
      assertThatThrownBy(() -> f.reviews().reject(f.manager, f.ws.id(), post, " "))
          .isInstanceOf(IllegalArgumentException.class);
      f.reviews().reject(f.manager, f.ws.id(), post, "Say which market");
      assertThat(f.reviews().post(f.ws.id(), post).orElseThrow().state())
          .isEqualTo(PostState.DRAFT);
      f.reviews().comment(f.viewer, f.ws.id(), post, "Looks tasty");
      f.reviews().comment(f.author, f.ws.id(), post, "Fixed the market name");
      assertThat(f.reviews().comments(f.ws.id(), post))
          .extracting(PostComment::userId, PostComment::text)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(f.viewer, "Looks tasty"),
              org.assertj.core.groups.Tuple.tuple(f.author, "Fixed the market name"));
      assertThatThrownBy(() -> f.reviews().submit(f.viewer, f.ws.id(), post))
          .isInstanceOf(Refused.class);

      // No approval step here: the author schedules, then an edit takes it out of the schedule.
      Instant at = Instant.parse("2027-03-29T07:00:00Z");
      assertThat(f.planner().schedule(f.author, f.ws.id(), variant, at, null))
          .isInstanceOf(ScheduleOutcome.Scheduled.class);
      f.reviews()
          .edit(
              f.author,
              f.ws.id(),
              variant,
              PlanFixture.GOOD_TOO + " Kreuzberg stall 12.",
              List.of());
      assertThat(f.dispatch.last())
          .isEqualTo(new RecordingDispatch.Notice(f.ws.id(), variant, null));
      PlannedVariant edited = f.reviews().variant(f.ws.id(), variant).orElseThrow();
      assertThat(edited.state()).isEqualTo(PostState.DRAFT);
      assertThat(edited.scheduledAt()).isNull();
      assertThat(edited.text()).endsWith("stall 12.");
      assertThat(f.reviews().history(f.ws.id(), post))
          .extracting(HistoryEntry::action)
          .containsExactly("create", "submit", "reject", "schedule", "edit");
      assertThat(f.reviews().history(f.ws.id(), post).get(2).note()).isEqualTo("Say which market");
    }
  }
}
