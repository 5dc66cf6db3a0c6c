package dev.rapport.content.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rapport.content.quality.internal.HoldoutValidation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The real-data validation: runs only when RAPPORT_DATA_DIR points at the shared data (with
 * engagement/facebook-news-2017 under it). The full model must beat the account-mean baseline on
 * the later posts, pooled over pages.
 */
class FacebookNewsValidationTest {

  @Test
  void fullModelBeatsTheAccountMeanOnLaterPosts() throws Exception {
    String dir = System.getenv("RAPPORT_DATA_DIR");
    assumeTrue(dir != null, "RAPPORT_DATA_DIR not set");
    Path data = Path.of(dir);
    assumeTrue(Files.isDirectory(data.resolve(EngagementValidation.FACEBOOK_NEWS)), "no data");

    ValidationReport report =
        EngagementValidation.facebookNews(data, ValidationSettings.DEFAULTS.withBootstrap(200));

    assertThat(report.pages()).isGreaterThanOrEqualTo(50);
    double full = report.pooled(HoldoutValidation.FULL).spearman();
    double baseline = report.pooled(HoldoutValidation.ACCOUNT_MEAN).spearman();
    assertThat(full).isGreaterThan(baseline);
    assertThat(report.withinPage(HoldoutValidation.FULL).low())
        .as(
            "within a page the full model ranks better than chance (the mean's constant ranks nothing)")
        .isGreaterThan(0);
  }
}
