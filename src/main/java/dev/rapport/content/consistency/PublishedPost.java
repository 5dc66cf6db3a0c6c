package dev.rapport.content.consistency;

import java.time.Instant;
import java.util.Objects;

/**
 * A published post as the consistency metrics see it.
 *
 * @param qualityScore the rubric's overall score 0–100
 * @param specificScore the rubric's specific score 0–100
 * @param authenticEngagement engagement from authentic people (weighted)
 */
public record PublishedPost(
    String channel,
    Instant publishedAt,
    int qualityScore,
    int specificScore,
    double authenticEngagement,
    String text) {

  public PublishedPost {
    Objects.requireNonNull(channel);
    Objects.requireNonNull(publishedAt);
    Objects.requireNonNull(text);
  }
}
