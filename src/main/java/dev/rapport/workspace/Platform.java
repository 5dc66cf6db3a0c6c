package dev.rapport.workspace;

import java.util.Locale;

/** The social platforms Rapport knows. */
public enum Platform {
  MASTODON,
  BLUESKY,
  X,
  INSTAGRAM,
  FACEBOOK,
  THREADS,
  LINKEDIN,
  NOSTR;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses "bluesky", "Bluesky", "twitter" (an alias of x). */
  public static Platform fromCode(String code) {
    String c = code.trim().toLowerCase(Locale.ROOT);
    if (c.equals("twitter")) {
      return X;
    }
    for (Platform p : values()) {
      if (p.code().equals(c)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown platform '"
            + code
            + "' (expected one of mastodon, bluesky, x, instagram,"
            + " facebook, threads, linkedin, nostr)");
  }
}
