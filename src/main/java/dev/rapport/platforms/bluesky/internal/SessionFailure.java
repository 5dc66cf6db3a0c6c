package dev.rapport.platforms.bluesky.internal;

import java.time.Duration;

/**
 * No usable session: either the user must reconnect (wrong or revoked app password, suspended
 * account) or Bluesky could not be asked right now.
 */
public final class SessionFailure extends RuntimeException {

  private final boolean reconnect;
  private final Duration retryAfter;

  SessionFailure(String message, boolean reconnect, Duration retryAfter) {
    super(message);
    this.reconnect = reconnect;
    this.retryAfter = retryAfter;
  }

  public boolean reconnect() {
    return reconnect;
  }

  /** What the server asked for, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
