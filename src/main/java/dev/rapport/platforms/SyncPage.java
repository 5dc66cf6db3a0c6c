package dev.rapport.platforms;

import java.util.List;

/**
 * Engagement read in one step.
 *
 * @param nextCursor where the next step starts; stored only after the page is in the ledger, so
 *     that a crash re-reads rather than loses (the ledger skips what it already has)
 * @param more true when the platform has more right now
 * @param failure set when the platform could not be read; the page is then empty
 */
public record SyncPage(
    List<SeenEngagement> engagements, String nextCursor, boolean more, SyncFailure failure) {

  public SyncPage {
    engagements = List.copyOf(engagements);
  }

  /** Why a sync step read nothing, and whether it is worth retrying. */
  public record SyncFailure(String message, boolean reconnect, java.time.Duration retryAfter) {}
}
