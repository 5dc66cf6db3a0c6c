package dev.rapport.content.quality.internal;

/** How a platform counts the length of a post. */
enum LengthUnit {
  /** Unicode code points, links as written. */
  CHARACTERS,
  /** Code points, every link counting {@link PlatformRules#LINK_LENGTH} (X, Mastodon). */
  CHARACTERS_LINKS_23,
  /** User-perceived characters (grapheme clusters), as Bluesky counts. */
  GRAPHEMES
}
