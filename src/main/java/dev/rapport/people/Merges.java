package dev.rapport.people;

import java.time.Instant;
import java.util.List;

/**
 * Merging the identities of two persons into one, by hand or by suggestion, and undoing it. A merge
 * moves identities (and the person's conversions, notes, tags and brand actions) to the kept
 * person; the ledger and its rollups are per identity and are never touched. Thread-safe.
 */
public interface Merges {

  /** Moves everything of {@code absorbedPersonId} to {@code keptPersonId}. */
  MergeOutcome merge(
      long workspaceId, long keptPersonId, long absorbedPersonId, String reason, Instant at);

  /** Restores the exact person assignment from before the merge. */
  UndoOutcome undo(long workspaceId, long mergeId, Instant at);

  /**
   * Pairs of persons that look like one human, strongest evidence first; pairs already merged or
   * whose merge was undone (a person said no) are left out.
   */
  List<MergeSuggestion> suggestions(long workspaceId, int limit);

  /** Merges that kept or absorbed this person, newest first. */
  List<MergeRecord> history(long workspaceId, long personId);

  /** One merge as logged. */
  record MergeRecord(
      long id,
      long keptPersonId,
      long absorbedPersonId,
      String reason,
      Instant mergedAt,
      Instant undoneAt) {}
}
