package dev.rapport.content.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformFitTest {

  static final Rubric RUBRIC = Rubric.forAudience(Audience.NONE);

  static Finding lengthFinding(RubricReport report) {
    return report.dimension(Dimension.PLATFORM_FIT).findings().stream()
        .filter(f -> f.code().endsWith("_length"))
        .findFirst()
        .orElseThrow();
  }

  /** 257 letters + a space + a 60-character link counting 23 = 281 on X: one over. */
  @Test
  void xCountsEveryLinkAsTwentyThree() {
    String link = "https://bakery.example/" + "a".repeat(37);
    String text = "a".repeat(257) + " " + link;
    RubricReport report = RUBRIC.assess(Draft.of(text, Platform.X));
    Finding f = lengthFinding(report);
    assertThat(f.code()).isEqualTo("over_length");
    assertThat(f.severity()).isEqualTo(Severity.BLOCKER);
    assertThat(f.message()).isEqualTo("281 of 280 characters on x: 1 over.");
    assertThat(report.overall()).isLessThanOrEqualTo(40);

    String fits = "a".repeat(256) + " " + link;
    assertThat(lengthFinding(RUBRIC.assess(Draft.of(fits, Platform.X))).message())
        .isEqualTo("280 of 280 characters on x.");
  }

  /** 300 thumbs-up emoji are 600 UTF-16 chars but 300 graphemes: fits Bluesky; 301 does not. */
  @Test
  void blueskyCountsGraphemes() {
    assertThat(lengthFinding(RUBRIC.assess(Draft.of("👍".repeat(300), Platform.BLUESKY))).code())
        .isEqualTo("within_length");
    assertThat(lengthFinding(RUBRIC.assess(Draft.of("👍".repeat(301), Platform.BLUESKY))).code())
        .isEqualTo("over_length");
  }

  @Test
  void mastodonAndThreadsDifferOnLinks() {
    String text = "b".repeat(470) + " https://bakery.example/" + "c".repeat(40);
    assertThat(lengthFinding(RUBRIC.assess(Draft.of(text, Platform.MASTODON))).code())
        .as("470 + 1 + 23 = 494 on Mastodon")
        .isEqualTo("within_length");
    assertThat(lengthFinding(RUBRIC.assess(Draft.of(text, Platform.THREADS))).code())
        .as("the link as written: 534 on Threads")
        .isEqualTo("over_length");
  }

  @Test
  void instagramNeedsMediaAndRefusesThirtyOneHashtags() {
    StringBuilder tags = new StringBuilder("Rye.");
    for (int i = 1; i <= 30; i++) {
      tags.append(" #t").append(i);
    }
    Draft thirty =
        new Draft(
            tags.toString(), Platform.INSTAGRAM, List.of(new Media(MediaKind.IMAGE, "A loaf")));
    assertThat(RUBRIC.assess(thirty).has("hashtag_limit")).isFalse();
    assertThat(RUBRIC.assess(thirty).has("too_many_hashtags")).isTrue();
    Draft thirtyOne = new Draft(thirty.text() + " #t31", Platform.INSTAGRAM, thirty.media());
    assertThat(RUBRIC.assess(thirtyOne).has("hashtag_limit")).isTrue();
    assertThat(RUBRIC.assess(Draft.of("Rye.", Platform.INSTAGRAM)).has("media_required")).isTrue();
  }

  @Test
  void aPublishedPostIsNotHeldToTheMediaItsPlatformAlreadyAccepted() {
    String text =
        "3 mistakes we made with our first sourdough starter. Save this for your next bake!";
    RubricReport draft = RUBRIC.assess(Draft.of(text, Platform.INSTAGRAM));
    RubricReport published = RUBRIC.assess(Draft.published(text, Platform.INSTAGRAM));
    assertThat(draft.blocked()).isTrue();
    assertThat(draft.overall()).isLessThanOrEqualTo(40); // the blocker's cap
    assertThat(published.blocked()).isFalse();
    assertThat(published.has("media_required")).isFalse();
    assertThat(published.overall()).isGreaterThan(draft.overall());
    // Everything else is judged the same: the words score alike on a platform without the rule.
    assertThat(published.score(Dimension.SPECIFIC)).isEqualTo(draft.score(Dimension.SPECIFIC));
  }

  @Test
  void linkedInAndFacebookLimits() {
    assertThat(lengthFinding(RUBRIC.assess(Draft.of("d".repeat(3000), Platform.LINKEDIN))).code())
        .isEqualTo("within_length");
    assertThat(lengthFinding(RUBRIC.assess(Draft.of("d".repeat(3001), Platform.LINKEDIN))).code())
        .isEqualTo("over_length");
    assertThat(lengthFinding(RUBRIC.assess(Draft.of("d".repeat(63_207), Platform.FACEBOOK))).code())
        .isEqualTo("over_length");
  }
}
