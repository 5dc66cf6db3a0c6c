package dev.rapport.engagement;

import java.time.Duration;
import java.time.Instant;

/**
 * The vanity-vs-truth summary of a workspace at a moment, over a window (default 90 days).
 *
 * @param vanityFollowers follower count the platforms show, summed over channels (falls back to the
 *     followers Rapport knows of when a platform count is missing)
 * @param audience known follower accounts by verdict
 * @param engagedAudience distinct authentic people with an interaction in the window
 * @param core authentic people who engaged in at least 3 distinct weeks of the last 12
 * @param customers people who bought
 * @param posts post variants published in the window
 * @param rawRate mean raw engagement rate of those posts
 * @param authenticRate mean authentic engagement rate of those posts
 * @param botShare share of those posts' engagements from suspicious accounts
 * @param weightedEngagement weighted engagement from authentic people on those posts
 */
public record TruthSummary(
    Instant asOf,
    Duration window,
    long vanityFollowers,
    AudienceCounts audience,
    long engagedAudience,
    long core,
    long customers,
    int posts,
    long engagements,
    long authenticEngagements,
    double rawRate,
    double authenticRate,
    double botShare,
    double weightedEngagement) {

  public long followers() {
    return audience.total();
  }

  public long authenticFollowers() {
    return audience.authentic();
  }

  public double qualityScore() {
    return TruthFormulas.audienceQualityScore(
        audience.total(), audience.authentic(), engagedAudience, botShare);
  }
}
