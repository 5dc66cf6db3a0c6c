package dev.rapport.platforms.threads.internal;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.MediaItem;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Threads API's documented publishing rules: 500 characters of text, at most 5 links, 2–20
 * carousel items, JPEG or PNG images and MP4/MOV videos fetched from a public URL.
 */
public final class ThreadsRules {

  public static final int MAX_TEXT = 500;
  public static final int MAX_LINKS = 5;
  public static final int MAX_CAROUSEL = 20;
  private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/jpg", "image/png");
  private static final Pattern LINK = Pattern.compile("https?://\\S+");

  private ThreadsRules() {}

  public static Optional<PublishResult.Rejected> check(Outgoing post) {
    String text = post.text();
    int length = text.codePointCount(0, text.length());
    if (length > MAX_TEXT) {
      return refuse(
          "Threads refused the text: " + length + " characters, the limit is " + MAX_TEXT,
          "Shorten the text by " + (length - MAX_TEXT) + " characters, or split it into a thread");
    }
    Matcher m = LINK.matcher(text);
    int links = 0;
    while (m.find()) {
      links++;
    }
    if (links > MAX_LINKS) {
      return refuse(
          "Threads refused the text: " + links + " links, the limit is " + MAX_LINKS,
          "Remove " + (links - MAX_LINKS) + " links");
    }
    if (text.isBlank() && post.media().isEmpty()) {
      return refuse("Threads needs text or media", "Write the post's text or attach an image");
    }
    if (post.media().size() > MAX_CAROUSEL) {
      return refuse(
          "Threads refused the carousel: "
              + post.media().size()
              + " items, the limit is "
              + MAX_CAROUSEL,
          "Remove " + (post.media().size() - MAX_CAROUSEL) + " items");
    }
    for (MediaItem item : post.media()) {
      String name = item.fileName() == null ? "the attachment" : item.fileName();
      if (item.kind() != MediaKind.IMAGE && item.kind() != MediaKind.VIDEO) {
        return refuse(
            "Threads takes images and videos only; " + name + " is not one",
            "Replace " + name + " with a JPEG/PNG image or an MP4 video");
      }
      if (item.publicUrl() == null) {
        return refuse(
            "Threads fetches media from a public URL and "
                + name
                + " is not hosted anywhere Threads can reach",
            "Set RAPPORT_PUBLIC_URL to an address Threads can reach (Rapport serves the files it keeps"
                + " at /media/...), or attach the file by the URL where it is hosted, so that Threads can fetch "
                + name);
      }
      if (item.kind() == MediaKind.IMAGE
          && !IMAGE_TYPES.contains(item.contentType().toLowerCase(Locale.ROOT))) {
        return refuse(
            "Threads refused the image: only JPEG and PNG are supported and "
                + name
                + " is "
                + item.contentType(),
            "Convert " + name + " to JPEG or PNG");
      }
    }
    return Optional.empty();
  }

  private static Optional<PublishResult.Rejected> refuse(String message, String action) {
    return Optional.of(new PublishResult.Rejected(message, action, false));
  }
}
