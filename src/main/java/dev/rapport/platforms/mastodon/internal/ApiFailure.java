package dev.rapport.platforms.mastodon.internal;

import java.time.Duration;

/**
 * A Mastodon call that did not succeed, already classified, so that each connector operation can
 * turn it into its own outcome (a publish result, a sync failure, a lookup that cannot tell).
 */
public final class ApiFailure extends RuntimeException {

  /** What the failure means for whoever made the call. */
  public enum Kind {
    /** Nothing was processed; the same call later is safe (429, 503, connection refused). */
    TRANSIENT,
    /** The request may have been processed (timeout after sending, 500, dropped connection). */
    MAYBE_PROCESSED,
    /** The instance refused the request as it is (422, 404, 413). */
    REFUSED,
    /** The token is invalid or revoked (401): the user has to reconnect. */
    UNAUTHORIZED
  }

  private final Kind kind;
  private final String action;
  private final Duration retryAfter;

  public ApiFailure(Kind kind, String message, String action, Duration retryAfter) {
    super(message);
    this.kind = kind;
    this.action = action;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  public String action() {
    return action;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** The same failure, seen from a step that published nothing yet (a media upload). */
  public ApiFailure beforePublishing() {
    return kind == Kind.MAYBE_PROCESSED
        ? new ApiFailure(Kind.TRANSIENT, getMessage(), action, retryAfter)
        : this;
  }
}
