package dev.rapport.content.internal;

import dev.rapport.content.NewPost;
import dev.rapport.content.Post;
import dev.rapport.content.PostState;
import dev.rapport.content.Posts;
import dev.rapport.content.Variant;
import dev.rapport.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Posts in SQL. Thread-safe. */
public final class SqlPosts implements Posts {

  private final Jdbi jdbi;
  private final Database db;
  private final Clock clock;

  public SqlPosts(Database db, Clock clock) {
    this.jdbi = db.jdbi();
    this.db = db;
    this.clock = clock;
  }

  @Override
  public long[] create(long workspaceId, List<NewPost> posts) {
    long[] ids = new long[posts.size()];
    db.run(
        c -> {
          for (int from = 0; from < posts.size(); from += CHUNK) {
            createChunk(c, workspaceId, posts, from, Math.min(posts.size(), from + CHUNK), ids);
          }
        });
    return ids;
  }

  static final int CHUNK = 500;

  /** Three round trips per chunk: find known keys, insert posts, insert variants. */
  private void createChunk(
      java.sql.Connection c, long workspaceId, List<NewPost> posts, int from, int to, long[] ids)
      throws SQLException {
    java.util.Map<String, Long> known = new java.util.HashMap<>();
    List<String> keys = new ArrayList<>();
    for (int i = from; i < to; i++) {
      if (posts.get(i).externalKey() != null) {
        keys.add(posts.get(i).externalKey());
      }
    }
    if (!keys.isEmpty()) {
      String marks = String.join(",", java.util.Collections.nCopies(keys.size(), "?"));
      try (PreparedStatement find =
          c.prepareStatement(
              "SELECT external_key, id FROM post WHERE workspace_id = ? AND external_key IN ("
                  + marks
                  + ")")) {
        find.setLong(1, workspaceId);
        for (int i = 0; i < keys.size(); i++) {
          find.setString(2 + i, keys.get(i));
        }
        try (ResultSet rs = find.executeQuery()) {
          while (rs.next()) {
            known.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
    }
    OffsetDateTime now = ts(clock.instant());
    List<Integer> fresh = new ArrayList<>();
    java.util.Map<String, Integer> firstOfKey = new java.util.HashMap<>();
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO post (workspace_id, title, body, state, external_key, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            new String[] {"id"})) {
      for (int i = from; i < to; i++) {
        NewPost p = posts.get(i);
        String key = p.externalKey();
        if (key != null && known.containsKey(key)) {
          ids[i] = known.get(key);
          continue;
        }
        if (key != null && firstOfKey.containsKey(key)) {
          continue; // repeated in this chunk: takes the first one's id below
        }
        if (key != null) {
          firstOfKey.put(key, i);
        }
        ins.setLong(1, workspaceId);
        ins.setString(2, p.title());
        ins.setString(3, p.body());
        ins.setString(4, p.state().code());
        ins.setString(5, key);
        ins.setObject(6, now);
        ins.setObject(7, now);
        ins.addBatch();
        fresh.add(i);
      }
      if (!fresh.isEmpty()) {
        ins.executeBatch();
        try (ResultSet rs = ins.getGeneratedKeys()) {
          int n = 0;
          while (rs.next()) {
            ids[fresh.get(n++)] = rs.getLong(1);
          }
          if (n != fresh.size()) {
            throw new SQLException("expected " + fresh.size() + " generated keys, got " + n);
          }
        }
      }
    }
    for (int i = from; i < to; i++) {
      if (ids[i] == 0 && posts.get(i).externalKey() != null) {
        ids[i] = ids[firstOfKey.get(posts.get(i).externalKey())];
      }
    }
    try (PreparedStatement var =
        c.prepareStatement(
            "INSERT INTO post_variant (post_id, channel_id, workspace_id, body, state,"
                + " scheduled_at, published_at, platform_post_id, followers_at_publish,"
                + " authentic_followers_at_publish) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i : fresh) {
        NewPost p = posts.get(i);
        for (NewPost.NewVariant v : p.variants()) {
          var.setLong(1, ids[i]);
          var.setLong(2, v.channelId());
          var.setLong(3, workspaceId);
          var.setString(4, v.body() != null ? v.body() : p.body());
          var.setString(5, v.state().code());
          setTime(var, 6, v.scheduledAt());
          setTime(var, 7, v.publishedAt());
          var.setString(8, v.platformPostId());
          setLong(var, 9, v.followersAtPublish());
          setLong(var, 10, v.authenticFollowersAtPublish());
          var.addBatch();
        }
      }
      var.executeBatch();
    }
  }

  @Override
  public Optional<Post> post(long workspaceId, long postId) {
    return jdbi.withHandle(
        h -> {
          List<Post> found = load(h, workspaceId, "p.id = " + postId, 1);
          return found.stream().findFirst();
        });
  }

  @Override
  public void recordReportedCounts(
      long workspaceId, long[] variantIds, List<dev.rapport.content.ReportedCounts> counts) {
    db.run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE post_variant SET reported_reactions = ?, reported_shares = ?,"
                      + " reported_comments = ?, reported_at = ? WHERE workspace_id = ? AND id ="
                      + " ?")) {
            for (int i = 0; i < variantIds.length; i++) {
              dev.rapport.content.ReportedCounts r = counts.get(i);
              setLong(ps, 1, r.reactions());
              setLong(ps, 2, r.shares());
              setLong(ps, 3, r.comments());
              setTime(ps, 4, r.reportedAt());
              ps.setLong(5, workspaceId);
              ps.setLong(6, variantIds[i]);
              ps.addBatch();
            }
            ps.executeBatch();
          }
        });
  }

  @Override
  public List<ReportedPost> reportedPosts(long workspaceId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, channel_id, published_at, LENGTH(body), reported_reactions,"
                        + " reported_shares, reported_comments, reported_at FROM post_variant WHERE"
                        + " workspace_id = ? AND published_at IS NOT NULL ORDER BY published_at, id")
                .bind(0, workspaceId)
                .map(
                    (rs, ctx) ->
                        new ReportedPost(
                            rs.getLong(1),
                            rs.getLong(2),
                            time(rs, 3),
                            rs.getInt(4),
                            new dev.rapport.content.ReportedCounts(
                                (Long) rs.getObject(5, Long.class),
                                (Long) rs.getObject(6, Long.class),
                                (Long) rs.getObject(7, Long.class),
                                time(rs, 8))))
                .list());
  }

  @Override
  public java.util.Optional<Variant> variant(long workspaceId, long variantId) {
    java.util.Optional<Long> post =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT post_id FROM post_variant WHERE id = ? AND workspace_id = ?")
                        .bind(0, variantId)
                        .bind(1, workspaceId)
                        .mapTo(Long.class)
                        .findOne());
    return post.flatMap(
        p ->
            variantsOf(workspaceId, new long[] {p}).stream()
                .filter(v -> v.id() == variantId)
                .findFirst());
  }

  @Override
  public List<Variant> variantsOf(long workspaceId, long[] postIds) {
    return db.transaction(
        c -> {
          List<Variant> out = new ArrayList<>();
          for (int from = 0; from < postIds.length; from += 1_000) {
            int to = Math.min(postIds.length, from + 1_000);
            String marks = String.join(",", java.util.Collections.nCopies(to - from, "?"));
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT id, post_id, channel_id, body, state, scheduled_at, published_at,"
                        + " platform_post_id, followers_at_publish, authentic_followers_at_publish"
                        + " FROM post_variant WHERE workspace_id = ? AND post_id IN ("
                        + marks
                        + ") ORDER BY post_id, channel_id")) {
              ps.setLong(1, workspaceId);
              for (int i = from; i < to; i++) {
                ps.setLong(2 + i - from, postIds[i]);
              }
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  out.add(
                      new Variant(
                          rs.getLong(1),
                          rs.getLong(2),
                          rs.getLong(3),
                          rs.getString(4),
                          PostState.fromCode(rs.getString(5)),
                          time(rs, 6),
                          time(rs, 7),
                          rs.getString(8),
                          (Long) rs.getObject(9, Long.class),
                          (Long) rs.getObject(10, Long.class)));
                }
              }
            }
          }
          return out;
        });
  }

  @Override
  public long count(long workspaceId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM post WHERE workspace_id = ?")
                .bind(0, workspaceId)
                .mapTo(Long.class)
                .one());
  }

  @Override
  public List<Post> recent(long workspaceId, int limit) {
    return jdbi.withHandle(h -> load(h, workspaceId, "1 = 1", limit));
  }

  @Override
  public Optional<Long> variantByPlatformId(
      long workspaceId, long channelId, String platformPostId) {
    return lookup(
        "SELECT id FROM post_variant WHERE workspace_id = ? AND channel_id = ? AND"
            + " platform_post_id = ?",
        workspaceId,
        channelId,
        platformPostId);
  }

  @Override
  public Optional<Long> variantByExternalKey(long workspaceId, long channelId, String externalKey) {
    return lookup(
        "SELECT v.id FROM post_variant v JOIN post p ON p.id = v.post_id WHERE p.workspace_id = ?"
            + " AND v.channel_id = ? AND p.external_key = ?",
        workspaceId,
        channelId,
        externalKey);
  }

  /** Runs in the caller's transaction when there is one, so imports see their own posts. */
  private Optional<Long> lookup(String sql, long workspaceId, long channelId, String key) {
    return db.transaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, workspaceId);
            ps.setLong(2, channelId);
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
            }
          }
        });
  }

  /** {@code where} is built from numbers only, never from user text. */
  private static List<Post> load(Handle h, long workspaceId, String where, int limit) {
    List<Post> posts =
        h.createQuery(
                "SELECT p.id, p.workspace_id, p.title, p.body, p.state, p.external_key,"
                    + " p.created_at FROM post p WHERE p.workspace_id = ? AND "
                    + where
                    + " ORDER BY p.created_at DESC, p.id DESC FETCH FIRST ? ROWS ONLY")
            .bind(0, workspaceId)
            .bind(1, limit)
            .map(
                (rs, ctx) ->
                    new Post(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        PostState.fromCode(rs.getString(5)),
                        rs.getString(6),
                        time(rs, 7),
                        List.of()))
            .list();
    List<Post> out = new ArrayList<>(posts.size());
    for (Post p : posts) {
      List<Variant> variants =
          h.createQuery(
                  "SELECT id, post_id, channel_id, body, state, scheduled_at, published_at,"
                      + " platform_post_id, followers_at_publish, authentic_followers_at_publish"
                      + " FROM post_variant WHERE post_id = ? ORDER BY channel_id")
              .bind(0, p.id())
              .map(
                  (rs, ctx) ->
                      new Variant(
                          rs.getLong(1),
                          rs.getLong(2),
                          rs.getLong(3),
                          rs.getString(4),
                          PostState.fromCode(rs.getString(5)),
                          time(rs, 6),
                          time(rs, 7),
                          rs.getString(8),
                          (Long) rs.getObject(9, Long.class),
                          (Long) rs.getObject(10, Long.class)))
              .list();
      out.add(
          new Post(
              p.id(),
              p.workspaceId(),
              p.title(),
              p.body(),
              p.state(),
              p.externalKey(),
              p.createdAt(),
              variants));
    }
    return out;
  }

  private static OffsetDateTime ts(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  private static Instant time(ResultSet rs, int i) throws SQLException {
    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static void setTime(PreparedStatement ps, int i, Instant v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i, ts(v));
    }
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }
}
