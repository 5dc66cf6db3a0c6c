package dev.rapport.platforms;

import java.util.List;

/**
 * Reads new engagement and followers from every connected channel into the ledger and the audience.
 * Resumable: the platform cursor is stored after each page is in the ledger, so a crash or a rate
 * limit re-reads at most one page (the ledger skips what it has). Safe to call from several nodes:
 * a channel is synced by one caller at a time (a lease in the database).
 *
 * <p>It runs nothing by itself: a recurring task (db-scheduler) calls {@link #runAll()}, the CLI
 * calls {@link #runOnce}.
 */
public interface EngagementSync {

  /** Syncs one channel now (unless another node is at it, or the platform asked to wait). */
  SyncRun runOnce(long workspaceId, long channelId);

  /** Syncs every connected channel of every workspace, one after the other. */
  List<SyncRun> runAll();

  /** Each channel's last run, lag, counts and last error. */
  List<SyncStatus> status(long workspaceId);
}
