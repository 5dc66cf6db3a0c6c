package dev.rapport.publishing;

import java.util.Locale;

/** A quality gate a variant passes before it may be scheduled (docs/publishing.md). */
public enum Gate {
  /** The workspace has declared its target audience. */
  AUDIENCE,
  /** Length, media count and type, alt text: what the platform accepts. */
  PLATFORM_LIMITS,
  /** The rubric's overall score reaches the workspace's bar. */
  RUBRIC,
  /** Every link in the text is a Rapport tracked link. */
  TRACKED_LINKS,
  /** The text is not identical to another channel's variant of the same post. */
  CROSS_POST,
  /** The channel stays within the workspace's posts-per-day cap on that day. */
  FREQUENCY;

  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses "rubric", "tracked-links", "TRACKED_LINKS". */
  public static Gate fromCode(String code) {
    String c = code.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      return valueOf(c);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown gate '"
              + code
              + "' (audience, platform-limits, rubric, tracked-links, cross-post, frequency)");
    }
  }
}
