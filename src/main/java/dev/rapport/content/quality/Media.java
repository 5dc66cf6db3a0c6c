package dev.rapport.content.quality;

import java.util.Objects;

/**
 * A media attachment as the rubric sees it.
 *
 * @param altText the description for people using screen readers; empty when missing
 */
public record Media(MediaKind kind, String altText) {

  public Media {
    Objects.requireNonNull(kind);
    altText = altText == null ? "" : altText;
  }

  public boolean hasAltText() {
    return !altText.isBlank();
  }
}
