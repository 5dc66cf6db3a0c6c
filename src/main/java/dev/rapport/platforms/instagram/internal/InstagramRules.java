package dev.rapport.platforms.instagram.internal;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.MediaItem;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instagram's documented content-publishing rules, checked before any call so that the user gets a
 * precise reason instead of a container in state ERROR: captions up to 2,200 characters, 30
 * hashtags and 20 @-mentions; carousels of 2–10 items; JPEG images between 4:5 and 1.91:1; media
 * fetched by Instagram from a public URL.
 */
public final class InstagramRules {

  public static final int MAX_CAPTION = 2200;
  public static final int MAX_HASHTAGS = 30;
  public static final int MAX_MENTIONS = 20;
  public static final int MAX_CAROUSEL = 10;
  static final double MIN_RATIO = 4.0 / 5.0;
  static final double MAX_RATIO = 1.91;

  private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&])#[\\p{L}\\p{N}_]+");
  private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_])@[A-Za-z0-9._]+");

  private InstagramRules() {}

  /** Why Instagram would refuse the post, or empty. Replies (comments) take no media. */
  public static Optional<PublishResult.Rejected> check(Outgoing post) {
    String text = post.text();
    int length = text.codePointCount(0, text.length());
    if (length > MAX_CAPTION) {
      return refuse(
          "Instagram refused the caption: " + length + " characters, the limit is " + MAX_CAPTION,
          "Shorten the caption by " + (length - MAX_CAPTION) + " characters");
    }
    int hashtags = count(HASHTAG, text);
    if (hashtags > MAX_HASHTAGS) {
      return refuse(
          "Instagram refused the caption: " + hashtags + " hashtags, the limit is " + MAX_HASHTAGS,
          "Remove " + (hashtags - MAX_HASHTAGS) + " hashtags");
    }
    int mentions = count(MENTION, text);
    if (mentions > MAX_MENTIONS) {
      return refuse(
          "Instagram refused the caption: "
              + mentions
              + " @-mentions, the limit is "
              + MAX_MENTIONS,
          "Remove " + (mentions - MAX_MENTIONS) + " @-mentions");
    }
    if (post.replyTo() != null) {
      return post.media().isEmpty()
          ? Optional.empty()
          : refuse(
              "Instagram comments cannot carry images",
              "Remove the attachments from the reply, or publish them as a new post");
    }
    if (post.media().isEmpty()) {
      return refuse(
          "Instagram needs an image or a video: a post without media cannot be published",
          "Attach at least one image (JPEG) or video to the Instagram variant");
    }
    if (post.media().size() > MAX_CAROUSEL) {
      return refuse(
          "Instagram refused the carousel: "
              + post.media().size()
              + " items, the limit is "
              + MAX_CAROUSEL,
          "Remove " + (post.media().size() - MAX_CAROUSEL) + " items");
    }
    for (MediaItem item : post.media()) {
      Optional<PublishResult.Rejected> problem = checkItem(item);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static Optional<PublishResult.Rejected> checkItem(MediaItem item) {
    String name = item.fileName() == null ? "the attachment" : item.fileName();
    if (item.kind() != MediaKind.IMAGE && item.kind() != MediaKind.VIDEO) {
      return refuse(
          "Instagram takes images and videos only; " + name + " is " + kindName(item.kind()),
          "Replace " + name + " with a JPEG image or an MP4 video");
    }
    if (item.publicUrl() == null) {
      return refuse(
          "Instagram fetches media from a public URL and "
              + name
              + " is not hosted anywhere Instagram can reach",
          "Set RAPPORT_PUBLIC_URL to an address Instagram can reach (Rapport serves the files it keeps"
              + " at /media/...), or attach the file by the URL where it is hosted, so that Instagram can fetch "
              + name);
    }
    if (item.kind() == MediaKind.IMAGE) {
      String type = item.contentType().toLowerCase(Locale.ROOT);
      if (!type.equals("image/jpeg") && !type.equals("image/jpg")) {
        return refuse(
            "Instagram refused the image: only JPEG is supported and " + name + " is " + type,
            "Convert " + name + " to JPEG");
      }
      if (item.width() != null && item.height() != null && item.width() > 0 && item.height() > 0) {
        double ratio = (double) item.width() / item.height();
        if (ratio < MIN_RATIO - 1e-9 || ratio > MAX_RATIO + 1e-9) {
          return refuse(
              "Instagram refused the image: aspect ratio "
                  + ratio(item.width(), item.height())
                  + " is outside 4:5–1.91:1",
              "Crop "
                  + name
                  + (ratio < MIN_RATIO
                      ? " to at most 4:5 portrait (e.g. 1080×1350)"
                      : " to at most 1.91:1 landscape (e.g. 1080×566)"));
        }
      }
    }
    return Optional.empty();
  }

  /** "3:1" when the reduced ratio is small, else "2.18:1". */
  static String ratio(int width, int height) {
    int g = gcd(width, height);
    int w = width / g;
    int h = height / g;
    if (w <= 32 && h <= 32) {
      return w + ":" + h;
    }
    return width >= height
        ? String.format(Locale.ROOT, "%.2f:1", (double) width / height)
        : String.format(Locale.ROOT, "1:%.2f", (double) height / width);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static int count(Pattern p, String text) {
    Matcher m = p.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String kindName(MediaKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static Optional<PublishResult.Rejected> refuse(String message, String action) {
    return Optional.of(new PublishResult.Rejected(message, action, false));
  }
}
