package dev.rapport.content.consistency;

import java.time.Duration;

/**
 * Settings of the spray-and-pray check.
 *
 * @param window length of each window (default 4 weeks); windows end at now and tile backwards
 * @param windows how many windows to compare (the latest against the mean of the earlier ones)
 * @param volumeRise the latest window counts as "more volume" at this many times the earlier mean
 * @param nearZeroShare extra posts add "nothing" when each adds less than this share of the earlier
 *     engagement per post
 * @param lowSpecificity a post is low on specifics below this specific score
 * @param lowSpecificityShare warn when at least this share of the latest window's posts is low
 * @param crossPostWindow identical texts on different channels within this time are cross-posts
 * @param minCrossPosts warn when at least this many posts of the latest window are cross-posts
 */
public record SpraySettings(
    Duration window,
    int windows,
    double volumeRise,
    double nearZeroShare,
    int lowSpecificity,
    double lowSpecificityShare,
    Duration crossPostWindow,
    int minCrossPosts) {

  public static final SpraySettings DEFAULTS =
      new SpraySettings(Duration.ofDays(28), 4, 1.5, 0.2, 40, 0.5, Duration.ofDays(2), 3);

  public SpraySettings {
    if (windows < 2 || volumeRise <= 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("windows ≥ 2, volumeRise > 1, window > 0");
    }
  }
}
