package dev.rapport.people;

/** What a merge request did: merged, or refused with the reason in plain words. */
public sealed interface MergeOutcome {

  record Merged(long mergeId, long keptPersonId, int identitiesMoved) implements MergeOutcome {}

  record Refused(String reason) implements MergeOutcome {}
}
