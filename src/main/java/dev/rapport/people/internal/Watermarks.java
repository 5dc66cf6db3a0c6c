package dev.rapport.people.internal;

import dev.rapport.store.Database;
import dev.rapport.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads what is new in the ledger since a watermark (the highest engagement id already seen). The
 * watermark is read under the workspace row lock, taken exclusively; ledger ingest takes the same
 * row (shared on PostgreSQL, where ingests run side by side, exclusively on H2), so nothing at or
 * below it can still be in flight: nothing is skipped (see {@link #settled}).
 */
final class Watermarks {
  static final int CHUNK = 1_000;

  private Watermarks() {}

  static void lockWorkspace(Connection c, long workspaceId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM workspace WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, workspaceId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no workspace with id " + workspaceId);
        }
      }
    }
  }

  /** The ledger and conversion ids up to which everything of a workspace is committed. */
  record Settled(long engagements, long conversions) {}

  /**
   * Reads the watermarks under the workspace lock in a transaction of its own, released at once: no
   * ingest of this workspace is in flight at that moment, and any later one gets higher ids
   * (sequences only grow), so everything at or below them is committed and stays so.
   */
  static Settled settled(Database db, long workspaceId) {
    return db.transaction(
        c -> {
          lockWorkspace(c, workspaceId);
          return new Settled(maxEngagementId(c), maxConversionId(c));
        });
  }

  /**
   * Serialises refreshes of one kind for one workspace (across nodes too) without blocking ingest:
   * locks the workspace's {@code refresh_lock} row for {@code kind} until the transaction ends.
   */
  static void lockRefresh(Connection c, Dialect dialect, long workspaceId, String kind)
      throws SQLException {
    String insert =
        dialect == Dialect.POSTGRESQL
            ? "INSERT INTO refresh_lock (workspace_id, kind) VALUES (?, ?) ON CONFLICT DO NOTHING"
            : "MERGE INTO refresh_lock KEY (workspace_id, kind) VALUES (?, ?)";
    try (PreparedStatement ps = c.prepareStatement(insert)) {
      ps.setLong(1, workspaceId);
      ps.setString(2, kind);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT kind FROM refresh_lock WHERE workspace_id = ? AND kind = ? FOR UPDATE")) {
      ps.setLong(1, workspaceId);
      ps.setString(2, kind);
      ps.executeQuery().close();
    }
  }

  static long maxEngagementId(Connection c) throws SQLException {
    List<Long> v = Jdbc.longs(c, "SELECT COALESCE(MAX(id), 0) FROM engagement");
    return v.get(0);
  }

  static long maxConversionId(Connection c) throws SQLException {
    return Jdbc.longs(c, "SELECT COALESCE(MAX(id), 0) FROM conversion").get(0);
  }

  /**
   * Identities of this workspace with ledger events in (after, upTo]: a primary-key range, so the
   * cost grows with the new events only.
   */
  static Set<Long> identitiesWithEvents(Connection c, long workspaceId, long after, long upTo)
      throws SQLException {
    Set<Long> out = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT identity_id, workspace_id FROM engagement WHERE id > ? AND id <= ?")) {
      ps.setLong(1, after);
      ps.setLong(2, upTo);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(2) == workspaceId) {
            out.add(rs.getLong(1));
          }
        }
      }
    }
    return out;
  }

  static Set<Long> personsOf(Connection c, long workspaceId, Set<Long> identityIds)
      throws SQLException {
    Set<Long> out = new HashSet<>();
    for (List<Long> chunk : Jdbc.chunks(identityIds, CHUNK)) {
      List<Object> args = new ArrayList<>();
      args.add(workspaceId);
      args.addAll(chunk);
      out.addAll(
          Jdbc.longs(
              c,
              "SELECT DISTINCT person_id FROM identity WHERE workspace_id = ? AND id IN ("
                  + Jdbc.marks(chunk.size())
                  + ")",
              args.toArray()));
    }
    return out;
  }
}
