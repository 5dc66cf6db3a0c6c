package dev.rapport.workspace;

import java.util.Locale;

/** What a user may do in one workspace; each role includes the ones below it. */
public enum Role {
  VIEWER,
  AUTHOR,
  MANAGER,
  OWNER;

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT));
  }
}
