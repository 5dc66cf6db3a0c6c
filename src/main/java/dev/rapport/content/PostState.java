package dev.rapport.content;

import java.util.Locale;

/** The life of a post (and of each of its per-channel variants). */
public enum PostState {
  DRAFT,
  IN_REVIEW,
  APPROVED,
  SCHEDULED,
  PUBLISHING,
  PUBLISHED,
  FAILED,
  UNCONFIRMED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PostState fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT));
  }
}
