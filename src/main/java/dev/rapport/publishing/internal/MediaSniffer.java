package dev.rapport.publishing.internal;

import dev.rapport.content.quality.MediaKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What a file is, from its first bytes (a name or a browser's declared type can lie), and an
 * image's pixel size from its header alone (no decoding, so a crafted image cannot make Rapport
 * inflate gigapixels).
 */
final class MediaSniffer {

  /** A recognised file. */
  record Sniffed(MediaKind kind, String contentType, String extension) {}

  private MediaSniffer() {}

  static Optional<Sniffed> sniff(byte[] b) {
    if (starts(b, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(new Sniffed(MediaKind.IMAGE, "image/jpeg", "jpg"));
    }
    if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(new Sniffed(MediaKind.IMAGE, "image/png", "png"));
    }
    if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
      return Optional.of(new Sniffed(MediaKind.GIF, "image/gif", "gif"));
    }
    if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
      return Optional.of(new Sniffed(MediaKind.IMAGE, "image/webp", "webp"));
    }
    if (ascii(b, 4, "ftyp")) {
      return Optional.of(
          ascii(b, 8, "qt  ")
              ? new Sniffed(MediaKind.VIDEO, "video/quicktime", "mov")
              : new Sniffed(MediaKind.VIDEO, "video/mp4", "mp4"));
    }
    return Optional.empty();
  }

  /** Width and height from the image's header, or null when Java cannot read this format. */
  static int[] size(byte[] bytes) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return new int[] {reader.getWidth(0), reader.getHeight(0)};
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return null; // a damaged header: the platform's own checks will say more
    }
  }

  private static boolean starts(byte[] b, int at, int... expected) {
    if (b.length < at + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((b[at + i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(byte[] b, int at, String text) {
    byte[] t = text.getBytes(StandardCharsets.US_ASCII);
    return b.length >= at + t.length && Arrays.equals(b, at, at + t.length, t, 0, t.length);
  }
}
