package dev.rapport.platforms;

import java.time.Duration;
import java.time.Instant;

/** How one publish call ended. The dispatcher's next step follows from the case alone. */
public sealed interface PublishResult {

  /** The platform has the post. */
  record Published(String platformPostId, String url, Instant publishedAt)
      implements PublishResult {}

  /**
   * The platform refused, and trying again unchanged will not help.
   *
   * @param message what happened, in the user's words ("Instagram refused the image: ...")
   * @param action what to do about it
   * @param reconnect the account's grant is gone; the user must reconnect the channel
   */
  record Rejected(String message, String action, boolean reconnect) implements PublishResult {}

  /**
   * Nothing was published and trying again later is safe (rate limit, 503 before processing,
   * connection refused).
   *
   * @param retryAfter what the platform asked for (Retry-After, rate-limit reset), or null
   */
  record Retryable(String message, Duration retryAfter) implements PublishResult {}

  /**
   * The request may or may not have been processed (timeout after sending, connection dropped
   * mid-response). Never retried blindly: the dispatcher looks for the post first.
   */
  record Unknown(String message) implements PublishResult {}
}
