package dev.rapport.content.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simulated channels with expected values worked out by hand in the comments. */
class ConsistencyTest {

  static final ConsistencySettings SETTINGS = ConsistencySettings.defaults(ZoneOffset.UTC);
  static final Instant NOW = Instant.parse("2026-02-02T00:00:00Z"); // a Monday
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static PublishedPost post(String channel, String at, int quality) {
    return new PublishedPost(channel, Instant.parse(at), quality, 60, 10, "post at " + at);
  }

  /**
   * Steady: plan 3 a week; Monday, Wednesday and Friday at 10:00 for the 4 whole weeks from 5 Jan
   * to 1 Feb, all scoring 80 (bar 70). Weeks: 3 published, 3 above the bar, plan met → index 1.0,
   * streaks 4 and 4. Gaps (days): 2,2,3 three times then 2,2: eight of 2 and three of 3; mean =
   * 25/11 = 2.2727; variance = (8·0.2727² + 3·0.7273²)/11 = 0.19835; CV = 0.44536 / 2.2727 =
   * 0.19596. Longest gap: the first Friday→Monday, 9 Jan 10:00 → 12 Jan 10:00, 3 days (the open gap
   * from Fri 30 Jan 10:00 to Mon 2 Feb 00:00 is 2.583 days). Runway: 6 scheduled × 7/3 = 14 days ≥
   * 7, and 2.583 ≤ 2 × 7/3 = 4.667: no alerts.
   */
  @Test
  void steadyChannel() {
    List<PublishedPost> posts = new ArrayList<>();
    for (int week = 0; week < 4; week++) {
      LocalDate monday = LocalDate.of(2026, 1, 5).plusWeeks(week);
      for (int d : new int[] {0, 2, 4}) {
        posts.add(post("steady", monday.plusDays(d) + "T10:00:00Z", 80));
      }
    }
    List<ScheduledPost> scheduled = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      scheduled.add(new ScheduledPost("steady", NOW.plusSeconds(86_400L * (2 * i + 1))));
    }
    PostingPlan plan =
        new PostingPlan(
            "steady",
            3,
            List.of(
                new PlanSlot(DayOfWeek.MONDAY, LocalTime.of(10, 0)),
                new PlanSlot(DayOfWeek.WEDNESDAY, LocalTime.of(10, 0)),
                new PlanSlot(DayOfWeek.FRIDAY, LocalTime.of(10, 0))));

    ConsistencyReport r =
        Consistency.of(plan, posts, scheduled, LocalDate.of(2026, 1, 5), CLOCK, SETTINGS);

    assertThat(r.weeks()).hasSize(4);
    assertThat(r.weeks()).allSatisfy(w -> assertThat(w.metPlan()).isTrue());
    assertThat(r.weeks()).extracting(WeekRecord::published).containsOnly(3);
    assertThat(r.consistentQualityIndex()).isEqualTo(1.0);
    assertThat(r.currentStreak()).isEqualTo(4);
    assertThat(r.longestStreak()).isEqualTo(4);
    assertThat(r.regularity()).isCloseTo(0.19596, within(1e-4));
    assertThat(r.longestGap()).isPresent();
    assertThat(r.longestGap().get().days()).isCloseTo(3.0, within(1e-9));
    assertThat(r.longestGap().get().from()).isEqualTo(Instant.parse("2026-01-09T10:00:00Z"));
    assertThat(r.runwayDays()).isCloseTo(14.0, within(1e-9));
    assertThat(r.slotAdherence()).as("every post on a preferred slot").isEqualTo(1.0);
    assertThat(r.alerts()).isEmpty();
    assertThat(r.months()).containsExactly(new PeriodSummary("2026-01", 4, 12, 12, 12, 4));
    assertThat(r.years()).containsExactly(new PeriodSummary("2026", 4, 12, 12, 12, 4));
  }

  /**
   * Gappy: plan 2 a week, counted from Monday 29 Dec 2025 → 5 whole weeks (29 Dec, 5, 12, 19, 26
   * Jan). Posts: Tue 6 Jan and Thu 8 Jan 09:00 (80, 80): week met. Tue 20 Jan (60, under the bar)
   * and Thu 22 Jan (80): 2 published, 1 above the bar: not met. Other weeks: none. Index = 1/5 =
   * 0.2; longest streak 1, current 0. Gaps: 2, 12, 2 days; mean 16/3 = 5.3333; variance = (3.3333²
   * + 6.6667² + 3.3333²)/3 = 22.222; CV = 4.7140 / 5.3333 = 0.88388. Longest: 8 → 20 Jan, 12 days
   * (open gap 22 Jan 09:00 → 2 Feb 00:00 = 10.625 days). Alerts: open gap 10.625 > 2 × 3.5 = 7;
   * runway: one future post × 3.5 = 3.5 days < 7 (a past scheduled post and another channel's are
   * ignored). Months: 2025-12 (1 week, planned 2, none), 2026-01 (4 weeks, planned 8, published 4,
   * 3 above the bar, 1 week met).
   */
  @Test
  void gappyChannel() {
    List<PublishedPost> posts =
        List.of(
            post("gappy", "2026-01-06T09:00:00Z", 80),
            post("gappy", "2026-01-08T09:00:00Z", 80),
            post("gappy", "2026-01-20T09:00:00Z", 60),
            post("gappy", "2026-01-22T09:00:00Z", 80),
            post("other", "2026-01-13T09:00:00Z", 90));
    List<ScheduledPost> scheduled =
        List.of(
            new ScheduledPost("gappy", NOW.plusSeconds(3600)),
            new ScheduledPost("gappy", NOW.minusSeconds(3600)),
            new ScheduledPost("other", NOW.plusSeconds(7200)));
    PostingPlan plan = new PostingPlan("gappy", 2, List.of());

    ConsistencyReport r =
        Consistency.of(plan, posts, scheduled, LocalDate.of(2025, 12, 31), CLOCK, SETTINGS);

    assertThat(r.weeks()).hasSize(5);
    assertThat(r.weeks().get(0).weekStart()).isEqualTo(LocalDate.of(2025, 12, 29));
    assertThat(r.weeks())
        .extracting(WeekRecord::metPlan)
        .containsExactly(false, true, false, false, false);
    assertThat(r.weeks().get(3))
        .isEqualTo(new WeekRecord(LocalDate.of(2026, 1, 19), 2, 2, 1, false));
    assertThat(r.consistentQualityIndex()).isEqualTo(0.2);
    assertThat(r.longestStreak()).isEqualTo(1);
    assertThat(r.currentStreak()).isZero();
    assertThat(r.regularity()).isCloseTo(0.88388, within(1e-4));
    assertThat(r.longestGap().get().days()).isCloseTo(12.0, within(1e-9));
    assertThat(r.longestGap().get().open()).isFalse();
    assertThat(r.runwayDays()).isCloseTo(3.5, within(1e-9));
    assertThat(r.slotAdherence()).as("the plan names no slots").isNaN();
    assertThat(r.alerts()).hasSize(2);
    assertThat(r.alerts().get(0)).isEqualTo(new ConsistencyAlert.RunwayShort(3.5, 7, 1));
    ConsistencyAlert.GapExceedsPlan gap = (ConsistencyAlert.GapExceedsPlan) r.alerts().get(1);
    assertThat(gap.gap().days()).isCloseTo(10.625, within(1e-9));
    assertThat(gap.allowedDays()).isCloseTo(7.0, within(1e-9));
    assertThat(gap.message()).isEqualTo("No post for 10.6 days; the plan allows 7.0.");
    assertThat(r.months())
        .containsExactly(
            new PeriodSummary("2025-12", 1, 2, 0, 0, 0),
            new PeriodSummary("2026-01", 4, 8, 4, 3, 1));
    assertThat(r.years()).extracting(PeriodSummary::period).containsExactly("2025", "2026");
  }

  /**
   * Slots Tuesday 09:00 and Sunday 23:30. Posts: Tue 6 Jan 09:45 (45 min late: in), Thu 8 Jan 09:00
   * (no Thursday slot: out), Mon 12 Jan 00:15 (45 min after Sunday 23:30, across midnight and the
   * week boundary: in), Tue 13 Jan 11:00 (2 h late: out). Adherence 2 / 4 = 0.5.
   */
  @Test
  void slotAdherenceCountsPostsWithinAnHourOfASlot() {
    PostingPlan plan =
        new PostingPlan(
            "slots",
            2,
            List.of(
                new PlanSlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0)),
                new PlanSlot(DayOfWeek.SUNDAY, LocalTime.of(23, 30))));
    List<PublishedPost> posts =
        List.of(
            post("slots", "2026-01-06T09:45:00Z", 80),
            post("slots", "2026-01-08T09:00:00Z", 80),
            post("slots", "2026-01-12T00:15:00Z", 80),
            post("slots", "2026-01-13T11:00:00Z", 80));
    ConsistencyReport r =
        Consistency.of(plan, posts, List.of(), LocalDate.of(2026, 1, 5), CLOCK, SETTINGS);
    assertThat(r.slotAdherence()).isEqualTo(0.5);
  }

  @Test
  void aChannelThatNeverPostedHasOneOpenGapAndNoRegularity() {
    ConsistencyReport r =
        Consistency.of(
            new PostingPlan("quiet", 1, List.of()),
            List.of(),
            List.of(),
            LocalDate.of(2026, 1, 19),
            CLOCK,
            SETTINGS);
    assertThat(r.weeks()).hasSize(2);
    assertThat(r.consistentQualityIndex()).isZero();
    assertThat(r.regularity()).isNaN();
    assertThat(r.longestGap().get().open()).isTrue();
    assertThat(r.longestGap().get().days()).isCloseTo(14.0, within(1e-9));
    assertThat(r.alerts()).hasSize(1).first().isInstanceOf(ConsistencyAlert.RunwayShort.class);
  }
}
