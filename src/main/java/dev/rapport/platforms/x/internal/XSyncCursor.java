package dev.rapport.platforms.x.internal;

/**
 * Where an X engagement sync stands: the newest mention fully read (kept across runs), the page
 * token and newest id of a mention walk in progress, and the next recent post to read (-1 while
 * mentions are being read).
 */
public record XSyncCursor(String mentionsSince, String walkToken, String walkNewest, int post) {

  public static XSyncCursor parse(String cursor) {
    String since = null;
    String token = null;
    String newest = null;
    int post = -1;
    if (cursor != null) {
      for (String part : cursor.split(";")) {
        int eq = part.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String v = part.substring(eq + 1);
        switch (part.substring(0, eq)) {
          case "since" -> since = v.isEmpty() ? null : v;
          case "token" -> token = v.isEmpty() ? null : v;
          case "newest" -> newest = v.isEmpty() ? null : v;
          case "post" -> post = Integer.parseInt(v);
          default -> {}
        }
      }
    }
    return new XSyncCursor(since, token, newest, post);
  }

  public String format() {
    StringBuilder s =
        new StringBuilder("since=").append(mentionsSince == null ? "" : mentionsSince);
    if (walkToken != null) {
      s.append(";token=").append(walkToken).append(";newest=").append(walkNewest);
    }
    if (post >= 0) {
      s.append(";post=").append(post);
    }
    return s.toString();
  }
}
