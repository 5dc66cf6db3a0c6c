package dev.rapport.simulation.internal;

import dev.rapport.engagement.Conversions;
import dev.rapport.engagement.NewConversion;
import dev.rapport.people.People;
import dev.rapport.simulation.AccountKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Some engaged real people buy: a quarter of the regulars, a few percent of the frequent engagers,
 * a fraction of a percent of the occasional ones. Orders fall in the last year, amounts are
 * lognormal around 35 EUR. Stateless.
 */
public final class Buyers {

  static final double REGULAR_BUYS = 0.25;
  static final double FREQUENT_BUYS = 0.02;
  static final double OCCASIONAL_BUYS = 0.002;
  static final int BATCH = 1_000;

  private Buyers() {}

  /** Records the purchases; returns how many were recorded. */
  public static int record(
      People people,
      Conversions conversions,
      long workspaceId,
      Population p,
      EngagementStream stream,
      Instant asOf,
      SplittableRandom r) {
    List<NewConversion> batch = new ArrayList<>();
    int recorded = 0;
    long year = Duration.ofDays(365).toSeconds();
    for (int i = 0; i < p.size; i++) {
      AccountKind k = p.kind(i);
      int engaged = stream.engaged(i);
      if (engaged == 0 || (k != AccountKind.REAL_PERSON && k != AccountKind.INFLUENCER)) {
        continue;
      }
      double chance = p.regular[i] ? REGULAR_BUYS : engaged >= 3 ? FREQUENT_BUYS : OCCASIONAL_BUYS;
      if (!Draw.chance(r, chance)) {
        continue;
      }
      long personId = people.identity(workspaceId, p.identity[i]).orElseThrow().personId();
      long cents = Math.round(Draw.lognormal(r, Math.log(3_500), 0.6));
      Instant at = asOf.minusSeconds(1 + r.nextLong(year));
      batch.add(new NewConversion("sim-order-" + i, at, cents, "EUR", personId, null));
      if (batch.size() == BATCH) {
        recorded += conversions.record(workspaceId, batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      recorded += conversions.record(workspaceId, batch);
    }
    return recorded;
  }
}
