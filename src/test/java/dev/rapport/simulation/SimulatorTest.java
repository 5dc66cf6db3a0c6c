package dev.rapport.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.RuleBaseline;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.engagement.WeekTruth;
import dev.rapport.store.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Small simulations on every database: reproducible, realistic in shape, consistent in figures. */
class SimulatorTest {

  static final Instant AS_OF = Instant.parse("2026-06-17T00:00:00Z");
  static final SimulationSettings SMALL = SimulationSettings.of(400, 5_000, 7, AS_OF);

  record Run(SimulationReport report, TruthSummary summary, List<WeekTruth> weeks) {}

  static Run simulate(TestDatabases.Kind kind, SimulationSettings settings) {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(AS_OF, ZoneOffset.UTC))) {
      Simulator sim = simulator(r);
      SimulationReport report = sim.run("sim", settings, SimulationProgress.NONE);
      long ws = report.workspaceId();
      return new Run(
          report,
          r.truth().summary(ws, AS_OF, Truth.DEFAULT_WINDOW),
          r.truth().weeks(ws, Simulator.historyStart(settings), AS_OF));
    }
  }

  static Simulator simulator(Rapport r) {
    return new Simulator(
        r.workspaces(),
        r.people(),
        r.posts(),
        r.ledger(),
        r.conversions(),
        r.truth(),
        new RuleBaseline());
  }

  /**
   * One pair of runs per database (simulations are the slow part): the same seed twice gives the
   * same workspace; the first run is then checked for shape and consistency.
   */
  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void reproducibleRealisticAndConsistent(TestDatabases.Kind kind) {
    Run a = simulate(kind, SMALL);
    Run b = simulate(kind, SMALL);
    assertThat(b.report().verdicts()).isEqualTo(a.report().verdicts());
    assertThat(b.report().postVariants()).isEqualTo(a.report().postVariants());
    assertThat(b.report().regularEngagements()).isEqualTo(a.report().regularEngagements());
    assertThat(b.report().conversions()).isEqualTo(a.report().conversions());
    assertThat(b.summary()).isEqualTo(a.summary());
    assertThat(b.weeks()).isEqualTo(a.weeks());
    mixAndFunnel(a);
    sprayAndPray(a);
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void refusesAnExistingWorkspace(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(AS_OF, ZoneOffset.UTC))) {
      Simulator sim = simulator(r);
      SimulationSettings tiny = SimulationSettings.of(100, 500, 1, AS_OF);
      sim.run("twice", tiny, SimulationProgress.NONE);
      assertThatThrownBy(() -> sim.run("twice", tiny, SimulationProgress.NONE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already exists");
    }
  }

  private static void mixAndFunnel(Run run) {
    SimulationReport report = run.report();
    TruthSummary s = run.summary();

    // Every kind of account is present, real people are the largest group.
    for (AccountKind k : AccountKind.values()) {
      assertThat(report.people(k)).as(k.name()).isPositive();
    }
    assertThat(report.people(AccountKind.REAL_PERSON)).isBetween(180L, 270L);
    // The baseline reads profiles only, yet mostly agrees with the ground truth, and not always.
    assertThat(report.verdictAgreement()).isBetween(0.8, 0.995);

    // Every event reached the ledger exactly once.
    assertThat(report.engagements()).isEqualTo(5_000);
    assertThat(report.inserted()).isEqualTo(5_000);
    assertThat(report.regularEngagements()).isPositive();

    // Funnel: each step is a subset of the one before.
    long authenticAccounts =
        report.verdicts().values().stream()
            .flatMap(m -> m.entrySet().stream())
            .filter(e -> e.getKey().authentic())
            .mapToLong(e -> e.getValue())
            .sum();
    assertThat(s.followers()).isEqualTo(report.followers());
    assertThat(s.authenticFollowers()).isLessThan(s.followers());
    assertThat(s.engagedAudience()).isPositive().isLessThanOrEqualTo(authenticAccounts);
    assertThat(s.core()).isPositive().isLessThanOrEqualTo(s.engagedAudience());
    assertThat(s.customers()).isEqualTo(report.conversions()).isPositive();
    assertThat(s.botShare()).isBetween(0.02, 0.5);
    assertThat(s.audience().of(Category.SUSPICIOUS)).isPositive();
  }

  /** Volume up at least twofold, authentic engagement per post down by a third or more. */
  private static void sprayAndPray(Run run) {
    Instant from = run.report().sprayStart();
    Instant to = from.plus(Duration.ofDays(7L * run.report().sprayWeeks()));
    double[] spray = new double[3];
    double[] steady = new double[3];
    for (WeekTruth w : run.weeks()) {
      Instant t = w.weekStart().atStartOfDay(ZoneOffset.UTC).toInstant();
      double[] acc = !t.isBefore(from) && t.isBefore(to) ? spray : steady;
      acc[0]++;
      acc[1] += w.posts();
      acc[2] += w.authenticEngagements();
    }
    assertThat(spray[0]).isEqualTo(run.report().sprayWeeks());
    double sprayPostsPerWeek = spray[1] / spray[0];
    double steadyPostsPerWeek = steady[1] / steady[0];
    assertThat(sprayPostsPerWeek).isGreaterThan(2 * steadyPostsPerWeek);
    assertThat(spray[2] / spray[1]).isLessThan(0.7 * (steady[2] / steady[1]));
  }
}
