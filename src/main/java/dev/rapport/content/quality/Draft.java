package dev.rapport.content.quality;

import java.util.List;
import java.util.Objects;

/**
 * A variant for one platform as the rubric sees it: its text and its media.
 *
 * @param accepted the platform already accepted it (a published post): the platform's own refusals,
 *     such as a missing image on Instagram, no longer apply, since Rapport does not keep the media
 *     of every post it reads back from a platform
 */
public record Draft(String text, Platform platform, List<Media> media, boolean accepted) {

  public Draft {
    Objects.requireNonNull(text);
    Objects.requireNonNull(platform);
    media = List.copyOf(media);
  }

  public Draft(String text, Platform platform, List<Media> media) {
    this(text, platform, media, false);
  }

  public static Draft of(String text, Platform platform) {
    return new Draft(text, platform, List.of());
  }

  /** A post its platform published: scored for what it says, not for media not recorded here. */
  public static Draft published(String text, Platform platform) {
    return new Draft(text, platform, List.of(), true);
  }
}
