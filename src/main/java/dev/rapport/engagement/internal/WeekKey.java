package dev.rapport.engagement.internal;

import java.time.LocalDate;
import java.util.Comparator;

/** A row of the identity_week rollup. */
record WeekKey(long identityId, LocalDate week) {
  static final Comparator<WeekKey> ORDER =
      Comparator.comparingLong(WeekKey::identityId).thenComparing(WeekKey::week);
}
