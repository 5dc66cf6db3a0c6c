package dev.rapport.content.quality;

import java.util.Locale;

/** The platforms a channel can live on. Thread-safe (immutable). */
public enum Platform {
  MASTODON,
  BLUESKY,
  X,
  INSTAGRAM,
  FACEBOOK,
  THREADS,
  LINKEDIN;

  /** Parses a platform name such as {@code "bluesky"} or {@code "X"}; "twitter" means X. */
  public static Platform parse(String name) {
    String key = name.trim().toUpperCase(Locale.ROOT);
    if (key.equals("TWITTER")) {
      return X;
    }
    try {
      return valueOf(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown platform: " + name, e);
    }
  }

  /** The lower-case name used in the CLI, the API and the word lists. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
