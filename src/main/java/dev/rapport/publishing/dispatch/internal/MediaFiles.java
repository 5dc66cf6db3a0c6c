package dev.rapport.publishing.dispatch.internal;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.MediaItem;
import dev.rapport.publishing.MediaLibrary;
import dev.rapport.publishing.dispatch.MediaHosting;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Turns a variant's stored media (a file path or a public URL, with its alt text) into what a
 * connector sends: the file's bytes, type and pixel size, or the URL for platforms that fetch media
 * themselves (Instagram, Threads). A file that cannot be read is a problem the user must fix,
 * reported before anything is sent.
 */
final class MediaFiles {

  /** Larger than any platform accepts for an image; videos are bounded by the platforms too. */
  static final long MAX_BYTES = 512L << 20;

  /** One stored attachment. */
  record Stored(String kind, String location, String altText) {}

  /** A file that cannot be sent, in the user's words. */
  static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  private MediaFiles() {}

  static List<MediaItem> load(List<Stored> stored, long workspaceId, MediaHosting hosting)
      throws Unreadable {
    List<MediaItem> out = new ArrayList<>(stored.size());
    for (Stored s : stored) {
      out.add(load(s, workspaceId, hosting));
    }
    return out;
  }

  private static MediaItem load(Stored s, long workspaceId, MediaHosting hosting)
      throws Unreadable {
    MediaKind kind = MediaKind.valueOf(s.kind().toUpperCase(Locale.ROOT));
    String location = s.location().strip();
    Optional<String> kept = MediaLibrary.nameOf(location);
    if (kept.isPresent()) {
      return kept(kind, kept.get(), s.altText(), workspaceId, hosting);
    }
    String lower = location.toLowerCase(Locale.ROOT);
    String type = contentType(lower, kind);
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      URI uri = URI.create(location);
      String name = uri.getPath() == null ? "media" : Path.of(uri.getPath()).getFileName() + "";
      return new MediaItem(kind, type, name, null, uri, s.altText(), null, null);
    }
    Path file = Path.of(location);
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new Unreadable(
            "the file "
                + file.getFileName()
                + " is "
                + (size >> 20)
                + " MiB; no platform takes it");
      }
      byte[] bytes = Files.readAllBytes(file);
      Integer width = null;
      Integer height = null;
      if (kind == MediaKind.IMAGE || kind == MediaKind.GIF) {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image != null) {
          width = image.getWidth();
          height = image.getHeight();
        }
      }
      return new MediaItem(
          kind, type, file.getFileName().toString(), bytes, null, s.altText(), width, height);
    } catch (IOException e) {
      throw new Unreadable(
          "the attached file "
              + location
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /**
   * A file Rapport keeps: its bytes for platforms that take uploads, and its public address for
   * those that fetch (when Rapport has one).
   */
  private static MediaItem kept(
      MediaKind kind, String name, String altText, long workspaceId, MediaHosting hosting)
      throws Unreadable {
    if (hosting.library() == null) {
      throw new Unreadable(
          "the attached file " + name + " is kept by Rapport, which has no library here");
    }
    MediaLibrary.MediaContent file =
        hosting
            .library()
            .content(workspaceId, name)
            .orElseThrow(
                () ->
                    new Unreadable("the attached file " + name + " is no longer kept by Rapport"));
    return new MediaItem(
        kind,
        file.contentType(),
        name,
        file.bytes(),
        hosting.urlOf(name).orElse(null),
        altText,
        file.width(),
        file.height());
  }

  static String contentType(String lowerName, MediaKind kind) {
    if (lowerName.endsWith(".png")) {
      return "image/png";
    }
    if (lowerName.endsWith(".jpg") || lowerName.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (lowerName.endsWith(".gif")) {
      return "image/gif";
    }
    if (lowerName.endsWith(".webp")) {
      return "image/webp";
    }
    if (lowerName.endsWith(".mp4")) {
      return "video/mp4";
    }
    if (lowerName.endsWith(".mov")) {
      return "video/quicktime";
    }
    return switch (kind) {
      case IMAGE -> "image/jpeg";
      case GIF -> "image/gif";
      case VIDEO -> "video/mp4";
      case AUDIO -> "audio/mpeg";
    };
  }
}
