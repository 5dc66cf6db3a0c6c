package dev.rapport.content.quality;

import dev.rapport.content.quality.internal.FacebookNewsPosts;
import dev.rapport.content.quality.internal.HoldoutValidation;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Honest validation of the engagement model on real posts: per page, in time order, learn from the
 * earlier posts and predict the later ones. Reads the data where it lies; never copies it.
 */
public final class EngagementValidation {

  /** The folder of the Facebook news-page dataset, relative to the data directory. */
  public static final String FACEBOOK_NEWS = "engagement/facebook-news-2017";

  private EngagementValidation() {}

  /** Runs on {@code <dataDir>/engagement/facebook-news-2017/fb_news_posts_20K.csv}. */
  public static ValidationReport facebookNews(Path dataDir, ValidationSettings settings)
      throws IOException {
    Path csv = dataDir.resolve(FACEBOOK_NEWS).resolve("fb_news_posts_20K.csv");
    return HoldoutValidation.run(
        FacebookNewsPosts.read(csv, settings.minExposureHours()), settings);
  }
}
