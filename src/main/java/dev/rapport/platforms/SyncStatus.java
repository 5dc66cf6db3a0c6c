package dev.rapport.platforms;

import dev.rapport.workspace.Platform;
import java.time.Duration;
import java.time.Instant;

/**
 * One channel's engagement sync as the settings page and {@code rapport sync} show it.
 *
 * @param lag now minus the newest event read from the platform, null before the first event
 * @param lastRunRead engagements read in the last run
 * @param lastRunIngested of those, new to the ledger
 * @param totalIngested new engagements over all runs
 * @param followersSyncedAt when the last complete follower pass ended
 * @param followersSeen followers read in that pass (or so far in the current one)
 * @param nextAttemptAfter the platform asked to wait until then (rate limit), or null
 */
public record SyncStatus(
    long channelId,
    Platform platform,
    String handle,
    boolean connected,
    String reconnectReason,
    Instant lastRunAt,
    Instant lastSuccessAt,
    Instant newestEventAt,
    Duration lag,
    long lastRunRead,
    long lastRunIngested,
    long totalIngested,
    Instant followersSyncedAt,
    long followersSeen,
    String lastError,
    Instant lastErrorAt,
    Instant nextAttemptAfter) {}
