package dev.rapport.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.content.PostState;
import dev.rapport.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Queues, blocked dates, the calendar, recurring and evergreen posts on H2 and PostgreSQL. */
class PlannerTest {

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void addToQueueTakesTheNextFreeSlotAcrossSpringForwardAndSkipsBlockedDays(
      TestDatabases.Kind kind) {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      long ws = f.ws.id();
      f.planner()
          .setSlots(
              f.manager,
              ws,
              f.mastodon.id(),
              List.of(Slot.parse("sun 02:30"), Slot.parse("mon 09:00"), Slot.parse("mon 09:00")));
      assertThat(f.planner().slots(ws, f.mastodon.id()))
          .containsExactly(Slot.parse("mon 09:00"), Slot.parse("sun 02:30"));
      long a = f.variant(f.post(f.author), f.mastodon);
      long b = f.variant(f.post(f.author), f.mastodon);
      long c = f.variant(f.post(f.author), f.mastodon);

      // Sunday 2027-03-28 02:30 does not exist in Berlin: it becomes 03:30 CEST.
      ScheduleOutcome first = f.planner().addToQueue(f.author, ws, a, null);
      assertThat(first).isInstanceOf(ScheduleOutcome.Scheduled.class);
      Instant sunday = Instant.parse("2027-03-28T01:30:00Z");
      assertThat(((ScheduleOutcome.Scheduled) first).at()).isEqualTo(sunday);
      assertThat(f.dispatch.last()).isEqualTo(new RecordingDispatch.Notice(ws, a, sunday));

      // Monday the 29th is blocked for every channel: the next is Sunday April 4th, 02:30 CEST.
      long blockedId = f.planner().block(f.manager, ws, null, LocalDate.of(2027, 3, 29), "Easter");
      ScheduleOutcome second = f.planner().addToQueue(f.author, ws, b, null);
      assertThat(((ScheduleOutcome.Scheduled) second).at())
          .isEqualTo(Instant.parse("2027-04-04T00:30:00Z"));
      assertThatThrownBy(
              () ->
                  f.planner()
                      .schedule(f.author, ws, c, Instant.parse("2027-03-29T10:00:00Z"), null))
          .isInstanceOf(Refused.class)
          .hasMessageContaining("2027-03-29 is blocked (Easter)");
      f.planner().unblock(f.manager, ws, blockedId);
      assertThat(((ScheduleOutcome.Scheduled) f.planner().addToQueue(f.author, ws, c, null)).at())
          .isEqualTo(Instant.parse("2027-03-29T07:00:00Z"));

      // Bluesky has no slots: an honest answer, nothing scheduled.
      long d = f.variant(f.post(f.author), f.bluesky);
      assertThat(f.planner().addToQueue(f.author, ws, d, null))
          .isInstanceOf(ScheduleOutcome.NoSlot.class);

      // The week view puts each variant on its Berlin day.
      List<CalendarDay> week = f.planner().week(ws, LocalDate.of(2027, 3, 31));
      assertThat(week).hasSize(7);
      assertThat(week.get(0).date()).isEqualTo(LocalDate.of(2027, 3, 29));
      assertThat(week.get(0).entries()).extracting(CalendarEntry::variantId).containsExactly(c);
      assertThat(week.get(0).entries().get(0).localTime()).isEqualTo(LocalTime.of(9, 0));
      assertThat(week.get(6).entries()).extracting(CalendarEntry::variantId).containsExactly(b);
      List<CalendarDay> march = f.planner().month(ws, YearMonth.of(2027, 3));
      assertThat(march).hasSize(31);
      assertThat(march.get(27).entries()).extracting(CalendarEntry::variantId).containsExactly(a);
      assertThat(march.get(27).entries().get(0).localTime()).isEqualTo(LocalTime.of(3, 30));

      // Unscheduling frees the slot and tells dispatch.
      f.planner().unschedule(f.author, ws, a, "rethink");
      assertThat(f.dispatch.last()).isEqualTo(new RecordingDispatch.Notice(ws, a, null));
      PlannedVariant back = f.reviews().variant(ws, a).orElseThrow();
      assertThat(back.state()).isEqualTo(PostState.DRAFT);
      assertThat(back.plannedAt()).isEqualTo(sunday);
      assertThat(f.planner().nextFreeSlot(ws, f.mastodon.id(), f.clock.instant())).contains(sunday);
      // The planned time is kept: scheduling without a time uses it.
      assertThat(
              ((ScheduleOutcome.Scheduled) f.planner().schedule(f.author, ws, a, null, null)).at())
          .isEqualTo(sunday);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void recurringPostsRepeatAtTheSameWallClockTimeUntilTheEndDate(TestDatabases.Kind kind) {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      long ws = f.ws.id();
      long post = f.post(f.author);
      // Friday 2027-03-26 09:00 CET, repeated weekly: the next ones are 09:00 CEST.
      Instant first = Instant.parse("2027-03-26T08:00:00Z");
      f.planner().schedule(f.author, ws, f.variant(post, f.mastodon), first, null);
      f.planner().schedule(f.author, ws, f.variant(post, f.bluesky), first, null);
      int before = f.dispatch.notices.size();
      Planner.SeriesOutcome out =
          f.planner()
              .repeat(
                  f.author,
                  ws,
                  post,
                  new Recurrence(Recurrence.Frequency.WEEKLY, 1, LocalDate.of(2027, 4, 9)));
      assertThat(out.created()).hasSize(2);
      assertThat(out.skipped()).isEmpty();
      assertThat(f.dispatch.notices).hasSize(before + 4);
      PlannedPost copy = f.reviews().post(ws, out.created().get(0)).orElseThrow();
      assertThat(copy.seriesId()).isEqualTo(out.seriesId());
      assertThat(copy.state()).isEqualTo(PostState.SCHEDULED);
      assertThat(copy.variants())
          .extracting(PlannedVariant::scheduledAt)
          .containsOnly(Instant.parse("2027-04-02T07:00:00Z"));
      assertThat(copy.variants())
          .extracting(PlannedVariant::text)
          .containsExactly(PlanFixture.GOOD, PlanFixture.GOOD_TOO);
      assertThat(f.reviews().post(ws, post).orElseThrow().seriesId()).isEqualTo(out.seriesId());
      assertThat(f.reviews().history(ws, post)).extracting(HistoryEntry::action).contains("repeat");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void evergreenPostsReturnToTheQueueAfterTheCooldownUntilTheEndDate(TestDatabases.Kind kind)
      throws Exception {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      long ws = f.ws.id();
      f.planner().setSlots(f.manager, ws, f.mastodon.id(), List.of(Slot.parse("tue 10:00")));
      long post =
          f.reviews()
              .create(
                  f.author,
                  ws,
                  new DraftPost(
                      "Rye",
                      List.of(
                          new DraftPost.DraftVariant(
                              f.mastodon.id(), PlanFixture.GOOD, List.of()))));
      long v = f.variant(post, f.mastodon);
      f.planner().addToQueue(f.author, ws, v, null);
      long series =
          f.planner().evergreen(f.author, ws, post, new Evergreen(14, LocalDate.of(2027, 4, 20)));
      // Not published yet: nothing to re-queue.
      List<Planner.SeriesOutcome> pending = f.planner().refillEvergreen(ws);
      assertThat(pending).hasSize(1);
      assertThat(pending.get(0).created()).isEmpty();
      assertThat(pending.get(0).skipped().get(0)).contains("is scheduled");

      // Dispatch publishes it on Tuesday 2027-03-30 10:00 CEST.
      Instant published = Instant.parse("2027-03-30T08:00:00Z");
      f.rapport
          .database()
          .run(
              c -> {
                try (var ps =
                    c.prepareStatement(
                        "UPDATE post_variant SET state = 'published', published_at = ? WHERE id = ?")) {
                  ps.setObject(
                      1, java.time.OffsetDateTime.ofInstant(published, java.time.ZoneOffset.UTC));
                  ps.setLong(2, v);
                  ps.executeUpdate();
                }
              });
      f.clock.advance(Duration.ofDays(7));
      List<Planner.SeriesOutcome> refilled = f.planner().refillEvergreen(ws);
      assertThat(refilled.get(0).seriesId()).isEqualTo(series);
      assertThat(refilled.get(0).created()).hasSize(1);
      PlannedPost again = f.reviews().post(ws, refilled.get(0).created().get(0)).orElseThrow();
      // 14 days after the 30th is the 13th of April, a Tuesday: its 10:00 slot.
      assertThat(again.variants().get(0).scheduledAt())
          .isEqualTo(Instant.parse("2027-04-13T08:00:00Z"));
      assertThat(f.dispatch.last().variantId()).isEqualTo(again.variants().get(0).id());
      // Calling again leaves the pending occurrence alone.
      assertThat(f.planner().refillEvergreen(ws).get(0).created()).isEmpty();

      // Once that one is published too, the next slot after the cooldown is past the end date.
      long v2 = again.variants().get(0).id();
      f.rapport
          .database()
          .run(
              c -> {
                try (var ps =
                    c.prepareStatement(
                        "UPDATE post_variant SET state = 'published', published_at = scheduled_at"
                            + " WHERE id = ?")) {
                  ps.setLong(1, v2);
                  ps.executeUpdate();
                }
              });
      List<Planner.SeriesOutcome> ended = f.planner().refillEvergreen(ws);
      assertThat(ended.get(0).created()).isEmpty();
      assertThat(ended.get(0).skipped().get(0)).contains("after the end date 2027-04-20");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void concurrentAddsToOneQueueNeverTakeTheSameSlot(TestDatabases.Kind kind) throws Exception {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      long ws = f.ws.id();
      f.planner()
          .setSlots(
              f.manager,
              ws,
              f.mastodon.id(),
              List.of(Slot.parse("mon 09:00"), Slot.parse("wed 09:00"), Slot.parse("fri 09:00")));
      int n = 6;
      List<Long> variants = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        long post =
            f.reviews()
                .create(
                    f.author,
                    ws,
                    new DraftPost(
                        "p" + i,
                        List.of(
                            new DraftPost.DraftVariant(
                                f.mastodon.id(),
                                PlanFixture.GOOD + " Batch " + i + ".",
                                List.of()))));
        variants.add(f.variant(post, f.mastodon));
      }
      var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
      try {
        List<java.util.concurrent.Future<ScheduleOutcome>> futures = new java.util.ArrayList<>();
        for (long v : variants) {
          futures.add(pool.submit(() -> f.planner().addToQueue(f.author, ws, v, null)));
        }
        java.util.Set<Instant> times = new java.util.HashSet<>();
        for (var fut : futures) {
          ScheduleOutcome out = fut.get();
          assertThat(out).as(out.toString()).isInstanceOf(ScheduleOutcome.Scheduled.class);
          times.add(((ScheduleOutcome.Scheduled) out).at());
        }
        assertThat(times).hasSize(n);
      } finally {
        pool.shutdown();
      }
    }
  }
}
