package dev.rapport.people;

/**
 * Two persons that look like the same human.
 *
 * @param evidence in plain words, e.g. "same handle 'jo' on mastodon and bluesky"
 */
public record MergeSuggestion(long personA, long personB, Rule rule, String evidence) {

  /** Why two persons look alike, strongest first. */
  public enum Rule {
    /** A profile links to the other identity's profile URL. */
    EXPLICIT_LINK,
    /** Same display name and the same link in bio. */
    SAME_NAME_AND_LINK,
    /** The same handle on two platforms. */
    SAME_HANDLE
  }
}
