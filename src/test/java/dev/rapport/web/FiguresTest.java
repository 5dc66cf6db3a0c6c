package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.authenticity.Category;
import dev.rapport.engagement.AudienceCounts;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.web.view.Figures;
import dev.rapport.web.view.Funnel;
import dev.rapport.web.view.FunnelStep;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiguresTest {

  @Test
  void numbersReadTheWayPeopleWriteThem() {
    assertThat(Figures.count(12_480)).isEqualTo("12,480");
    assertThat(Figures.count(0)).isEqualTo("0");
    assertThat(Figures.percent(0.034)).isEqualTo("3.4%");
    assertThat(Figures.percent(0.0)).isEqualTo("0.0%");
    assertThat(Figures.percent(0.0001)).isEqualTo("<0.1%");
    assertThat(Figures.percent(12.5)).isEqualTo("1,250.0%");
    assertThat(Figures.percent(Double.NaN)).isEqualTo("—");
    assertThat(Figures.score(71.6)).isEqualTo("72");
  }

  @Test
  void theFunnelRunsFromVanityToCustomers() {
    TruthSummary s =
        new TruthSummary(
            Instant.parse("2026-06-17T12:00:00Z"),
            Truth.DEFAULT_WINDOW,
            20_000,
            new AudienceCounts(Map.of(Category.REAL_PERSON, 900L, Category.SUSPICIOUS, 9_100L)),
            500,
            120,
            12,
            10,
            1000,
            600,
            0.05,
            0.02,
            0.4,
            900);
    List<FunnelStep> steps = Funnel.of(s);
    assertThat(steps)
        .extracting(FunnelStep::key)
        .containsExactly("vanity", "known", "authentic", "engaged", "core", "customers");
    assertThat(steps)
        .extracting(FunnelStep::count)
        .containsExactly(20_000L, 10_000L, 900L, 500L, 120L, 12L);
    assertThat(steps)
        .extracting(FunnelStep::percent)
        .containsExactly("100.0%", "50.0%", "4.5%", "2.5%", "0.6%", "0.1%");
    assertThat(steps).extracting(FunnelStep::barWidth).containsExactly(100, 50, 5, 3, 1, 1);
    assertThat(steps.get(0).vanity()).isTrue();
    assertThat(steps.subList(1, 6)).noneMatch(FunnelStep::vanity);
  }

  @Test
  void aWorkspaceWithNoFollowersHasUndefinedSharesAndEmptyBars() {
    TruthSummary s =
        new TruthSummary(
            Instant.parse("2026-06-17T12:00:00Z"),
            Truth.DEFAULT_WINDOW,
            0,
            new AudienceCounts(Map.of()),
            0,
            0,
            0,
            0,
            0,
            0,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            0);
    assertThat(Funnel.of(s)).extracting(FunnelStep::percent).containsOnly("—");
    assertThat(Funnel.of(s)).extracting(FunnelStep::barWidth).containsOnly(0);
  }

  @Test
  void pageDataCannotCloseItsScriptElement() {
    String json =
        Json.forScript(Json.mapper(), Map.of("name", "</script><script>alert(1)</script>&"));
    assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&");
    assertThat(json).contains("\\u003c/script\\u003e");
  }
}
