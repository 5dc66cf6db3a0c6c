package dev.rapport.people;

import java.time.Instant;

/**
 * One thing on a person's timeline, in plain words.
 *
 * @param ref the id of the underlying row (engagement, conversion, note, action, stage change)
 * @param variantId the post variant an engagement was about (a like, a reply, a click on its link),
 *     when that post is known in the workspace; else null
 * @param editedAt when a note's text was last corrected (the summary is the text now); else null
 */
public record TimelineEntry(
    Instant at,
    Kind kind,
    String summary,
    Long identityId,
    Long channelId,
    long ref,
    Long variantId,
    Instant editedAt) {

  /** An entry that was never edited: everything but notes. */
  public TimelineEntry(
      Instant at,
      Kind kind,
      String summary,
      Long identityId,
      Long channelId,
      long ref,
      Long variantId) {
    this(at, kind, summary, identityId, channelId, ref, variantId, null);
  }

  /** Where the entry comes from. */
  public enum Kind {
    ENGAGEMENT,
    CONVERSION,
    NOTE,
    BRAND_ACTION,
    STAGE_CHANGE
  }
}
