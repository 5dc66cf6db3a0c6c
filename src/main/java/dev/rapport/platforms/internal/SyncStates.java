package dev.rapport.platforms.internal;

import dev.rapport.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The sync_state rows: cursors, counters, errors and the per-channel lease. */
final class SyncStates {

  /** One channel's row. */
  record State(
      long channelId,
      String engagementCursor,
      String followerCursor,
      Instant followersSyncedAt,
      long followersSeen,
      Instant lastRunAt,
      Instant lastSuccessAt,
      Instant newestEventAt,
      long lastRunRead,
      long lastRunIngested,
      long totalIngested,
      String lastError,
      Instant lastErrorAt,
      Instant retryAfter) {}

  private static final String COLUMNS =
      "channel_id, engagement_cursor, follower_cursor, followers_synced_at, followers_seen,"
          + " last_run_at, last_success_at, newest_event_at, last_run_read, last_run_ingested,"
          + " total_ingested, last_error, last_error_at, retry_after";

  private final Database db;

  SyncStates(Database db) {
    this.db = db;
  }

  /**
   * Takes the channel for this run unless another holder's lease is still valid. Creates the row on
   * first use; two nodes creating it at once both end up asking for the lease.
   */
  boolean claim(long workspaceId, long channelId, String owner, Instant now, Instant until) {
    try {
      db.run(
          c -> {
            try (var ins =
                c.prepareStatement(
                    "INSERT INTO sync_state (channel_id, workspace_id, followers_seen,"
                        + " last_run_read, last_run_ingested, total_read, total_ingested)"
                        + " SELECT ?, ?, 0, 0, 0, 0, 0 FROM channel WHERE id = ? AND"
                        + " workspace_id = ? AND NOT EXISTS (SELECT 1 FROM sync_state WHERE"
                        + " channel_id = ?)")) {
              ins.setLong(1, channelId);
              ins.setLong(2, workspaceId);
              ins.setLong(3, channelId);
              ins.setLong(4, workspaceId);
              ins.setLong(5, channelId);
              ins.executeUpdate();
            }
          });
    } catch (dev.rapport.store.StoreException e) {
      // Another node inserted the row first; the lease below decides.
    }
    return db.transaction(
        c -> {
          try (var up =
              c.prepareStatement(
                  "UPDATE sync_state SET lease_owner = ?, lease_until = ? WHERE channel_id = ?"
                      + " AND workspace_id = ? AND (lease_until IS NULL OR lease_until < ? OR"
                      + " lease_owner = ?)")) {
            up.setString(1, owner);
            up.setObject(2, utc(until));
            up.setLong(3, channelId);
            up.setLong(4, workspaceId);
            up.setObject(5, utc(now));
            up.setString(6, owner);
            return up.executeUpdate() == 1;
          }
        });
  }

  void release(long channelId, String owner) {
    db.run(
        c -> {
          try (var up =
              c.prepareStatement(
                  "UPDATE sync_state SET lease_owner = NULL, lease_until = NULL WHERE"
                      + " channel_id = ? AND lease_owner = ?")) {
            up.setLong(1, channelId);
            up.setString(2, owner);
            up.executeUpdate();
          }
        });
  }

  Optional<State> get(long channelId) {
    return db.transaction(
        c -> {
          try (var q =
              c.prepareStatement("SELECT " + COLUMNS + " FROM sync_state WHERE channel_id = ?")) {
            q.setLong(1, channelId);
            try (ResultSet rs = q.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.<State>empty();
            }
          }
        });
  }

  List<State> ofWorkspace(long workspaceId) {
    return db.transaction(
        c -> {
          List<State> out = new ArrayList<>();
          try (var q =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM sync_state WHERE workspace_id = ? ORDER BY channel_id")) {
            q.setLong(1, workspaceId);
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                out.add(read(rs));
              }
            }
          }
          return out;
        });
  }

  /** After an engagement page is in the ledger, in the same transaction. */
  void pageDone(
      Connection c, long channelId, String cursor, long read, long ingested, Instant newest)
      throws SQLException {
    try (var up =
        c.prepareStatement(
            "UPDATE sync_state SET engagement_cursor = ?, last_run_read = last_run_read + ?,"
                + " last_run_ingested = last_run_ingested + ?, total_read = total_read + ?,"
                + " total_ingested = total_ingested + ?, newest_event_at = CASE WHEN"
                + " newest_event_at IS NULL OR newest_event_at < ? THEN ? ELSE newest_event_at"
                + " END WHERE channel_id = ?")) {
      up.setString(1, cursor);
      up.setLong(2, read);
      up.setLong(3, ingested);
      up.setLong(4, read);
      up.setLong(5, ingested);
      setTime(up, 6, newest);
      setTime(up, 7, newest);
      up.setLong(8, channelId);
      up.executeUpdate();
    }
  }

  /** After a follower page is stored; {@code doneAt} set when the pass is complete. */
  void followersDone(
      Connection c, long channelId, String cursor, long seen, boolean restart, Instant doneAt)
      throws SQLException {
    try (var up =
        c.prepareStatement(
            "UPDATE sync_state SET follower_cursor = ?, followers_seen = "
                + (restart ? "?" : "followers_seen + ?")
                + ", followers_synced_at = COALESCE(?, followers_synced_at) WHERE channel_id = ?")) {
      up.setString(1, cursor);
      up.setLong(2, seen);
      setTime(up, 3, doneAt);
      up.setLong(4, channelId);
      up.executeUpdate();
    }
  }

  void runStarted(long channelId, Instant at) {
    update(
        "UPDATE sync_state SET last_run_at = ?, last_run_read = 0, last_run_ingested = 0 WHERE"
            + " channel_id = ?",
        at,
        channelId);
  }

  void succeeded(long channelId, Instant at) {
    update(
        "UPDATE sync_state SET last_success_at = ?, retry_after = NULL WHERE channel_id = ?",
        at,
        channelId);
  }

  void failed(long channelId, String error, Instant at, Instant retryAfter) {
    String message = error.length() > 2000 ? error.substring(0, 2000) : error;
    db.run(
        c -> {
          try (var up =
              c.prepareStatement(
                  "UPDATE sync_state SET last_error = ?, last_error_at = ?, retry_after = ? WHERE"
                      + " channel_id = ?")) {
            up.setString(1, message);
            up.setObject(2, utc(at));
            setTime(up, 3, retryAfter);
            up.setLong(4, channelId);
            up.executeUpdate();
          }
        });
  }

  private void update(String sql, Instant at, long channelId) {
    db.run(
        c -> {
          try (PreparedStatement up = c.prepareStatement(sql)) {
            up.setObject(1, utc(at));
            up.setLong(2, channelId);
            up.executeUpdate();
          }
        });
  }

  private static State read(ResultSet rs) throws SQLException {
    return new State(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        time(rs, 4),
        rs.getLong(5),
        time(rs, 6),
        time(rs, 7),
        time(rs, 8),
        rs.getLong(9),
        rs.getLong(10),
        rs.getLong(11),
        rs.getString(12),
        time(rs, 13),
        time(rs, 14));
  }

  private static Instant time(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static void setTime(PreparedStatement ps, int index, Instant at) throws SQLException {
    if (at == null) {
      ps.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, utc(at));
    }
  }

  static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
