package dev.rapport.people;

import java.util.Locale;

/** Why a person is on today's focus list. */
public enum FocusKind {
  /** A real person replied to or mentioned the brand and is still waiting for an answer. */
  UNANSWERED,
  /** Clicked tracked links recently (and maybe talked to the brand) but has not bought. */
  CLOSE_TO_BUYING,
  /** A regular who has gone quiet. */
  SLIPPING,
  /** Someone who spreads the brand's word: thank them. */
  THANK_ADVOCATE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FocusKind fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
