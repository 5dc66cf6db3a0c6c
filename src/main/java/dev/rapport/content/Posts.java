package dev.rapport.content;

import java.util.List;
import java.util.Optional;

/** Posts and their variants. Thread-safe. */
public interface Posts {

  /** Creates posts (batched); returns ids in order. Posts whose external key exists are kept. */
  long[] create(long workspaceId, List<NewPost> posts);

  Optional<Post> post(long workspaceId, long postId);

  long count(long workspaceId);

  /** The variants of the given posts (one query per 1,000 posts). */
  List<Variant> variantsOf(long workspaceId, long[] postIds);

  /** One variant of the workspace by its id. */
  Optional<Variant> variant(long workspaceId, long variantId);

  /** Newest first. */
  List<Post> recent(long workspaceId, int limit);

  /** Stores platform-reported totals for variants (batched; replaces earlier totals). */
  void recordReportedCounts(
      long workspaceId, long[] variantIds, java.util.List<ReportedCounts> counts);

  /** Published variants of the workspace with their reported totals, oldest first. */
  java.util.List<ReportedPost> reportedPosts(long workspaceId);

  /** A published variant with what the platform reported for it. */
  record ReportedPost(
      long variantId,
      long channelId,
      java.time.Instant publishedAt,
      int textLength,
      ReportedCounts counts) {}

  /** The variant of the post with this external key on this channel, if any. */
  Optional<Long> variantByExternalKey(long workspaceId, long channelId, String externalKey);

  /** The variant id of a post published on a platform, if Rapport knows it. */
  Optional<Long> variantByPlatformId(long workspaceId, long channelId, String platformPostId);
}
