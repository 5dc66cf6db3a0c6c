package dev.rapport.publishing;

import dev.rapport.content.PostState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writing and reviewing posts: draft → in review → approved. Authors (role AUTHOR and up) write and
 * submit; managers and owners approve or reject; when the workspace requires approval nobody
 * approves their own post. Every state change is written to the post's history with who and when.
 * Steps the rules forbid throw {@link Refused}. Thread-safe.
 */
public interface Reviews {

  /** Writes a new post (state draft) with one variant per channel; returns its id. */
  long create(long actor, long workspaceId, DraftPost draft);

  /**
   * Replaces a variant's text and media. An edit after submission sends the post back to draft (it
   * must be reviewed again); an edited scheduled variant is taken out of the schedule.
   */
  void edit(long actor, long workspaceId, long variantId, String text, List<VariantMedia> media);

  void submit(long actor, long workspaceId, long postId);

  void approve(long actor, long workspaceId, long postId);

  /** Sends the post back to draft with a reason the author reads in the history. */
  void reject(long actor, long workspaceId, long postId, String reason);

  long comment(long actor, long workspaceId, long postId, String text);

  List<PostComment> comments(long workspaceId, long postId);

  /** Oldest first. */
  List<HistoryEntry> history(long workspaceId, long postId);

  Optional<PlannedPost> post(long workspaceId, long postId);

  Optional<PlannedVariant> variant(long workspaceId, long variantId);

  /**
   * The workspace's posts, newest first, {@code limit} from {@code offset}; only those in {@code
   * state} (the post's state, its least advanced variant's) unless it is null.
   */
  PostPage posts(long workspaceId, PostState state, int offset, int limit);

  /**
   * How many of the workspace's posts are in each state (the post's state, as {@link #posts}
   * filters by), in one query: every state is a key, in the order of {@link PostState}, with 0 when
   * no post is in it.
   */
  Map<PostState, Long> counts(long workspaceId);

  /** One page of posts and how many there are in all (with the same state filter). */
  record PostPage(List<PlannedPost> posts, long total) {
    public PostPage {
      posts = List.copyOf(posts);
    }
  }
}
