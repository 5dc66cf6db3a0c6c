package dev.rapport.engagement;

import java.time.Instant;

/**
 * A person of the core: authentic, engaged in at least {@link TruthFormulas#CORE_MIN_WEEKS} of the
 * last {@link TruthFormulas#CORE_WINDOW_WEEKS} weeks.
 *
 * @param personId the person
 * @param displayName the person's name, null when unknown
 * @param weeks weeks of the window with an interaction, across the person's authentic identities
 * @param lastEngagedAt the person's latest interaction
 * @param engagements interactions over the whole history of the person's authentic identities
 *     active in the window
 */
public record CoreMember(
    long personId, String displayName, int weeks, Instant lastEngagedAt, long engagements) {}
