package dev.rapport.platforms.facebook.internal;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.MediaItem;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facebook Page post rules checked before calling: 63,206 characters of text, images only (video
 * goes through a separate upload flow Rapport does not use), one image per comment, and each image
 * either hosted or carried as bytes.
 */
public final class FacebookRules {

  public static final int MAX_TEXT = 63206;
  public static final int MAX_PHOTOS = 10;
  private static final Pattern LINK = Pattern.compile("https?://[^\\s]+");

  private FacebookRules() {}

  public static Optional<PublishResult.Rejected> check(Outgoing post) {
    int length = post.text().codePointCount(0, post.text().length());
    if (length > MAX_TEXT) {
      return refuse(
          "Facebook refused the post: " + length + " characters, the limit is " + MAX_TEXT,
          "Shorten the text by " + (length - MAX_TEXT) + " characters");
    }
    if (post.text().isBlank() && post.media().isEmpty()) {
      return refuse("Facebook needs text or a photo", "Write the post's text or attach a photo");
    }
    if (post.replyTo() != null && post.media().size() > 1) {
      return refuse(
          "A Facebook comment takes one image", "Keep one image in the reply, or post the rest");
    }
    if (post.media().size() > MAX_PHOTOS) {
      return refuse(
          "Facebook refused the post: "
              + post.media().size()
              + " photos, Rapport posts at most "
              + MAX_PHOTOS,
          "Remove " + (post.media().size() - MAX_PHOTOS) + " photos");
    }
    for (MediaItem item : post.media()) {
      String name = item.fileName() == null ? "the attachment" : item.fileName();
      if (item.kind() != MediaKind.IMAGE) {
        return refuse(
            "Rapport posts images to Facebook Pages; " + name + " is not an image",
            "Replace " + name + " with an image, or post the video from Facebook");
      }
      boolean uploadable = item.bytes() != null && item.bytes().length > 0;
      if (item.publicUrl() == null && (!uploadable || post.replyTo() != null)) {
        return refuse(
            "Facebook needs " + name + " at a public URL" + (uploadable ? " for a comment" : ""),
            "Set RAPPORT_PUBLIC_URL to an address Facebook can reach (Rapport serves the files it keeps"
                + " at /media/...), or attach the file by the URL where it is hosted, so that Facebook can fetch "
                + name);
      }
    }
    return Optional.empty();
  }

  /** The first link in the text, used as the post's link preview; null when none. */
  public static String firstLink(String text) {
    Matcher m = LINK.matcher(text);
    return m.find() ? m.group().replaceAll("[.,;:!?)]+$", "") : null;
  }

  private static Optional<PublishResult.Rejected> refuse(String message, String action) {
    return Optional.of(new PublishResult.Rejected(message, action, false));
  }
}
