package dev.rapport.people;

import java.time.Instant;
import java.util.List;

/**
 * Keeps every person's stage equal to what {@link StageRules} say, with the history of transitions.
 * Thread-safe; runs for one workspace are serialised.
 */
public interface Stages {

  /**
   * Recomputes the persons whose stage may have changed since the last run: those with new ledger
   * events or conversions, those whose stage depends on a time window (regulars, advocates), those
   * touched by a merge. The first run is a full one.
   */
  Run recompute(long workspaceId, Instant asOf);

  /** Recomputes every person; the reference the incremental run is tested against. */
  Run recomputeAll(long workspaceId, Instant asOf);

  /** The person's stage transitions, oldest first. */
  List<StageChange> history(long workspaceId, long personId);

  /** What a run did: persons looked at and stages changed. */
  record Run(int examined, int changed) {}

  /** One transition. */
  record StageChange(long personId, Stage from, Stage to, Instant at, String reason) {}
}
