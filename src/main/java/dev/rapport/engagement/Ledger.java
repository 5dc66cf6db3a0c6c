package dev.rapport.engagement;

import java.util.List;

/**
 * The engagement ledger. Ingest is idempotent (one event per platform event key), transactional per
 * call, and updates the rollups in the same transaction. Thread-safe, also across Rapport nodes
 * sharing a database: concurrent ingests into one workspace run side by side where the database can
 * write them in parallel (PostgreSQL) and one after the other where it cannot (H2).
 */
public interface Ledger {

  /** Writes new events, skips known ones. All identities must belong to the workspace. */
  IngestResult ingest(long workspaceId, List<Engagement> events);

  /**
   * How many ingest calls into one workspace are worth running at once: more than one only where
   * they proceed in parallel rather than queue for the workspace (a bulk loader sizes its writers
   * by this).
   */
  int concurrentIngests();

  /** Number of events in the workspace's ledger. */
  long count(long workspaceId);
}
