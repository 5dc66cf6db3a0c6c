package dev.rapport.content.quality;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A post as the engagement model sees it: text, platform, when (in the brand's time zone), its
 * media and an optional topic label (empty when none).
 */
public record PlannedPost(
    String text, Platform platform, ZonedDateTime publishedAt, List<Media> media, String topic) {

  public PlannedPost {
    Objects.requireNonNull(text);
    Objects.requireNonNull(platform);
    Objects.requireNonNull(publishedAt);
    topic = topic == null ? "" : topic;
    media = List.copyOf(media);
  }

  public Draft draft() {
    return new Draft(text, platform, media);
  }
}
