package dev.rapport.publishing;

import dev.rapport.content.quality.MediaKind;
import java.util.Objects;

/**
 * One attachment of a variant.
 *
 * @param location where the file is (a path or an address dispatch can read)
 * @param altText the description screen readers speak; empty when missing (a gate failure)
 */
public record VariantMedia(MediaKind kind, String location, String altText) {

  public VariantMedia {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
    altText = altText == null ? "" : altText.strip();
  }
}
