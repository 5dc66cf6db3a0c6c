package dev.rapport.platforms;

import dev.rapport.content.quality.MediaKind;
import java.net.URI;
import java.util.Objects;

/**
 * One attachment.
 *
 * @param bytes the file's content, for platforms that take uploads
 * @param publicUrl where the platform can fetch it, for platforms that only take URLs (Instagram,
 *     Threads); null when not hosted
 * @param width pixels, when known (aspect-ratio checks)
 * @param height pixels, when known
 */
public record MediaItem(
    MediaKind kind,
    String contentType,
    String fileName,
    byte[] bytes,
    URI publicUrl,
    String altText,
    Integer width,
    Integer height) {

  public MediaItem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(contentType, "contentType");
  }
}
