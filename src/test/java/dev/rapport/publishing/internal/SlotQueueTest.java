package dev.rapport.publishing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.publishing.Slot;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The queue rule in time zones with daylight-saving changes. */
class SlotQueueTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Slot SUNDAY_0230 = new Slot(DayOfWeek.SUNDAY, LocalTime.of(2, 30));

  static SlotQueue queue(List<Slot> slots, Set<LocalDate> blocked, Set<Instant> taken) {
    return new SlotQueue(slots, BERLIN, blocked, taken, Map.of(), 0);
  }

  @Test
  void aSlotSkippedBySpringForwardResolvesToTheValidInstantAfterTheGap() {
    // 2027-03-28: Berlin clocks jump from 02:00 CET to 03:00 CEST; 02:30 does not exist.
    Instant at =
        queue(List.of(SUNDAY_0230), Set.of(), Set.of())
            .next(Instant.parse("2027-03-27T12:00:00Z"))
            .orElseThrow();
    assertThat(at).isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
    assertThat(at.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(3, 30));
    // The week after, 02:30 exists again (CEST, UTC+2).
    assertThat(queue(List.of(SUNDAY_0230), Set.of(), Set.of(at)).next(at).orElseThrow())
        .isEqualTo(Instant.parse("2027-04-04T00:30:00Z"));
  }

  @Test
  void aSlotThatHappensTwiceInAutumnIsUsedOnce() {
    // 2026-10-25: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    SlotQueue empty = queue(List.of(SUNDAY_0230), Set.of(), Set.of());
    Instant first = empty.next(Instant.parse("2026-10-24T12:00:00Z")).orElseThrow();
    assertThat(first).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    Instant next =
        queue(List.of(SUNDAY_0230), Set.of(), Set.of(first))
            .next(Instant.parse("2026-10-24T12:00:00Z"))
            .orElseThrow();
    assertThat(next).isEqualTo(Instant.parse("2026-11-01T01:30:00Z"));
  }

  @Test
  void wallClockSlotsKeepTheirLocalTimeAcrossTheChange() {
    Slot monday9 = Slot.parse("mon 09:00");
    Instant before =
        queue(List.of(monday9), Set.of(), Set.of())
            .next(Instant.parse("2027-03-20T00:00:00Z"))
            .orElseThrow();
    Instant after = queue(List.of(monday9), Set.of(), Set.of(before)).next(before).orElseThrow();
    assertThat(before).isEqualTo(Instant.parse("2027-03-22T08:00:00Z"));
    assertThat(after).isEqualTo(Instant.parse("2027-03-29T07:00:00Z"));
    // New York changes on another date (2027-03-14): same rule, its own zone.
    SlotQueue ny =
        new SlotQueue(
            List.of(monday9), ZoneId.of("America/New_York"), Set.of(), Set.of(), Map.of(), 0);
    assertThat(ny.next(Instant.parse("2027-03-09T00:00:00Z")).orElseThrow())
        .isEqualTo(Instant.parse("2027-03-15T13:00:00Z"));
  }

  @Test
  void takenSlotsBlockedDaysAndFullDaysAreSkipped() {
    List<Slot> slots = List.of(Slot.parse("wed 12:30"), Slot.parse("mon 09:00"));
    Instant from = Instant.parse("2027-05-02T00:00:00Z"); // a Sunday
    Instant monday = Instant.parse("2027-05-03T07:00:00Z");
    Instant wednesday = Instant.parse("2027-05-05T10:30:00Z");
    assertThat(queue(slots, Set.of(), Set.of()).next(from)).contains(monday);
    assertThat(queue(slots, Set.of(), Set.of(monday)).next(from)).contains(wednesday);
    assertThat(queue(slots, Set.of(LocalDate.of(2027, 5, 3)), Set.of()).next(from))
        .contains(wednesday);
    SlotQueue capped =
        new SlotQueue(slots, BERLIN, Set.of(), Set.of(), Map.of(LocalDate.of(2027, 5, 3), 2), 2);
    assertThat(capped.next(from)).contains(wednesday);
    assertThat(queue(List.of(), Set.of(), Set.of()).next(from)).isEmpty();
    // Strictly after: a slot at exactly the moment asked is not free any more.
    assertThat(queue(slots, Set.of(), Set.of()).next(monday)).contains(wednesday);
  }

  @Test
  void slotsParseDaysAndTimes() {
    assertThat(Slot.parse("Wednesday 12:30"))
        .isEqualTo(new Slot(DayOfWeek.WEDNESDAY, LocalTime.of(12, 30)));
    assertThat(Slot.parse("mon 9:05").toString()).isEqualTo("mon 09:05");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Slot.parse("someday 10:00"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Slot.parse("mon 25:00"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
