package dev.rapport.content.quality;

import java.util.List;
import java.util.Objects;

/** A draft variant for one platform: its text and its media. */
public record Draft(String text, Platform platform, List<Media> media) {

  public Draft {
    Objects.requireNonNull(text);
    Objects.requireNonNull(platform);
    media = List.copyOf(media);
  }

  public static Draft of(String text, Platform platform) {
    return new Draft(text, platform, List.of());
  }
}
