package dev.rapport.imports;

import dev.rapport.workspace.Platform;
import java.util.Locale;

/** The platform data exports Rapport reads: what a user downloads from the platform's settings. */
public enum ExportFormat {
  /** The X (Twitter) account archive: {@code data/tweets.js}, {@code follower.js}, ... */
  X_ARCHIVE(Platform.X, "x-archive"),
  /** Mastodon's account export: {@code outbox.json}, {@code actor.json}, {@code likes.json}. */
  MASTODON_EXPORT(Platform.MASTODON, "mastodon-export"),
  /** Instagram's "Download your information" in JSON: posts, followers, following, comments. */
  INSTAGRAM_EXPORT(Platform.INSTAGRAM, "instagram-export"),
  /** LinkedIn's data export: {@code Shares.csv} and {@code Comments.csv}. */
  LINKEDIN_EXPORT(Platform.LINKEDIN, "linkedin-export");

  private final Platform platform;
  private final String code;

  ExportFormat(Platform platform, String code) {
    this.platform = platform;
    this.code = code;
  }

  public Platform platform() {
    return platform;
  }

  /** The name on the command line and the source of ledger events, e.g. {@code x-archive}. */
  public String code() {
    return code;
  }

  public static ExportFormat fromCode(String code) {
    String c = code.trim().toLowerCase(Locale.ROOT);
    for (ExportFormat f : values()) {
      if (f.code.equals(c)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown export '"
            + code
            + "' (expected x-archive, mastodon-export, instagram-export or linkedin-export)");
  }
}
