package dev.rapport.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class RecurrenceTest {

  @Test
  void monthlyKeepsTheDayWhereTheMonthHasIt() {
    Recurrence r = new Recurrence(Recurrence.Frequency.MONTHLY, 1, LocalDate.of(2027, 5, 31));
    assertThat(r.after(LocalDateTime.of(2027, 1, 31, 9, 0)))
        .containsExactly(
            LocalDateTime.of(2027, 2, 28, 9, 0),
            LocalDateTime.of(2027, 3, 31, 9, 0),
            LocalDateTime.of(2027, 4, 30, 9, 0),
            LocalDateTime.of(2027, 5, 31, 9, 0));
  }

  @Test
  void everyTwoWeeksUntilTheEndDateInclusive() {
    Recurrence r = new Recurrence(Recurrence.Frequency.WEEKLY, 2, LocalDate.of(2027, 4, 5));
    assertThat(r.after(LocalDateTime.of(2027, 3, 8, 9, 0)))
        .containsExactly(LocalDateTime.of(2027, 3, 22, 9, 0), LocalDateTime.of(2027, 4, 5, 9, 0));
  }

  @Test
  void aFarEndDateIsCapped() {
    Recurrence r = new Recurrence(Recurrence.Frequency.DAILY, 1, LocalDate.of(2100, 1, 1));
    assertThat(r.after(LocalDateTime.of(2027, 1, 1, 9, 0))).hasSize(Recurrence.MAX_OCCURRENCES);
  }
}
