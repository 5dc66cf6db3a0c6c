package dev.rapport.content;

import java.time.Instant;

/** A post as made for one channel: its own text, schedule and publishing state. */
public record Variant(
    long id,
    long postId,
    long channelId,
    String body,
    PostState state,
    Instant scheduledAt,
    Instant publishedAt,
    String platformPostId,
    Long followersAtPublish,
    Long authenticFollowersAtPublish) {}
