package dev.rapport.people;

import java.util.Locale;

/** What the brand did for a person; recorded on the person's timeline. */
public enum BrandAction {
  REPLIED,
  THANKED,
  MESSAGED,
  OFFERED,
  OTHER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static BrandAction fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT));
  }
}
