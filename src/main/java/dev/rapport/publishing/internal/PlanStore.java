package dev.rapport.publishing.internal;

import dev.rapport.content.PostState;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.publishing.PlannedPost;
import dev.rapport.publishing.PlannedVariant;
import dev.rapport.publishing.Refused;
import dev.rapport.publishing.VariantMedia;
import dev.rapport.workspace.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The SQL that reviews, gates and the planner share, on the caller's transaction. */
final class PlanStore {

  private PlanStore() {}

  /** A post row, locked for the rest of the transaction so that transitions do not interleave. */
  record PostRow(
      long id, long workspaceId, String title, PostState state, Long authorId, Long seriesId) {}

  /** A variant row as stored. */
  record VariantRow(
      long id,
      long postId,
      long channelId,
      String text,
      PostState state,
      Instant scheduledAt,
      Instant plannedAt,
      Instant publishedAt) {}

  static Role role(Connection c, long workspaceId, long userId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT role FROM membership WHERE workspace_id = ? AND user_id = ?")) {
      ps.setLong(1, workspaceId);
      ps.setLong(2, userId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new Refused("user " + userId + " is not a member of this workspace");
        }
        return Role.fromCode(rs.getString(1));
      }
    }
  }

  /** The actor's role, refused when below {@code least}. */
  static Role require(Connection c, long workspaceId, long userId, Role least, String what)
      throws SQLException {
    Role role = role(c, workspaceId, userId);
    if (!role.atLeast(least)) {
      throw new Refused(
          "only a "
              + least.code()
              + (least == Role.OWNER ? "" : " or above")
              + " may "
              + what
              + "; user "
              + userId
              + " is a "
              + role.code());
    }
    return role;
  }

  static PostRow lockPost(Connection c, long workspaceId, long postId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, workspace_id, title, state, author_user_id, series_id FROM post"
                + " WHERE workspace_id = ? AND id = ? FOR UPDATE")) {
      ps.setLong(1, workspaceId);
      ps.setLong(2, postId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no post " + postId + " in this workspace");
        }
        return new PostRow(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            PostState.fromCode(rs.getString(4)),
            longOrNull(rs, 5),
            longOrNull(rs, 6));
      }
    }
  }

  private static final String VARIANT_COLUMNS =
      "id, post_id, channel_id, body, state, scheduled_at, planned_at, published_at";

  static List<VariantRow> variants(Connection c, long workspaceId, long postId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + VARIANT_COLUMNS
                + " FROM post_variant WHERE workspace_id = ? AND post_id = ? ORDER BY id")) {
      ps.setLong(1, workspaceId);
      ps.setLong(2, postId);
      return variantRows(ps);
    }
  }

  static Optional<VariantRow> variant(Connection c, long workspaceId, long variantId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + VARIANT_COLUMNS + " FROM post_variant WHERE workspace_id = ? AND id = ?")) {
      ps.setLong(1, workspaceId);
      ps.setLong(2, variantId);
      return variantRows(ps).stream().findFirst();
    }
  }

  static VariantRow requireVariant(Connection c, long workspaceId, long variantId)
      throws SQLException {
    return variant(c, workspaceId, variantId)
        .orElseThrow(
            () -> new IllegalArgumentException("no variant " + variantId + " in this workspace"));
  }

  private static List<VariantRow> variantRows(PreparedStatement ps) throws SQLException {
    List<VariantRow> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(
            new VariantRow(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getString(4),
                PostState.fromCode(rs.getString(5)),
                instant(rs, 6),
                instant(rs, 7),
                instant(rs, 8)));
      }
    }
    return rows;
  }

  static List<VariantMedia> media(Connection c, long variantId) throws SQLException {
    List<VariantMedia> media = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT kind, location, alt_text FROM variant_media WHERE variant_id = ?"
                + " ORDER BY ordinal")) {
      ps.setLong(1, variantId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          media.add(
              new VariantMedia(
                  MediaKind.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                  rs.getString(2),
                  rs.getString(3)));
        }
      }
    }
    return media;
  }

  static void replaceMedia(Connection c, long variantId, List<VariantMedia> media)
      throws SQLException {
    try (PreparedStatement del =
        c.prepareStatement("DELETE FROM variant_media WHERE variant_id = ?")) {
      del.setLong(1, variantId);
      del.executeUpdate();
    }
    if (media.isEmpty()) {
      return;
    }
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO variant_media (variant_id, ordinal, kind, location, alt_text)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < media.size(); i++) {
        VariantMedia m = media.get(i);
        ins.setLong(1, variantId);
        ins.setInt(2, i);
        ins.setString(3, m.kind().name().toLowerCase(Locale.ROOT));
        ins.setString(4, m.location());
        ins.setString(5, m.altText());
        ins.addBatch();
      }
      ins.executeBatch();
    }
  }

  static long insertPost(
      Connection c,
      long workspaceId,
      String title,
      String body,
      Long authorId,
      Long seriesId,
      Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO post (workspace_id, title, body, state, author_user_id, series_id,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            new String[] {"id"})) {
      ps.setLong(1, workspaceId);
      ps.setString(2, title);
      ps.setString(3, body);
      ps.setString(4, PostState.DRAFT.code());
      setLong(ps, 5, authorId);
      setLong(ps, 6, seriesId);
      ps.setObject(7, ts(now));
      ps.setObject(8, ts(now));
      ps.executeUpdate();
      return generatedId(ps);
    }
  }

  static long insertVariant(
      Connection c, long workspaceId, long postId, long channelId, String text, Instant plannedAt)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO post_variant (post_id, channel_id, workspace_id, body, state, planned_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)",
            new String[] {"id"})) {
      ps.setLong(1, postId);
      ps.setLong(2, channelId);
      ps.setLong(3, workspaceId);
      ps.setString(4, text);
      ps.setString(5, PostState.DRAFT.code());
      setTime(ps, 6, plannedAt);
      ps.executeUpdate();
      return generatedId(ps);
    }
  }

  static void setPostState(Connection c, long postId, PostState state, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE post SET state = ?, updated_at = ? WHERE id = ?")) {
      ps.setString(1, state.code());
      ps.setObject(2, ts(now));
      ps.setLong(3, postId);
      ps.executeUpdate();
    }
  }

  static void setVariantState(Connection c, long variantId, PostState state, Instant scheduledAt)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE post_variant SET state = ?, scheduled_at = ? WHERE id = ?")) {
      ps.setString(1, state.code());
      setTime(ps, 2, scheduledAt);
      ps.setLong(3, variantId);
      ps.executeUpdate();
    }
  }

  static void history(
      Connection c,
      long workspaceId,
      long postId,
      Long variantId,
      Long userId,
      String action,
      PostState from,
      PostState to,
      String note,
      Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO post_history (workspace_id, post_id, variant_id, user_id, action,"
                + " from_state, to_state, note, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, workspaceId);
      ps.setLong(2, postId);
      setLong(ps, 3, variantId);
      setLong(ps, 4, userId);
      ps.setString(5, action);
      ps.setString(6, from == null ? null : from.code());
      ps.setString(7, to == null ? null : to.code());
      ps.setString(8, note.length() > 2000 ? note.substring(0, 1997) + "..." : note);
      ps.setObject(9, ts(at));
      ps.executeUpdate();
    }
  }

  static PlannedPost plannedPost(Connection c, PostRow p) throws SQLException {
    List<PlannedVariant> variants = new ArrayList<>();
    for (VariantRow v : variants(c, p.workspaceId(), p.id())) {
      variants.add(planned(c, v));
    }
    return new PlannedPost(
        p.id(), p.workspaceId(), p.title(), p.state(), p.authorId(), p.seriesId(), variants);
  }

  static PlannedVariant planned(Connection c, VariantRow v) throws SQLException {
    return new PlannedVariant(
        v.id(),
        v.postId(),
        v.channelId(),
        v.text(),
        v.state(),
        v.scheduledAt(),
        v.plannedAt(),
        v.publishedAt(),
        media(c, v.id()));
  }

  static long generatedId(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.getGeneratedKeys()) {
      if (!rs.next()) {
        throw new SQLException("no generated id");
      }
      return rs.getLong(1);
    }
  }

  static OffsetDateTime ts(Instant i) {
    return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static Long longOrNull(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  static void setTime(PreparedStatement ps, int i, Instant v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i, ts(v));
    }
  }
}
