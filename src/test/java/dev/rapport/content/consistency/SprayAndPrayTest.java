package dev.rapport.content.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Simulated channels, four 28-day windows ending at NOW (W1 oldest … W4 latest). The latest window
 * is compared with the mean of W1–W3; expected values worked out by hand in each test.
 */
class SprayAndPrayTest {

  static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Duration WINDOW = Duration.ofDays(28);

  /** n posts spread evenly over window w (0 = oldest), each earning e, with specific score s. */
  static List<PublishedPost> window(String channel, int w, int n, double e, int s, String label) {
    Instant start = NOW.minus(WINDOW.multipliedBy(4 - w));
    List<PublishedPost> posts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant at = start.plus(WINDOW.dividedBy(n).multipliedBy(i)).plusSeconds(3600);
      posts.add(new PublishedPost(channel, at, 75, s, e, label + " post " + w + "-" + i));
    }
    return posts;
  }

  static SprayReport check(
      String channel, List<PublishedPost> posts, List<AudiencePoint> audience) {
    return SprayAndPray.check(channel, posts, audience, CLOCK, SpraySettings.DEFAULTS);
  }

  /**
   * Steady: 8 posts a window earning 30 each → total 240 in every window. Volume did not rise (8 <
   * 1.5 × 8), so the marginal engagement is undefined and there is no warning.
   */
  @Test
  void steadyChannelGetsNoWarning() {
    List<PublishedPost> posts = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      posts.addAll(window("steady", w, 8, 30, 70, "steady"));
    }
    SprayReport r = check("steady", posts, List.of());
    assertThat(r.windows()).extracting(WindowStats::posts).containsExactly(8, 8, 8, 8);
    assertThat(r.windows()).extracting(WindowStats::totalEngagement).containsOnly(240.0);
    assertThat(r.marginalEngagement()).isNaN();
    assertThat(r.warnings()).isEmpty();
  }

  /**
   * Healthy growth (the YouTube finding): 8 posts × 30 in W1–W3, then 16 posts × 27 = 432 in W4.
   * Per post fell 10%, total rose 80%. Marginal = (432 − 240) / (16 − 8) = 24 ≥ 0.2 × 30 = 6: the
   * extra posts earned their keep, so no warning, though both effects are shown.
   */
  @Test
  void moreVolumeThatStillAddsEngagementIsNotSprayAndPray() {
    List<PublishedPost> posts = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      posts.addAll(window("growing", w, 8, 30, 70, "growing"));
    }
    posts.addAll(window("growing", 3, 16, 27, 70, "growing"));
    SprayReport r = check("growing", posts, List.of());
    WindowStats latest = r.windows().get(3);
    assertThat(latest.engagementPerPost()).isCloseTo(27.0, within(1e-9));
    assertThat(latest.totalEngagement()).isCloseTo(432.0, within(1e-9));
    assertThat(r.marginalEngagement()).isCloseTo(24.0, within(1e-9));
    assertThat(r.warnings()).isEmpty();
  }

  /**
   * Bursty spray and pray: W1–W3 8 posts × 30 (total 240, specific 70); W4 24 posts × 10 = 240,
   * specific 20, and 12 of them posted word for word on bluesky at the same time. Engaged audience
   * 200 (W1) → 150 (W4). Marginal = (240 − 240) / (24 − 8) = 0 < 6 → extra posts add nothing;
   * volume up and audience down → eroding; 12 ≥ 3 cross-posts; 24 of 24 posts under 40 specific.
   */
  @Test
  void burstySprayAndPrayGetsEveryWarningWithItsEvidence() {
    List<PublishedPost> posts = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      posts.addAll(window("x", w, 8, 30, 70, "considered"));
    }
    List<PublishedPost> burst = window("x", 3, 24, 10, 20, "Big news");
    posts.addAll(burst);
    for (int i = 0; i < 12; i++) {
      PublishedPost p = burst.get(i);
      posts.add(new PublishedPost("bluesky", p.publishedAt(), 60, 20, 3, p.text().toUpperCase()));
    }
    List<AudiencePoint> audience =
        List.of(
            new AudiencePoint("x", NOW.minus(Duration.ofDays(100)), 200),
            new AudiencePoint("x", NOW.minus(Duration.ofDays(70)), 190),
            new AudiencePoint("x", NOW.minus(Duration.ofDays(2)), 150),
            new AudiencePoint("bluesky", NOW.minus(Duration.ofDays(2)), 999));

    SprayReport r = check("x", posts, audience);

    assertThat(r.windows()).extracting(WindowStats::posts).containsExactly(8, 8, 8, 24);
    assertThat(r.windows().get(3).engagementPerPost()).isCloseTo(10.0, within(1e-9));
    assertThat(r.windows().get(3).engagedAudience()).isEqualTo(150);
    assertThat(r.marginalEngagement()).isCloseTo(0.0, within(1e-9));
    assertThat(r.warnings())
        .extracting(SprayWarning::kind)
        .containsExactly(
            SprayWarning.Kind.EXTRA_POSTS_ADD_NOTHING,
            SprayWarning.Kind.AUDIENCE_ERODING,
            SprayWarning.Kind.IDENTICAL_CROSS_POSTS,
            SprayWarning.Kind.LOW_SPECIFICITY);
    assertThat(r.warnings().get(0).evidence())
        .containsExactly(
            "posts per window: 8.0 → 24 (latest 28 days)",
            "authentic engagement per post: 30.0 → 10.0",
            "total authentic engagement: 240.0 → 240.0",
            "each extra post added 0.0 engagement, against 30.0 per post before");
    assertThat(r.warnings().get(1).evidence()).contains("engaged authentic audience: 200 → 150");
    assertThat(r.warnings().get(2).evidence().get(0))
        .isEqualTo("12 of 24 posts in the latest window were posted word for word elsewhere");
    assertThat(r.warnings().get(2).evidence().get(1)).endsWith("also on bluesky");
    assertThat(r.warnings().get(3).evidence())
        .containsExactly(
            "24 of 24 posts in the latest window score under 40 on specific",
            "mean specific score 20.0");
  }
}
