package dev.rapport.web.view;

import dev.rapport.publishing.Gate;

/** The quality gates in plain words, for the pages (the code stays for the API and the CLI). */
public final class GateNames {

  private GateNames() {}

  public static String of(Gate g) {
    return switch (g) {
      case AUDIENCE -> "Target audience declared";
      case PLATFORM_LIMITS -> "Within the platform's limits (length, media, alt text)";
      case RUBRIC -> "Rubric score at or above the bar";
      case TRACKED_LINKS -> "Every link is a tracked link";
      case CROSS_POST -> "Not the same text as another channel's";
      case FREQUENCY -> "Within the posts-per-day cap";
    };
  }
}
