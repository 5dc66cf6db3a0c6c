package dev.rapport.people;

import java.time.Instant;

/**
 * One thing on a person's timeline, in plain words.
 *
 * @param ref the id of the underlying row (engagement, conversion, note, action, stage change)
 * @param variantId the post variant an engagement was about (a like, a reply, a click on its link),
 *     when that post is known in the workspace; else null
 */
public record TimelineEntry(
    Instant at,
    Kind kind,
    String summary,
    Long identityId,
    Long channelId,
    long ref,
    Long variantId) {

  /** Where the entry comes from. */
  public enum Kind {
    ENGAGEMENT,
    CONVERSION,
    NOTE,
    BRAND_ACTION,
    STAGE_CHANGE
  }
}
