package dev.rapport.people;

/** What an undo request did. */
public sealed interface UndoOutcome {

  record Undone(long mergeId, long restoredPersonId) implements UndoOutcome {}

  record Refused(String reason) implements UndoOutcome {}
}
