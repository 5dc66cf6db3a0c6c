package dev.rapport.platforms;

import dev.rapport.authenticity.ProfileSnapshot;
import java.util.Objects;

/**
 * An account as a platform showed it: its stable id, handle and name, and the profile metadata that
 * came with it (null when the response carried none).
 */
public record SeenAccount(
    String platformUserId, String handle, String displayName, ProfileSnapshot profile) {

  public SeenAccount {
    Objects.requireNonNull(platformUserId, "platformUserId");
  }
}
