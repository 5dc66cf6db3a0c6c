package dev.rapport.platforms;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to publish for one variant.
 *
 * @param variantId the variant this is (for messages and for the idempotency key)
 * @param idempotencyKey derived from the variant id; the same on every attempt
 * @param text the variant's text as the platform should show it
 * @param media attachments in order
 * @param replyTo the platform post this answers (a thread's previous post or a person's reply), or
 *     null for a top-level post
 * @param scheduledAt when it was due, used to search for it after an unknown outcome
 */
public record Outgoing(
    long variantId,
    String idempotencyKey,
    String text,
    List<MediaItem> media,
    ReplyTarget replyTo,
    Instant scheduledAt) {

  public Outgoing {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(text, "text");
    media = List.copyOf(media);
  }

  /** The same post with these attachments. */
  public Outgoing withMedia(List<MediaItem> attachments) {
    return new Outgoing(variantId, idempotencyKey, text, attachments, replyTo, scheduledAt);
  }

  /** The post replied to: its platform id, and the thread root where the platform needs it. */
  public record ReplyTarget(String platformPostId, String rootPlatformPostId) {}
}
