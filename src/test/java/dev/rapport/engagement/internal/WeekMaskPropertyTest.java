package dev.rapport.engagement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The week mask of an identity's engagement summary is the set of weeks it engaged in, among the 52
 * up to its last one, whatever the order the events come in and however they are split into batches
 * (each batch summarised alone, then merged into the stored summary).
 */
class WeekMaskPropertyTest {

  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  @Property(tries = 300)
  void maskIsTheSetOfRecentWeeksWhateverTheOrderAndBatches(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 900) Integer> days,
      @ForAll @IntRange(min = 1, max = 6) int batches) {
    List<Instant> events = new ArrayList<>();
    for (int d : days) {
      events.add(START.plusSeconds(d * 86_400L + 3_600L * (d % 24)));
    }
    Activity stored = null;
    int per = (events.size() + batches - 1) / batches;
    for (int from = 0; from < events.size(); from += per) {
      Activity batch = new Activity();
      events.subList(from, Math.min(events.size(), from + per)).forEach(batch::add);
      if (stored != null) {
        batch.merge(stored);
      }
      stored = batch;
    }

    TreeSet<Integer> weeks = new TreeSet<>();
    for (Instant t : events) {
      weeks.add(SqlLedger.weekNumber(SqlLedger.weekOf(t)));
    }
    int last = weeks.last();
    long expected = 0;
    for (int w : weeks) {
      if (last - w < Activity.WEEKS) {
        expected |= 1L << (last - w);
      }
    }
    assertThat(stored.lastWeek).isEqualTo(last);
    assertThat(stored.recentWeeks).isEqualTo(expected);
    assertThat(stored.count).isEqualTo(events.size());
    assertThat(stored.first).isEqualTo(events.stream().min(Instant::compareTo).orElseThrow());
    assertThat(stored.last).isEqualTo(events.stream().max(Instant::compareTo).orElseThrow());
  }

  @Property(tries = 50)
  void weekNumbersCountWeeksFromMonday19700105(@ForAll @IntRange(min = 0, max = 40_000) int day) {
    java.time.LocalDate monday = SqlLedger.weekOf(Instant.EPOCH.plusSeconds(day * 86_400L));
    assertThat(monday.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
    assertThat(SqlLedger.weekNumber(monday))
        .isEqualTo(
            (int)
                java.time.temporal.ChronoUnit.WEEKS.between(
                    java.time.LocalDate.of(1970, 1, 5), monday));
  }
}
