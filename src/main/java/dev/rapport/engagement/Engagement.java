package dev.rapport.engagement;

import java.time.Instant;
import java.util.Objects;

/**
 * One engagement event as it enters the ledger.
 *
 * @param identityId who (an identity of the workspace)
 * @param channelId on which of the brand's channels, when known
 * @param variantId on which post variant, when the event concerns a post
 * @param kind what they did
 * @param occurredAt when
 * @param source where the event came from, e.g. {@code bluesky}, {@code csv}, {@code simulator}
 * @param eventKey the platform's unique key of the event; the ledger keeps one event per key
 */
public record Engagement(
    long identityId,
    Long channelId,
    Long variantId,
    EngagementKind kind,
    Instant occurredAt,
    String source,
    String eventKey) {

  public static final int MAX_KEY_LENGTH = 300;

  public Engagement {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(source, "source");
    if (eventKey == null || eventKey.isBlank()) {
      throw new IllegalArgumentException("an engagement needs its platform event key");
    }
    if (eventKey.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("event key longer than " + MAX_KEY_LENGTH + " characters");
    }
  }
}
