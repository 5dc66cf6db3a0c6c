package dev.rapport.workspace;

/**
 * The brand's account on one platform.
 *
 * @param platformFollowers the follower count the platform shows (vanity), when known
 * @param postsPerWeek the posting plan for this channel, when set
 */
public record Channel(
    long id,
    long workspaceId,
    Platform platform,
    String handle,
    String displayName,
    Long platformFollowers,
    Integer postsPerWeek) {}
