package dev.rapport.publishing;

import dev.rapport.content.PostState;
import java.time.Instant;
import java.util.List;

/**
 * A variant as planning sees it.
 *
 * @param plannedAt the time asked for while it waits for review, or null
 * @param publishedAt when the platform took it, or null until it is published
 */
public record PlannedVariant(
    long id,
    long postId,
    long channelId,
    String text,
    PostState state,
    Instant scheduledAt,
    Instant plannedAt,
    Instant publishedAt,
    List<VariantMedia> media) {

  public PlannedVariant {
    media = List.copyOf(media);
  }
}
