package dev.rapport.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure rules: stages, focus scores, response-time percentiles. */
class RulesTest {

  static final Instant NOW = Instant.parse("2026-06-17T12:00:00Z");

  @Test
  void stageIsTheHighestRuleMet() {
    assertThat(stage(false, 0, 0, 0, 0, false)).isEqualTo(Stage.STRANGER);
    assertThat(stage(true, 0, 0, 0, 0, false)).isEqualTo(Stage.FOLLOWER);
    assertThat(stage(false, 1, 1, 0, 0, false)).isEqualTo(Stage.ENGAGER);
    assertThat(stage(false, 3, 3, 0, 0, false)).isEqualTo(Stage.REGULAR);
    // A regular who replies, or anyone with 3 amplifications in 90 days, is an advocate.
    assertThat(stage(false, 3, 3, 0, 1, false)).isEqualTo(Stage.ADVOCATE);
    assertThat(stage(false, 3, 1, 3, 0, false)).isEqualTo(Stage.ADVOCATE);
    // Two amplifications and two weeks: still an engager.
    assertThat(stage(false, 2, 2, 2, 1, false)).isEqualTo(Stage.ENGAGER);
    assertThat(stage(false, 0, 0, 0, 0, true)).isEqualTo(Stage.CUSTOMER);
  }

  @Test
  void focusScoresAreWorkedOutByHand() {
    FocusRules.Facts f =
        new FocusRules.Facts(
            true,
            Stage.REGULAR,
            List.of(
                new FocusRules.Waiting(
                    1L, "bluesky (a)", NOW.minus(Duration.ofDays(10)), NOW.minusSeconds(60)),
                new FocusRules.Waiting(
                    2L, "x (a)", NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(1))),
                // Nothing new in 31 days: too late for the list.
                new FocusRules.Waiting(
                    3L,
                    "threads (a)",
                    NOW.minus(Duration.ofDays(60)),
                    NOW.minus(Duration.ofDays(31)))),
            4,
            1,
            0,
            false,
            0,
            Set.of());
    List<FocusReason> reasons = FocusRules.reasons(f, NOW);
    // Unanswered for 10 days: 60 + min(40, 50) = 100. Clicked 4 times and replied:
    // 50 + min(30, 40) + 10 = 90. Person score: 100 + 0.1 × 90 = 109.
    assertThat(reasons).extracting(FocusReason::score).containsExactly(100.0, 90.0);
    assertThat(reasons.get(0).words())
        .isEqualTo("has waited 10 days for an answer on bluesky (a) (and on 1 more channel(s))");
    assertThat(FocusRules.score(reasons)).isEqualTo(109.0);
    // Settled reasons stay off; bots get nothing.
    FocusRules.Facts settled =
        new FocusRules.Facts(
            true, Stage.ENGAGER, List.of(), 4, 0, 0, true, 0, Set.of(FocusKind.CLOSE_TO_BUYING));
    assertThat(FocusRules.reasons(settled, NOW)).isEmpty();
    FocusRules.Facts bot =
        new FocusRules.Facts(false, Stage.ENGAGER, f.waiting(), 4, 1, 5, true, 9, Set.of());
    assertThat(FocusRules.reasons(bot, NOW)).isEmpty();
    assertThat(FocusRules.decode(FocusRules.encode(reasons))).isEqualTo(reasons);
  }

  @Test
  void responseTimePercentilesAreNearestRank() {
    List<Duration> waits =
        List.of(
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(3),
            Duration.ofHours(4),
            Duration.ofHours(50));
    // 5 values: median rank ceil(2.5) = 3 → 3 h; p90 rank ceil(4.5) = 5 → 50 h.
    ResponseTime t =
        ResponseTimes.of(
            7, "x (a)", waits, List.of(NOW.minus(Duration.ofHours(30)), NOW.minusSeconds(60)), NOW);
    assertThat(t)
        .isEqualTo(
            new ResponseTime(
                7, "x (a)", 5, Duration.ofHours(3), Duration.ofHours(50), 2, Duration.ofHours(30)));
    assertThat(ResponseTimes.of(7, "x", List.of(), List.of(), NOW).median()).isNull();
  }

  private static Stage stage(
      boolean follows,
      int interactions,
      int weeks,
      int amplifications,
      int replies,
      boolean bought) {
    return StageRules.decide(
            new StageRules.Facts(follows, interactions, weeks, amplifications, replies, bought))
        .stage();
  }
}
