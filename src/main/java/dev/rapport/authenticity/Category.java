package dev.rapport.authenticity;

/**
 * What kind of account an identity is, as far as its profile tells. Only {@link #REAL_PERSON} and
 * {@link #INFLUENCER} count as authentic in the truth metrics.
 */
public enum Category {
  REAL_PERSON("real person"),
  INFLUENCER("influencer/brand"),
  MASS_FOLLOWER("mass follower"),
  SUSPICIOUS("suspicious"),
  INACTIVE("inactive"),
  SELF_DECLARED_BOT("self-declared bot"),
  UNKNOWN("unknown");

  private final String label;

  Category(String label) {
    this.label = label;
  }

  /** Plain words for people, e.g. "influencer/brand". */
  public String label() {
    return label;
  }

  /** Stored form, e.g. "real_person". */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean authentic() {
    return this == REAL_PERSON || this == INFLUENCER;
  }

  public static Category fromCode(String code) {
    return valueOf(code.toUpperCase(java.util.Locale.ROOT));
  }
}
