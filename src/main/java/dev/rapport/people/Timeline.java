package dev.rapport.people;

import java.time.Instant;
import java.util.List;

/**
 * A person's history across all of its identities: engagements, purchases, notes, what the brand
 * did, stage changes. Reads the ledger through its per-identity time index, so a page costs what
 * the page holds. Thread-safe.
 */
public interface Timeline {

  /** Up to {@code limit} entries strictly before {@code before}, newest first. */
  List<TimelineEntry> of(long workspaceId, long personId, Instant before, int limit);
}
