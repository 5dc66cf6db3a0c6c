package dev.rapport.engagement;

import java.time.Instant;

/**
 * The audience quality score at one moment of a series, with its ingredients.
 *
 * @param engagedAudience distinct authentic persons with an interaction in the weeks of the window
 * @param engagements interactions on posts published in the window
 * @param botEngagements of which from bots
 */
public record QualityPoint(
    Instant at,
    long followers,
    long authenticFollowers,
    long engagedAudience,
    long engagements,
    long botEngagements) {

  public double botShare() {
    return TruthFormulas.share(botEngagements, engagements);
  }

  public double score() {
    return TruthFormulas.audienceQualityScore(
        followers, authenticFollowers, engagedAudience, botShare());
  }
}
