package dev.rapport.content.consistency;

import java.time.Instant;

/** A post scheduled for a channel. */
public record ScheduledPost(String channel, Instant scheduledAt) {}
