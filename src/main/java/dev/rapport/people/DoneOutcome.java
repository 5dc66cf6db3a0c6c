package dev.rapport.people;

/** What marking a focus item done did. */
public sealed interface DoneOutcome {

  /**
   * @param actionId the brand action now on the timeline
   * @param answered unanswered replies or mentions this settled
   */
  record Recorded(long actionId, int answered) implements DoneOutcome {}

  record Refused(String reason) implements DoneOutcome {}
}
