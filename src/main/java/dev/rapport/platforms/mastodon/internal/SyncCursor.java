package dev.rapport.platforms.mastodon.internal;

/**
 * Where an engagement sync stands: the newest notification already read (kept across runs), and,
 * while a run walks the brand's recent posts, the index of the next post to read.
 *
 * @param notificationsSince the newest notification id read, or null before the first run
 * @param postIndex the next of the request's recent posts to read, or -1 while notifications are
 *     still being read
 */
public record SyncCursor(String notificationsSince, int postIndex) {

  public static SyncCursor parse(String cursor) {
    String since = null;
    int post = -1;
    if (cursor != null) {
      for (String part : cursor.split(";")) {
        if (part.startsWith("since=")) {
          since = part.substring(6);
        } else if (part.startsWith("post=")) {
          post = Integer.parseInt(part.substring(5));
        }
      }
    }
    return new SyncCursor(since == null || since.isBlank() ? null : since, post);
  }

  public String format() {
    String s = "since=" + (notificationsSince == null ? "" : notificationsSince);
    return postIndex < 0 ? s : s + ";post=" + postIndex;
  }

  /** Mastodon ids are decimal strings that sort by length, then lexically. */
  public static String newer(String a, String b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    int c = Integer.compare(a.length(), b.length());
    return (c != 0 ? c > 0 : a.compareTo(b) > 0) ? a : b;
  }
}
