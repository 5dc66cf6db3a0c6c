package dev.rapport.people;

import dev.rapport.workspace.Platform;
import java.util.Objects;

/**
 * How a platform names an account: platform plus the platform's stable user id, with the handle and
 * display name seen alongside it.
 */
public record IdentityKey(
    Platform platform, String platformUserId, String handle, String displayName) {

  public IdentityKey {
    Objects.requireNonNull(platform, "platform");
    if (platformUserId == null || platformUserId.isBlank()) {
      throw new IllegalArgumentException("platform user id is required");
    }
  }
}
