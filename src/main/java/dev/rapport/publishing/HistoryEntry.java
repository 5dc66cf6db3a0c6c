package dev.rapport.publishing;

import dev.rapport.content.PostState;
import java.time.Instant;

/**
 * One change of a post or of one of its variants.
 *
 * @param variantId the variant it concerns, or null for the whole post
 * @param userId who did it, or null for Rapport itself (an evergreen refill)
 * @param action create, edit, submit, approve, reject, schedule, reschedule, unschedule, override,
 *     repeat, track-links or import
 * @param from the state before, or null
 * @param to the state after, or null when the state did not change
 * @param note the reason, the gates overridden, the links replaced
 */
public record HistoryEntry(
    long id,
    long postId,
    Long variantId,
    Long userId,
    String action,
    PostState from,
    PostState to,
    String note,
    Instant at) {}
