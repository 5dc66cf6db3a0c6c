package dev.rapport.platforms;

import java.util.List;

/**
 * What to read in one engagement sync step.
 *
 * @param cursor the connector's own position from the previous page or run, or null
 * @param recentPosts the brand's posts on this channel whose likes, reposts and replies are still
 *     worth reading (newest first), for platforms without a complete notification feed
 * @param limit how many engagements at most in this page
 */
public record SyncRequest(String cursor, List<String> recentPosts, int limit) {

  public SyncRequest {
    recentPosts = List.copyOf(recentPosts);
  }
}
