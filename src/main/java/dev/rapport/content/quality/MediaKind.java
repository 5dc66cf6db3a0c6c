package dev.rapport.content.quality;

/** What kind of media is attached to a draft. */
public enum MediaKind {
  IMAGE,
  VIDEO,
  GIF,
  AUDIO
}
