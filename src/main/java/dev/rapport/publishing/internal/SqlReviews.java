package dev.rapport.publishing.internal;

import dev.rapport.content.PostState;
import dev.rapport.publishing.Dispatch;
import dev.rapport.publishing.DraftPost;
import dev.rapport.publishing.HistoryEntry;
import dev.rapport.publishing.PlannedPost;
import dev.rapport.publishing.PlannedVariant;
import dev.rapport.publishing.PostComment;
import dev.rapport.publishing.PublishingSettings;
import dev.rapport.publishing.Refused;
import dev.rapport.publishing.Reviews;
import dev.rapport.publishing.VariantMedia;
import dev.rapport.store.Database;
import dev.rapport.workspace.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reviews in SQL. Thread-safe. */
public final class SqlReviews implements Reviews {

  private final Database db;
  private final Clock clock;
  private final Dispatch dispatch;

  public SqlReviews(Database db, Clock clock, Dispatch dispatch) {
    this.db = db;
    this.clock = clock;
    this.dispatch = dispatch;
  }

  @Override
  public long create(long actor, long workspaceId, DraftPost draft) {
    if (draft.title() != null && draft.title().length() > 200) {
      throw new IllegalArgumentException("a title is at most 200 characters");
    }
    return db.transaction(
        c -> {
          PlanStore.require(c, workspaceId, actor, Role.AUTHOR, "write posts");
          Instant now = clock.instant();
          long postId =
              PlanStore.insertPost(
                  c, workspaceId, draft.title(), draft.variants().get(0).text(), actor, null, now);
          for (DraftPost.DraftVariant v : draft.variants()) {
            requireChannel(c, workspaceId, v.channelId());
            long id =
                PlanStore.insertVariant(c, workspaceId, postId, v.channelId(), v.text(), null);
            PlanStore.replaceMedia(c, id, v.media());
          }
          PlanStore.history(
              c,
              workspaceId,
              postId,
              null,
              actor,
              "create",
              null,
              PostState.DRAFT,
              draft.variants().size() + " variant(s)",
              now);
          return postId;
        });
  }

  static void requireChannel(Connection c, long workspaceId, long channelId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM channel WHERE workspace_id = ? AND id = ?")) {
      ps.setLong(1, workspaceId);
      ps.setLong(2, channelId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0) {
          throw new IllegalArgumentException("no channel " + channelId + " in this workspace");
        }
      }
    }
  }

  @Override
  public void edit(
      long actor, long workspaceId, long variantId, String text, List<VariantMedia> media) {
    DraftPost.DraftVariant checked = new DraftPost.DraftVariant(0, text, media);
    boolean wasScheduled =
        db.transaction(
            c -> {
              PlanStore.require(c, workspaceId, actor, Role.AUTHOR, "edit posts");
              PlanStore.VariantRow before = PlanStore.requireVariant(c, workspaceId, variantId);
              PlanStore.PostRow post = PlanStore.lockPost(c, workspaceId, before.postId());
              PlanStore.VariantRow v = PlanStore.requireVariant(c, workspaceId, variantId);
              if (v.state().compareTo(PostState.SCHEDULED) > 0) {
                throw new Refused(
                    "variant "
                        + variantId
                        + " is "
                        + v.state().code().replace('_', ' ')
                        + "; what was sent to the platform cannot be edited here");
              }
              try (PreparedStatement ps =
                  c.prepareStatement("UPDATE post_variant SET body = ? WHERE id = ?")) {
                ps.setString(1, checked.text());
                ps.setLong(2, variantId);
                ps.executeUpdate();
              }
              PlanStore.replaceMedia(c, variantId, checked.media());
              Instant now = clock.instant();
              // Changed content needs a fresh review: the approval was for the old text.
              PlanStore.setVariantState(c, variantId, PostState.DRAFT, null);
              PlanStore.history(
                  c,
                  workspaceId,
                  post.id(),
                  variantId,
                  actor,
                  "edit",
                  v.state(),
                  PostState.DRAFT,
                  v.state() == PostState.SCHEDULED
                      ? "taken out of the schedule (was " + v.scheduledAt() + ")"
                      : "",
                  now);
              derivePostState(c, workspaceId, post, now);
              return v.state() == PostState.SCHEDULED;
            });
    if (wasScheduled) {
      dispatch.unschedule(workspaceId, variantId);
    }
  }

  @Override
  public void submit(long actor, long workspaceId, long postId) {
    db.run(
        c -> {
          PlanStore.require(c, workspaceId, actor, Role.AUTHOR, "submit posts for review");
          PlanStore.PostRow post = PlanStore.lockPost(c, workspaceId, postId);
          int moved = move(c, workspaceId, postId, PostState.DRAFT, PostState.IN_REVIEW);
          if (moved == 0) {
            throw new Refused(
                "post "
                    + postId
                    + " has no draft to submit (it is "
                    + post.state().code().replace('_', ' ')
                    + ")");
          }
          Instant now = clock.instant();
          PlanStore.history(
              c,
              workspaceId,
              postId,
              null,
              actor,
              "submit",
              PostState.DRAFT,
              PostState.IN_REVIEW,
              "",
              now);
          derivePostState(c, workspaceId, post, now);
        });
  }

  @Override
  public void approve(long actor, long workspaceId, long postId) {
    db.run(
        c -> {
          PlanStore.require(c, workspaceId, actor, Role.MANAGER, "approve posts");
          PlanStore.PostRow post = PlanStore.lockPost(c, workspaceId, postId);
          PublishingSettings s = SqlGates.settings(c, workspaceId);
          if (s.requiresApproval() && post.authorId() != null && post.authorId() == actor) {
            throw new Refused(
                "this workspace requires approval by someone else: the author of post "
                    + postId
                    + " cannot approve it");
          }
          int moved = move(c, workspaceId, postId, PostState.IN_REVIEW, PostState.APPROVED);
          if (moved == 0) {
            throw new Refused(
                "post "
                    + postId
                    + " is not in review (it is "
                    + post.state().code().replace('_', ' ')
                    + "); submit it first");
          }
          Instant now = clock.instant();
          PlanStore.history(
              c,
              workspaceId,
              postId,
              null,
              actor,
              "approve",
              PostState.IN_REVIEW,
              PostState.APPROVED,
              "",
              now);
          derivePostState(c, workspaceId, post, now);
        });
  }

  @Override
  public void reject(long actor, long workspaceId, long postId, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("say why the post is rejected; the author reads it");
    }
    db.run(
        c -> {
          PlanStore.require(c, workspaceId, actor, Role.MANAGER, "reject posts");
          PlanStore.PostRow post = PlanStore.lockPost(c, workspaceId, postId);
          int moved =
              move(c, workspaceId, postId, PostState.IN_REVIEW, PostState.DRAFT)
                  + move(c, workspaceId, postId, PostState.APPROVED, PostState.DRAFT);
          if (moved == 0) {
            throw new Refused(
                "post "
                    + postId
                    + " is not in review or approved (it is "
                    + post.state().code().replace('_', ' ')
                    + ")");
          }
          Instant now = clock.instant();
          PlanStore.history(
              c,
              workspaceId,
              postId,
              null,
              actor,
              "reject",
              post.state(),
              PostState.DRAFT,
              reason.strip(),
              now);
          derivePostState(c, workspaceId, post, now);
        });
  }

  /** Moves the post's variants in state {@code from} to {@code to}; returns how many. */
  private static int move(Connection c, long workspaceId, long postId, PostState from, PostState to)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE post_variant SET state = ? WHERE workspace_id = ? AND post_id = ?"
                + " AND state = ?")) {
      ps.setString(1, to.code());
      ps.setLong(2, workspaceId);
      ps.setLong(3, postId);
      ps.setString(4, from.code());
      return ps.executeUpdate();
    }
  }

  /**
   * The post's state is its least advanced variant's among the planning states: a post with one
   * variant back in draft is a draft again, whatever its other channels are doing.
   */
  static PostState derivePostState(
      Connection c, long workspaceId, PlanStore.PostRow post, Instant now) throws SQLException {
    PostState least = null;
    for (PlanStore.VariantRow v : PlanStore.variants(c, workspaceId, post.id())) {
      if (least == null || v.state().compareTo(least) < 0) {
        least = v.state();
      }
    }
    if (least != null && least != post.state()) {
      PlanStore.setPostState(c, post.id(), least, now);
    }
    return least == null ? post.state() : least;
  }

  @Override
  public long comment(long actor, long workspaceId, long postId, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a comment needs text");
    }
    if (text.length() > 4000) {
      throw new IllegalArgumentException("a comment is at most 4,000 characters");
    }
    return db.transaction(
        c -> {
          PlanStore.require(c, workspaceId, actor, Role.VIEWER, "comment");
          PlanStore.lockPost(c, workspaceId, postId);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO post_comment (workspace_id, post_id, user_id, body, created_at)"
                      + " VALUES (?, ?, ?, ?, ?)",
                  new String[] {"id"})) {
            ps.setLong(1, workspaceId);
            ps.setLong(2, postId);
            ps.setLong(3, actor);
            ps.setString(4, text.strip());
            ps.setObject(5, PlanStore.ts(clock.instant()));
            ps.executeUpdate();
            return PlanStore.generatedId(ps);
          }
        });
  }

  @Override
  public List<PostComment> comments(long workspaceId, long postId) {
    return db.transaction(
        c -> {
          List<PostComment> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, post_id, user_id, body, created_at FROM post_comment"
                      + " WHERE workspace_id = ? AND post_id = ? ORDER BY created_at, id")) {
            ps.setLong(1, workspaceId);
            ps.setLong(2, postId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new PostComment(
                        rs.getLong(1),
                        rs.getLong(2),
                        PlanStore.longOrNull(rs, 3),
                        rs.getString(4),
                        PlanStore.instant(rs, 5)));
              }
            }
          }
          return out;
        });
  }

  @Override
  public List<HistoryEntry> history(long workspaceId, long postId) {
    return db.transaction(
        c -> {
          List<HistoryEntry> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, post_id, variant_id, user_id, action, from_state, to_state, note,"
                      + " changed_at FROM post_history WHERE workspace_id = ? AND post_id = ?"
                      + " ORDER BY id")) {
            ps.setLong(1, workspaceId);
            ps.setLong(2, postId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new HistoryEntry(
                        rs.getLong(1),
                        rs.getLong(2),
                        PlanStore.longOrNull(rs, 3),
                        PlanStore.longOrNull(rs, 4),
                        rs.getString(5),
                        state(rs.getString(6)),
                        state(rs.getString(7)),
                        rs.getString(8),
                        PlanStore.instant(rs, 9)));
              }
            }
          }
          return out;
        });
  }

  private static PostState state(String code) {
    return code == null ? null : PostState.fromCode(code);
  }

  @Override
  public Optional<PlannedPost> post(long workspaceId, long postId) {
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, workspace_id, title, state, author_user_id, series_id FROM post"
                      + " WHERE workspace_id = ? AND id = ?")) {
            ps.setLong(1, workspaceId);
            ps.setLong(2, postId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              PlanStore.PostRow row =
                  new PlanStore.PostRow(
                      rs.getLong(1),
                      rs.getLong(2),
                      rs.getString(3),
                      PostState.fromCode(rs.getString(4)),
                      PlanStore.longOrNull(rs, 5),
                      PlanStore.longOrNull(rs, 6));
              return Optional.of(PlanStore.plannedPost(c, row));
            }
          }
        });
  }

  @Override
  public Optional<PlannedVariant> variant(long workspaceId, long variantId) {
    return db.transaction(
        c -> {
          Optional<PlanStore.VariantRow> v = PlanStore.variant(c, workspaceId, variantId);
          return v.isEmpty() ? Optional.empty() : Optional.of(PlanStore.planned(c, v.get()));
        });
  }

  @Override
  public PostPage posts(long workspaceId, PostState state, int offset, int limit) {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException("offset must be 0 or more and limit 1 or more");
    }
    String where = "WHERE workspace_id = ?" + (state == null ? "" : " AND state = ?");
    return db.transaction(
        c -> {
          long total;
          try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM post " + where)) {
            bind(ps, workspaceId, state);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              total = rs.getLong(1);
            }
          }
          List<PlanStore.PostRow> rows = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, workspace_id, title, state, author_user_id, series_id FROM post "
                      + where
                      + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
            int next = bind(ps, workspaceId, state);
            ps.setInt(next, limit);
            ps.setInt(next + 1, offset);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(
                    new PlanStore.PostRow(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        PostState.fromCode(rs.getString(4)),
                        PlanStore.longOrNull(rs, 5),
                        PlanStore.longOrNull(rs, 6)));
              }
            }
          }
          List<PlannedPost> posts = new ArrayList<>();
          for (PlanStore.PostRow row : rows) {
            posts.add(PlanStore.plannedPost(c, row));
          }
          return new PostPage(posts, total);
        });
  }

  @Override
  public Map<PostState, Long> counts(long workspaceId) {
    return db.transaction(
        c -> {
          Map<PostState, Long> counts = new EnumMap<>(PostState.class);
          for (PostState s : PostState.values()) {
            counts.put(s, 0L);
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT state, COUNT(*) FROM post WHERE workspace_id = ? GROUP BY state")) {
            ps.setLong(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                counts.put(PostState.fromCode(rs.getString(1)), rs.getLong(2));
              }
            }
          }
          return Collections.unmodifiableMap(counts);
        });
  }

  /** Binds the workspace and the optional state; returns the next parameter's index. */
  private static int bind(PreparedStatement ps, long workspaceId, PostState state)
      throws SQLException {
    ps.setLong(1, workspaceId);
    if (state == null) {
      return 2;
    }
    ps.setString(2, state.code());
    return 3;
  }
}
