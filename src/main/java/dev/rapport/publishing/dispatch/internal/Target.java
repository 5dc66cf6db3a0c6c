package dev.rapport.publishing.dispatch.internal;

import dev.rapport.content.PostState;
import dev.rapport.workspace.Platform;
import java.time.Instant;

/**
 * A variant as dispatch sees it: where it goes, its state, and its outbox record if any.
 *
 * @param retriedAt when the user last asked to retry, or null
 * @param outbox the current attempt's outbox record, or null before the first attempt
 */
record Target(
    long variantId,
    long workspaceId,
    long postId,
    long channelId,
    Platform platform,
    String handle,
    String body,
    PostState state,
    Instant scheduledAt,
    int attempts,
    Instant retriedAt,
    Outbox outbox) {

  /** The idempotency key: the same on every attempt, on every node. */
  String idempotencyKey() {
    return "rapport-variant-" + variantId;
  }

  /** The time lateness counts from. */
  Instant dueAt() {
    return retriedAt != null && retriedAt.isAfter(scheduledAt) ? retriedAt : scheduledAt;
  }

  String channelName() {
    return platformName(platform) + " (" + handle + ")";
  }

  static String platformName(Platform p) {
    return switch (p) {
      case X -> "X";
      case LINKEDIN -> "LinkedIn";
      default -> p.code().substring(0, 1).toUpperCase() + p.code().substring(1);
    };
  }

  /** One attempt's outbox record; {@code state} is pending, done or unknown. */
  record Outbox(String state, String node, Instant startedAt, int attempt, int lookups) {}
}
