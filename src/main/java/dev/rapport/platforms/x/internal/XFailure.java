package dev.rapport.platforms.x.internal;

import java.time.Duration;

/** An X API call that did not succeed, classified for whichever operation made it. */
public final class XFailure extends RuntimeException {

  /** What the failure means for the caller. */
  public enum Kind {
    /** Nothing was processed; the same call later is safe. */
    TRANSIENT,
    /** The request may have been processed. */
    MAYBE_PROCESSED,
    /** X refused the request as it is. */
    REFUSED,
    /** The grant is gone (revoked, refresh refused): the user has to reconnect. */
    UNAUTHORIZED
  }

  private final Kind kind;
  private final int status;
  private final String action;
  private final Duration retryAfter;

  public XFailure(Kind kind, int status, String message, String action, Duration retryAfter) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.action = action;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  public String action() {
    return action;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** The same failure from a step that created no post yet (media upload). */
  public XFailure beforePublishing() {
    return kind == Kind.MAYBE_PROCESSED
        ? new XFailure(Kind.TRANSIENT, status, getMessage(), action, retryAfter)
        : this;
  }
}
