package dev.rapport.content.quality;

/**
 * Settings of the time-ordered validation on real posts.
 *
 * @param minExposureHours posts observed for less than this are left out (still collecting)
 * @param minPagePosts pages with fewer usable posts are left out
 * @param trainShare the earliest share of each page's posts to learn from; the rest are predicted
 * @param rollingWindow posts in the rolling-mean baseline
 * @param bootstrap bootstrap resamples (of pages) for the confidence intervals
 * @param seed seed of the bootstrap
 */
public record ValidationSettings(
    double minExposureHours,
    int minPagePosts,
    double trainShare,
    int rollingWindow,
    int bootstrap,
    long seed) {

  public static final ValidationSettings DEFAULTS =
      new ValidationSettings(48, 60, 0.7, 20, 1000, 17);

  public ValidationSettings {
    if (!(trainShare > 0.3 && trainShare < 0.95) || bootstrap < 100 || minPagePosts < 45) {
      throw new IllegalArgumentException(
          "trainShare in (0.3,0.95), bootstrap ≥ 100, minPagePosts ≥ 45");
    }
  }

  public ValidationSettings withBootstrap(int resamples) {
    return new ValidationSettings(
        minExposureHours, minPagePosts, trainShare, rollingWindow, resamples, seed);
  }
}
