package dev.rapport.content;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A post to create, with one variant per channel.
 *
 * @param externalKey a stable key from an import or the simulator; a second create with the same
 *     key returns the existing post (imports are idempotent)
 */
public record NewPost(
    String title, String body, PostState state, String externalKey, List<NewVariant> variants) {

  public NewPost {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(state, "state");
    variants = List.copyOf(variants);
  }

  /**
   * A variant to create. For an already published variant (imports, simulator) give publishedAt,
   * the platform post id and the follower counts at publish time.
   */
  public record NewVariant(
      long channelId,
      String body,
      PostState state,
      Instant scheduledAt,
      Instant publishedAt,
      String platformPostId,
      Long followersAtPublish,
      Long authenticFollowersAtPublish) {}
}
