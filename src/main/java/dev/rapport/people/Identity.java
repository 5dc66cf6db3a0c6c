package dev.rapport.people;

import dev.rapport.authenticity.Category;
import dev.rapport.workspace.Platform;
import java.time.Instant;

/** An account on one platform, belonging to a person, with its current verdict. */
public record Identity(
    long id,
    long workspaceId,
    long personId,
    Platform platform,
    String platformUserId,
    String handle,
    String displayName,
    Category verdict,
    boolean follows,
    Instant lastEngagedAt,
    long engagements) {}
