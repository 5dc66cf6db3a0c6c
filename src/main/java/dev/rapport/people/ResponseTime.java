package dev.rapport.people;

import java.time.Duration;

/**
 * How long real people wait for the brand's answer on one channel.
 *
 * @param channelId 0 for replies and mentions whose channel the ledger does not know
 * @param answered replies and mentions answered in the window
 * @param median median wait of those (null when none)
 * @param p90 90th percentile wait of those (null when none)
 * @param waiting replies and mentions still unanswered now
 * @param longestWait how long the oldest unanswered one has waited (null when none)
 */
public record ResponseTime(
    long channelId,
    String channel,
    long answered,
    Duration median,
    Duration p90,
    long waiting,
    Duration longestWait) {}
