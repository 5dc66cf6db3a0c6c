package dev.rapport.platforms.graph;

import dev.rapport.platforms.Account;
import dev.rapport.platforms.Lookup;
import dev.rapport.platforms.PublishResult;
import dev.rapport.platforms.SyncPage;
import java.time.Duration;

/**
 * Why a platform call did not give what was asked, classified once so that every step can turn it
 * into the outcome its position calls for: before anything was published a lost answer is safe to
 * retry; at the publishing call itself it is {@link PublishResult.Unknown}.
 *
 * @param retryAfter when the platform said when to come back (rate limits), else null
 */
public record Trouble(Kind kind, String message, String action, Duration retryAfter) {

  /** The classes of failure the dispatcher acts on differently. */
  public enum Kind {
    /** The grant is gone (expired, revoked, permission removed): the user must reconnect. */
    RECONNECT,
    /** A rate limit or publishing limit; nothing was done. */
    RATE_LIMITED,
    /** The platform said it failed temporarily (5xx, is_transient). */
    TRANSIENT,
    /** The request never left: safe to repeat. */
    NOT_SENT,
    /** The answer was lost: the call may have taken effect. */
    LOST,
    /** The platform refused the content or the request; repeating unchanged will not help. */
    REFUSED
  }

  public static Trouble reconnect(String message, String action) {
    return new Trouble(Kind.RECONNECT, message, action, null);
  }

  public static Trouble refused(String message, String action) {
    return new Trouble(Kind.REFUSED, message, action, null);
  }

  public static Trouble rateLimited(String message, Duration retryAfter) {
    return new Trouble(Kind.RATE_LIMITED, message, null, retryAfter);
  }

  public static Trouble transientFailure(String message) {
    return new Trouble(Kind.TRANSIENT, message, null, null);
  }

  public static Trouble notSent(String message) {
    return new Trouble(Kind.NOT_SENT, message, null, null);
  }

  public static Trouble lost(String message) {
    return new Trouble(Kind.LOST, message, null, null);
  }

  /** Marks the account for reconnection when the grant is gone; returns this. */
  public Trouble reportTo(Account account) {
    if (kind == Kind.RECONNECT) {
      account.reconnectNeeded(message);
    }
    return this;
  }

  /** The outcome of a step before the publishing call: nothing is on the platform yet. */
  public PublishResult beforePublishing() {
    return switch (kind) {
      case RECONNECT -> new PublishResult.Rejected(message, action, true);
      case REFUSED -> new PublishResult.Rejected(message, action, false);
      case RATE_LIMITED, TRANSIENT, NOT_SENT, LOST ->
          new PublishResult.Retryable(message, retryAfter);
    };
  }

  /**
   * The outcome of the publishing call itself: a lost answer or a server-side failure may have
   * published.
   */
  public PublishResult atPublishing() {
    return switch (kind) {
      case TRANSIENT, LOST -> new PublishResult.Unknown(message);
      default -> beforePublishing();
    };
  }

  public SyncPage.SyncFailure syncFailure() {
    return new SyncPage.SyncFailure(message, kind == Kind.RECONNECT, retryAfter);
  }

  public Lookup cannotTell() {
    return new Lookup.CannotTell(message);
  }
}
