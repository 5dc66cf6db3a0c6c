package dev.rapport.content.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WhatWorkedTest {

  static final ZonedDateTime START = ZonedDateTime.of(2026, 1, 5, 9, 0, 0, 0, ZoneOffset.UTC);

  /**
   * 120 posts, one a day. Every other post names a concrete number and earns 30 engagements; the
   * rest earn 10. Noise: ±20% (seeded). So the median ratio is about (30+1)/(10+1) ≈ 2.8.
   */
  static List<PastPost> history(int n) {
    Random random = new Random(7);
    List<PastPost> posts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean number = i % 2 == 0;
      String text =
          number
              ? "Rye sourdough is back on Saturday: " + (20 + i) + " loaves at the Kirkgate shop."
              : "Rye sourdough is back on Saturday at the Kirkgate shop, fresh from the oven.";
      double engagement = (number ? 30 : 10) * (0.8 + 0.4 * random.nextDouble());
      posts.add(
          new PastPost(
              new PlannedPost(text, Platform.MASTODON, START.plusDays(i), List.of(), ""),
              engagement));
    }
    return posts;
  }

  @Test
  void saysTooThinBelowTheMinimum() {
    WhatWorked result = WhatWorked.learn(history(12), Audience.NONE);
    assertThat(result).isInstanceOf(WhatWorked.TooThin.class);
    WhatWorked.TooThin thin = (WhatWorked.TooThin) result;
    assertThat(thin.posts()).isEqualTo(12);
    assertThat(thin.needed()).isEqualTo(ModelSettings.DEFAULT_MIN_POSTS);
  }

  @Test
  void findsThatConcreteNumbersEarnedMore() {
    WhatWorked.Learned learned = (WhatWorked.Learned) WhatWorked.learn(history(120), Audience.NONE);
    Insight number =
        learned.insights().stream()
            .filter(i -> i.feature().equals("concrete_number"))
            .findFirst()
            .orElseThrow();
    assertThat(number.ratio()).isCloseTo(31.0 / 11.0, within(0.4));
    assertThat(number.postsWith()).isEqualTo(60);
    assertThat(number.statement())
        .startsWith("Posts with a concrete number earned 2.")
        .endsWith("the median engagement of those without (60 with, 60 without, over 120 posts).");
    assertThat(learned.insights().get(0).feature()).isEqualTo("concrete_number");
  }

  @Test
  void saysTooFewWhenOneSideIsSmall() {
    WhatWorked.Learned learned = (WhatWorked.Learned) WhatWorked.learn(history(120), Audience.NONE);
    Insight media =
        learned.insights().stream()
            .filter(i -> i.feature().equals("media"))
            .findFirst()
            .orElseThrow();
    assertThat(media.ratio()).isNaN();
    assertThat(media.statement()).startsWith("Too few posts with and without an image or a video");
  }

  @Test
  void predictsMoreForADraftWithANumberWithAnIntervalAroundIt() {
    WhatWorked.Learned learned = (WhatWorked.Learned) WhatWorked.learn(history(120), Audience.NONE);
    ZonedDateTime when = START.plusDays(200);
    Forecast with =
        learned
            .model()
            .predict(
                new PlannedPost(
                    "Rye sourdough is back on Saturday: 48 loaves at the Kirkgate shop.",
                    Platform.MASTODON,
                    when,
                    List.of(),
                    ""));
    Forecast without =
        learned
            .model()
            .predict(
                new PlannedPost(
                    "Rye sourdough is back on Saturday at the Kirkgate shop, fresh from the oven.",
                    Platform.MASTODON,
                    when,
                    List.of(),
                    ""));
    assertThat(with.typical()).isGreaterThan(without.typical() * 1.8);
    assertThat(with.typical()).isBetween(20.0, 45.0);
    assertThat(with.low()).isLessThan(with.typical());
    assertThat(with.high()).isGreaterThan(with.typical());
    assertThat(with.coverage()).isEqualTo(0.8);
    assertThat(learned.model().provenance().posts()).isEqualTo(120);
  }
}
