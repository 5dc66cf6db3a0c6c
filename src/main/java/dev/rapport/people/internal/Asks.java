package dev.rapport.people.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The identity_ask rollup: per identity and channel, the oldest reply or mention the brand has not
 * answered. Fed from new ledger events by the focus refresh; settled by the brand's answers, which
 * also log each wait for the response-time measure.
 */
final class Asks {
  private Asks() {}

  /** One reply or mention from the ledger. */
  record Ask(long identityId, long channelId, Instant at) {}

  /** What the catch-up found in the new events. */
  record NewEvents(Set<Long> identities, List<Ask> asks) {}

  /** Reads the workspace's ledger events in (after, upTo]: a primary-key range. */
  static NewEvents read(Connection c, long workspaceId, long after, long upTo) throws SQLException {
    Set<Long> identities = new HashSet<>();
    List<Ask> asks = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT identity_id, workspace_id, channel_id, kind, occurred_at FROM engagement WHERE"
                + " id > ? AND id <= ?")) {
      ps.setLong(1, after);
      ps.setLong(2, upTo);
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(2) != workspaceId) {
            continue;
          }
          long identity = rs.getLong(1);
          identities.add(identity);
          String kind = rs.getString(4);
          if (kind.equals("reply") || kind.equals("mention")) {
            asks.add(new Ask(identity, rs.getLong(3), Sql.time(rs, 5)));
          }
        }
      }
    }
    return new NewEvents(identities, asks);
  }

  /** Adds new asks to the rollup; an ask older than the last answer was already answered. */
  static void add(Connection c, long workspaceId, List<Ask> asks) throws SQLException {
    Map<String, Row> rows = new HashMap<>();
    for (Ask a : asks) {
      rows.computeIfAbsent(a.identityId() + ":" + a.channelId(), k -> new Row(a)).fresh.add(a.at());
    }
    Set<Long> identities = new HashSet<>();
    rows.values().forEach(r -> identities.add(r.identityId));
    for (List<Long> chunk : Jdbc.chunks(identities, Watermarks.CHUNK)) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT identity_id, channel_id, last_asked_at, last_answered_at, pending_since FROM"
                  + " identity_ask WHERE identity_id IN ("
                  + Jdbc.marks(chunk.size())
                  + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Row r = rows.get(rs.getLong(1) + ":" + rs.getLong(2));
            if (r != null) {
              r.exists = true;
              r.lastAsked = Sql.time(rs, 3);
              r.lastAnswered = Sql.time(rs, 4);
              r.pending = Sql.time(rs, 5);
            }
          }
        }
      }
    }
    try (PreparedStatement del =
            c.prepareStatement(
                "DELETE FROM identity_ask WHERE identity_id = ? AND channel_id = ?");
        PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO identity_ask (identity_id, channel_id, workspace_id, last_asked_at,"
                    + " last_answered_at, pending_since) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Row r : rows.values()) {
        for (Instant t : r.fresh) {
          r.lastAsked = r.lastAsked == null || t.isAfter(r.lastAsked) ? t : r.lastAsked;
          boolean open = r.lastAnswered == null || t.isAfter(r.lastAnswered);
          if (open && (r.pending == null || t.isBefore(r.pending))) {
            r.pending = t;
          }
        }
        if (r.exists) {
          del.setLong(1, r.identityId);
          del.setLong(2, r.channelId);
          del.addBatch();
        }
        ins.setLong(1, r.identityId);
        ins.setLong(2, r.channelId);
        ins.setLong(3, workspaceId);
        Sql.setTime(ins, 4, r.lastAsked);
        Sql.setTime(ins, 5, r.lastAnswered);
        Sql.setTime(ins, 6, r.pending);
        ins.addBatch();
      }
      del.executeBatch();
      ins.executeBatch();
    }
  }

  /**
   * The brand answered a person at {@code at}: every waiting ask of its identities (on one channel,
   * or all when {@code channelId} is null) asked by then is settled and its wait logged. Returns
   * how many were settled.
   */
  static int answer(Connection c, long workspaceId, long personId, Long channelId, Instant at)
      throws SQLException {
    List<Object[]> open = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT q.identity_id, q.channel_id, q.pending_since, q.last_asked_at FROM"
                + " identity_ask q JOIN identity i ON i.id = q.identity_id WHERE i.workspace_id ="
                + " ? AND i.person_id = ? AND q.pending_since IS NOT NULL")) {
      ps.setLong(1, workspaceId);
      ps.setLong(2, personId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long channel = rs.getLong(2);
          Instant since = Sql.time(rs, 3);
          Instant last = Sql.time(rs, 4);
          if ((channelId == null || channelId == channel) && !since.isAfter(at)) {
            open.add(new Object[] {rs.getLong(1), channel, since, last});
          }
        }
      }
    }
    for (Object[] o : open) {
      Jdbc.update(
          c,
          "INSERT INTO answer_wait (workspace_id, channel_id, identity_id, asked_at, answered_at)"
              + " VALUES (?, ?, ?, ?, ?)",
          workspaceId,
          o[1],
          o[0],
          o[2],
          at);
      // Asks made after this answer (a late-recorded answer) stay open from the next one on; the
      // ledger knows which that is.
      Instant next = ((Instant) o[3]).isAfter(at) ? nextAsk(c, (long) o[0], (long) o[1], at) : null;
      Jdbc.update(
          c,
          "UPDATE identity_ask SET last_answered_at = ?, pending_since = ? WHERE identity_id = ?"
              + " AND channel_id = ?",
          at,
          next == null ? new NullTime() : next,
          o[0],
          o[1]);
    }
    return open.size();
  }

  private static Instant nextAsk(Connection c, long identityId, long channelId, Instant after)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT MIN(occurred_at) FROM engagement WHERE identity_id = ? AND occurred_at > ? AND"
                + " kind IN ('reply', 'mention') AND COALESCE(channel_id, 0) = ?")) {
      ps.setLong(1, identityId);
      Sql.setTime(ps, 2, after);
      ps.setLong(3, channelId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Sql.time(rs, 1) : null;
      }
    }
  }

  /** A typed SQL NULL for a timestamp parameter. */
  record NullTime() {}

  private static final class Row {
    final long identityId;
    final long channelId;
    final List<Instant> fresh = new ArrayList<>();
    boolean exists;
    Instant lastAsked;
    Instant lastAnswered;
    Instant pending;

    Row(Ask a) {
      this.identityId = a.identityId();
      this.channelId = a.channelId();
    }
  }
}
