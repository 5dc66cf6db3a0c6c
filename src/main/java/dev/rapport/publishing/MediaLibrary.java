package dev.rapport.publishing;

import java.util.Optional;

/**
 * Files attached in the composer, kept by Rapport: stored once, attached to a variant by their
 * {@link StoredMedia#location()}, sent by dispatch as an upload or, to platforms that fetch media
 * themselves (Instagram, Threads, Facebook), as Rapport's public address of the file. Only what
 * some platform takes is accepted (JPEG, PNG, GIF, WebP images; MP4 and MOV videos), recognised by
 * the file's content, not its name. Thread-safe.
 */
public interface MediaLibrary {

  /** The largest file kept; larger videos are attached by the URL where they are hosted. */
  long MAX_BYTES = 16L << 20;

  /** The prefix of a stored file's location in a variant's media. */
  String LOCATION_PREFIX = "media:";

  /**
   * Keeps a file for the workspace.
   *
   * @param originalName the name the file had on the user's machine (shown, never used as a path)
   * @throws Refused when the file is empty, too large or of a kind no platform takes
   */
  StoredMedia add(long actor, long workspaceId, String originalName, byte[] content);

  /** A kept file by its public name ({@code <32 hex>.<ext>}); empty for any other name. */
  Optional<MediaContent> content(String name);

  /** As {@link #content(String)}, only among the workspace's files: what dispatch sends. */
  Optional<MediaContent> content(long workspaceId, String name);

  /**
   * Deletes the files made before {@code madeBefore} that no variant attaches (uploaded and never
   * attached, or removed before publishing: a published variant cannot change, so its files stay).
   * Returns how many went.
   */
  int sweep(java.time.Instant madeBefore);

  /** A file's bytes, type and pixel size, for serving and sending. */
  record MediaContent(
      String name, String contentType, byte[] bytes, Integer width, Integer height) {}

  /** The public name within a location ({@code media:<name>}), or empty for other locations. */
  static Optional<String> nameOf(String location) {
    return location != null && location.startsWith(LOCATION_PREFIX)
        ? Optional.of(location.substring(LOCATION_PREFIX.length()))
        : Optional.empty();
  }
}
