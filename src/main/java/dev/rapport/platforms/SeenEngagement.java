package dev.rapport.platforms;

import dev.rapport.engagement.EngagementKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One engagement as a platform reports it.
 *
 * @param eventKey the platform's unique key of the event (a like record URI, a notification id),
 *     stable across reads so the ledger can de-duplicate
 * @param platformPostId the brand's post it concerns, or null (a follow, a mention)
 */
public record SeenEngagement(
    String eventKey,
    EngagementKind kind,
    SeenAccount who,
    String platformPostId,
    Instant occurredAt) {

  public SeenEngagement {
    Objects.requireNonNull(eventKey, "eventKey");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(who, "who");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }
}
