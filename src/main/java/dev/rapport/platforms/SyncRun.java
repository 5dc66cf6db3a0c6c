package dev.rapport.platforms;

import java.time.Instant;

/**
 * What one sync of one channel did.
 *
 * @param skipped why nothing was read (not connected, reconnect needed, running elsewhere, waiting
 *     for the platform's rate limit), or null when the channel was read
 * @param pages engagement pages read
 * @param read engagements the platform reported
 * @param ingested of those, new to the ledger
 * @param followers followers read (with profiles) in this run, when the follower pass ran
 * @param caughtUp the platform has nothing more right now
 * @param error what went wrong, or null
 */
public record SyncRun(
    long workspaceId,
    long channelId,
    Instant startedAt,
    Instant finishedAt,
    String skipped,
    int pages,
    long read,
    long ingested,
    long followers,
    boolean caughtUp,
    String error) {

  public boolean ok() {
    return skipped == null && error == null;
  }
}
