package dev.rapport.publishing;

import java.time.Instant;

/** A comment on a post, by a member of the workspace. */
public record PostComment(long id, long postId, Long userId, String text, Instant at) {}
