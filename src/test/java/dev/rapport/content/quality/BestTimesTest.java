package dev.rapport.content.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BestTimesTest {

  static final ZonedDateTime NOW = ZonedDateTime.of(2026, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);
  static final Clock CLOCK = Clock.fixed(NOW.toInstant(), ZoneOffset.UTC);

  static PastPost post(ZonedDateTime at, double engagement) {
    return new PastPost(
        new PlannedPost("Fresh bread today.", Platform.BLUESKY, at, List.of(), ""), engagement);
  }

  /**
   * 16 weeks back from Monday 1 June: each week a Tuesday 09:00 post earning 50 and a Friday 18:00
   * post earning 5. Tuesday 08–12 must rank first; its shrunk mean lies between the two.
   */
  @Test
  void ranksTheSlotThatEarnedMostFirst() {
    List<PastPost> history = new ArrayList<>();
    ZonedDateTime tuesday = NOW.minusWeeks(15).with(DayOfWeek.TUESDAY).withHour(9);
    for (int w = 0; w < 15; w++) {
      history.add(post(tuesday.plusWeeks(w), 50));
      history.add(post(tuesday.plusWeeks(w).plusDays(3).withHour(18), 5));
    }
    BestTimes best = BestTimes.from(history, CLOCK, ZoneOffset.UTC);
    assertThat(best.source()).isEqualTo(BestTimes.Source.LAST_16_WEEKS);
    assertThat(best.posts()).isEqualTo(30);
    assertThat(best.slots()).hasSize(2);
    BestTimes.Slot first = best.slots().get(0);
    assertThat(first.day()).isEqualTo(DayOfWeek.TUESDAY);
    assertThat(first.fromHour()).isEqualTo(8);
    assertThat(first.toHour()).isEqualTo(12);
    assertThat(first.posts()).isEqualTo(15);
    assertThat(first.typicalEngagement()).isBetween(5.0, 50.0);
    assertThat(best.slots().get(1).day()).isEqualTo(DayOfWeek.FRIDAY);
  }

  @Test
  void fallsBackToAllHistoryWhenTheLastSixteenWeeksAreThin() {
    List<PastPost> history = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      history.add(post(NOW.minusWeeks(30 + i).with(DayOfWeek.MONDAY).withHour(10), 8));
    }
    BestTimes best = BestTimes.from(history, CLOCK, ZoneOffset.UTC);
    assertThat(best.source()).isEqualTo(BestTimes.Source.ALL_HISTORY);
    assertThat(best.slots().get(0).day()).isEqualTo(DayOfWeek.MONDAY);
  }

  @Test
  void saysItIsADefaultWhenThereIsAlmostNoHistory() {
    BestTimes best = BestTimes.from(List.of(post(NOW.minusDays(3), 4)), CLOCK, ZoneOffset.UTC);
    assertThat(best.source()).isEqualTo(BestTimes.Source.DEFAULT_TOO_THIN);
    assertThat(best.posts()).isEqualTo(1);
    assertThat(best.slots()).extracting(BestTimes.Slot::posts).containsOnly(0);
  }
}
