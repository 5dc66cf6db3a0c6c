package dev.rapport.content.quality;

import java.util.Locale;

/** The six dimensions of the quality rubric (definitions in docs/content.md). */
public enum Dimension {
  SPECIFIC,
  DIRECT,
  RELEVANT,
  ACTIONABLE,
  PROFESSIONAL,
  PLATFORM_FIT;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
