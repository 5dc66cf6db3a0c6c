package dev.rapport.content.consistency;

import java.time.Instant;

/** A channel's authentic engaged audience (distinct authentic engagers) measured at a time. */
public record AudiencePoint(String channel, Instant at, int engagedAudience) {}
