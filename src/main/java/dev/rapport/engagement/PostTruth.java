package dev.rapport.engagement;

import java.time.Instant;

/**
 * One published post variant, vanity beside truth.
 *
 * @param engagements all engagements (vanity)
 * @param authenticEngagements engagements from authentic people
 * @param botEngagements engagements from suspicious or self-declared bot accounts
 * @param weighted weighted engagement from authentic people
 */
public record PostTruth(
    long variantId,
    long postId,
    long channelId,
    String platform,
    String excerpt,
    Instant publishedAt,
    long followersAtPublish,
    long authenticFollowersAtPublish,
    long engagements,
    long authenticEngagements,
    long botEngagements,
    long botLikes,
    long likes,
    double weighted) {

  public double rawRate() {
    return TruthFormulas.rate(engagements, followersAtPublish);
  }

  public double authenticRate() {
    return TruthFormulas.rate(authenticEngagements, authenticFollowersAtPublish);
  }

  public double botShare() {
    return TruthFormulas.share(botEngagements, engagements);
  }

  /** Share of this post's likes that came from suspicious accounts. */
  public double botLikeShare() {
    return TruthFormulas.share(botLikes, likes);
  }
}
