package dev.rapport.platforms.linkedin.internal;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.MediaItem;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import java.util.Optional;

/**
 * LinkedIn's documented limits: 3,000 characters of commentary, comments of up to 1,250 characters
 * without media, 2–20 images in a multi-image post, images uploaded as bytes.
 */
public final class LinkedInRules {

  public static final int MAX_COMMENTARY = 3000;
  public static final int MAX_COMMENT = 1250;
  public static final int MAX_IMAGES = 20;

  private LinkedInRules() {}

  public static Optional<PublishResult.Rejected> check(Outgoing post) {
    int length = post.text().codePointCount(0, post.text().length());
    boolean reply = post.replyTo() != null;
    int max = reply ? MAX_COMMENT : MAX_COMMENTARY;
    if (length > max) {
      return refuse(
          "LinkedIn refused the "
              + (reply ? "comment" : "post")
              + ": "
              + length
              + " characters, the limit is "
              + max,
          "Shorten the text by " + (length - max) + " characters");
    }
    if (post.text().isBlank() && post.media().isEmpty()) {
      return refuse("LinkedIn needs text or an image", "Write the post's text or attach an image");
    }
    if (reply && !post.media().isEmpty()) {
      return refuse(
          "Rapport posts LinkedIn comments as text only",
          "Remove the attachments from the reply, or publish them as a new post");
    }
    if (post.media().size() > MAX_IMAGES) {
      return refuse(
          "LinkedIn refused the post: "
              + post.media().size()
              + " images, the limit is "
              + MAX_IMAGES,
          "Remove " + (post.media().size() - MAX_IMAGES) + " images");
    }
    for (MediaItem item : post.media()) {
      String name = item.fileName() == null ? "the attachment" : item.fileName();
      if (item.kind() != MediaKind.IMAGE) {
        return refuse(
            "Rapport posts images to LinkedIn; " + name + " is not an image",
            "Replace " + name + " with a JPEG, PNG or GIF image");
      }
      if (item.bytes() == null || item.bytes().length == 0) {
        return refuse(
            "LinkedIn needs the image uploaded and " + name + " has no content in Rapport",
            "Attach the image file again");
      }
    }
    return Optional.empty();
  }

  private static Optional<PublishResult.Rejected> refuse(String message, String action) {
    return Optional.of(new PublishResult.Rejected(message, action, false));
  }
}
