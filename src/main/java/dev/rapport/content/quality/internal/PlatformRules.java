package dev.rapport.content.quality.internal;

import dev.rapport.content.quality.Platform;

/**
 * One platform's documented limits and norms (sources in docs/content.md).
 *
 * @param maxLength the hard length limit
 * @param unit how the platform counts it
 * @param hashtagNorm above this many hashtags the rubric advises fewer
 * @param hashtagLimit above this many the platform refuses the post (0: no limit)
 * @param mediaRequired the platform refuses a post without media
 * @param linksClickable links in the text are clickable
 */
record PlatformRules(
    int maxLength,
    LengthUnit unit,
    int hashtagNorm,
    int hashtagLimit,
    boolean mediaRequired,
    boolean linksClickable) {

  static final int LINK_LENGTH = 23;

  static PlatformRules of(Platform platform) {
    return switch (platform) {
      case X -> new PlatformRules(280, LengthUnit.CHARACTERS_LINKS_23, 2, 0, false, true);
      case BLUESKY -> new PlatformRules(300, LengthUnit.GRAPHEMES, 3, 0, false, true);
      case MASTODON -> new PlatformRules(500, LengthUnit.CHARACTERS_LINKS_23, 5, 0, false, true);
      case THREADS -> new PlatformRules(500, LengthUnit.CHARACTERS, 1, 0, false, true);
      case INSTAGRAM -> new PlatformRules(2200, LengthUnit.CHARACTERS, 10, 30, true, false);
      case LINKEDIN -> new PlatformRules(3000, LengthUnit.CHARACTERS, 5, 0, false, true);
      case FACEBOOK -> new PlatformRules(63206, LengthUnit.CHARACTERS, 3, 0, false, true);
    };
  }
}
