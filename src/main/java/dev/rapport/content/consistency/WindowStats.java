package dev.rapport.content.consistency;

import java.time.Instant;

/**
 * One window of one channel: the per-post and the total effect, side by side.
 *
 * @param engagedAudience the last engaged-audience measurement in the window (-1 when none)
 */
public record WindowStats(
    Instant from,
    Instant to,
    int posts,
    double totalEngagement,
    double engagementPerPost,
    double meanSpecificity,
    int engagedAudience) {}
