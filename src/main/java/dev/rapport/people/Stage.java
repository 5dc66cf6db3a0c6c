package dev.rapport.people;

import java.util.Locale;

/** Where a person stands with the brand, from first sight to customer. Ordered. */
public enum Stage {
  STRANGER,
  FOLLOWER,
  ENGAGER,
  REGULAR,
  ADVOCATE,
  CUSTOMER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Stage fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT));
  }
}
