package dev.rapport.people.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/** The ledger's week key (Monday, UTC), as the identity_week rollup stores it. */
final class Weeks {
  private Weeks() {}

  static LocalDate of(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }
}
