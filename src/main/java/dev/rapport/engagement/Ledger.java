package dev.rapport.engagement;

import java.util.List;

/**
 * The engagement ledger. Ingest is idempotent (one event per platform event key), transactional per
 * call, and updates the rollups in the same transaction. Thread-safe; concurrent ingests into one
 * workspace are serialised, also across Rapport nodes sharing a database.
 */
public interface Ledger {

  /** Writes new events, skips known ones. All identities must belong to the workspace. */
  IngestResult ingest(long workspaceId, List<Engagement> events);

  /** Number of events in the workspace's ledger. */
  long count(long workspaceId);
}
