package dev.rapport.people;

import java.time.Instant;

/**
 * One reason to engage with a person, with its part of the score.
 *
 * @param channelId the channel concerned, when there is one (the unanswered reply's channel)
 * @param since since when this holds (the oldest unanswered message), when it matters
 */
public record FocusReason(
    FocusKind kind, String words, double score, Long channelId, Instant since) {}
