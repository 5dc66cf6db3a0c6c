package dev.rapport.workspace;

import java.time.Instant;
import java.time.ZoneId;

/** One brand or client, with its channels, target audience and plan. */
public record Workspace(
    long id,
    String slug,
    String name,
    ZoneId timeZone,
    TargetAudience audience,
    Instant createdAt) {}
