package dev.rapport.publishing;

import dev.rapport.content.PostState;
import java.time.Instant;
import java.time.LocalTime;

/**
 * One variant on the calendar.
 *
 * @param at when it was published, else when it is scheduled, else the time its author asked for
 * @param localTime {@code at} on the workspace's wall clock
 * @param excerpt the start of the variant's text
 */
public record CalendarEntry(
    long variantId,
    long postId,
    long channelId,
    PostState state,
    Instant at,
    LocalTime localTime,
    String excerpt) {}
