package dev.rapport.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.RuleBaseline;
import dev.rapport.engagement.internal.SqlLedger;
import dev.rapport.simulation.SimulationProgress;
import dev.rapport.simulation.SimulationReport;
import dev.rapport.simulation.SimulationSettings;
import dev.rapport.simulation.Simulator;
import dev.rapport.store.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core is read from the week masks of person_activity; it must equal the count from the
 * identity_week rollup (the definition in docs/metrics.md) at every moment of a simulated history,
 * also long before the latest engagement, where the masks no longer reach and the rollup answers.
 * The engaged audience, counted in the same pass, must equal its definition over the ledger, and
 * the core as people must be the same persons with the same weeks, the most constant first.
 */
class CoreFromMasksTest {

  static final Instant AS_OF = Instant.parse("2026-06-17T00:00:00Z");

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void coreFromMasksEqualsCoreFromWeeks(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(AS_OF, ZoneOffset.UTC))) {
      Simulator sim =
          new Simulator(
              r.workspaces(),
              r.people(),
              r.posts(),
              r.ledger(),
              r.conversions(),
              r.truth(),
              new RuleBaseline());
      SimulationSettings settings = SimulationSettings.of(600, 12_000, 11, AS_OF);
      SimulationReport report = sim.run("masks", settings, SimulationProgress.NONE);
      long ws = report.workspaceId();
      int compared = 0;
      long nonZero = 0;
      for (Instant t = Simulator.historyStart(settings);
          !t.isAfter(AS_OF.plus(Duration.ofDays(21)));
          t = t.plus(Duration.ofDays(17))) {
        TruthSummary summary = r.truth().summary(ws, t, Truth.DEFAULT_WINDOW);
        long core = summary.core();
        assertThat(core).as("core at %s", t).isEqualTo(fromWeeks(r, ws, t));
        assertThat(summary.engagedAudience())
            .as("engaged audience at %s", t)
            .isEqualTo(engaged(r, ws, t.minus(Truth.DEFAULT_WINDOW)));
        List<CoreMember> members = r.truth().core(ws, t, 1_000_000);
        assertThat(members).as("core as people at %s", t).hasSize((int) core);
        assertThat(members)
            .extracting(CoreMember::personId, CoreMember::weeks)
            .as("core as people at %s", t)
            .containsExactlyInAnyOrderElementsOf(weeksByPerson(r, ws, t));
        assertThat(members)
            .extracting(CoreMember::weeks)
            .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(r.truth().core(ws, t, 3))
            .isEqualTo(members.subList(0, Math.min(3, members.size())));
        compared++;
        nonZero += core > 0 ? 1 : 0;
      }
      assertThat(compared).isGreaterThan(20);
      assertThat(nonZero).isGreaterThan(compared / 2);
    }
  }

  /** Authentic persons with an interaction since {@code from}, counted from the ledger itself. */
  static long engaged(Rapport r, long ws, Instant from) {
    return r.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT COUNT(DISTINCT i.person_id) FROM engagement e JOIN identity i ON"
                            + " i.id = e.identity_id WHERE e.workspace_id = ? AND e.occurred_at"
                            + " >= ? AND e.kind NOT IN ('follow', 'unfollow') AND i.verdict IN"
                            + " ('real_person', 'influencer')")
                    .bind(0, ws)
                    .bind(1, java.time.OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                    .mapTo(Long.class)
                    .one());
  }

  /** Persons of the core with their weeks, from identity_week. */
  static List<org.assertj.core.groups.Tuple> weeksByPerson(Rapport r, long ws, Instant asOf) {
    LocalDate to = SqlLedger.weekOf(asOf);
    LocalDate from = to.minusWeeks(TruthFormulas.CORE_WINDOW_WEEKS - 1L);
    return r.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT i.person_id, COUNT(DISTINCT w.week_start) FROM identity_week w JOIN"
                            + " identity i ON i.id = w.identity_id WHERE w.workspace_id = ? AND"
                            + " w.week_start >= ? AND w.week_start <= ? AND i.verdict IN"
                            + " ('real_person', 'influencer') GROUP BY i.person_id HAVING"
                            + " COUNT(DISTINCT w.week_start) >= ?")
                    .bind(0, ws)
                    .bind(1, from)
                    .bind(2, to)
                    .bind(3, TruthFormulas.CORE_MIN_WEEKS)
                    .map(
                        (rs, ctx) ->
                            org.assertj.core.groups.Tuple.tuple(rs.getLong(1), rs.getInt(2)))
                    .list());
  }

  /** The definition, counted from identity_week. */
  static long fromWeeks(Rapport r, long ws, Instant asOf) {
    LocalDate to = SqlLedger.weekOf(asOf);
    LocalDate from = to.minusWeeks(TruthFormulas.CORE_WINDOW_WEEKS - 1L);
    return r.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT COUNT(*) FROM (SELECT i.person_id FROM identity_week w JOIN"
                            + " identity i ON i.id = w.identity_id WHERE w.workspace_id = ? AND"
                            + " w.week_start >= ? AND w.week_start <= ? AND i.verdict IN"
                            + " ('real_person', 'influencer') GROUP BY i.person_id HAVING"
                            + " COUNT(DISTINCT w.week_start) >= ?) x")
                    .bind(0, ws)
                    .bind(1, from)
                    .bind(2, to)
                    .bind(3, TruthFormulas.CORE_MIN_WEEKS)
                    .mapTo(Long.class)
                    .one());
  }
}
