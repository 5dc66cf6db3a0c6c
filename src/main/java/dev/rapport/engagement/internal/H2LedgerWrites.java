package dev.rapport.engagement.internal;

import static dev.rapport.engagement.internal.SqlLedger.CHUNK;

import dev.rapport.engagement.Engagement;
import dev.rapport.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's reads and writes on H2: JDBC batches of per-row statements, which cost H2 (embedded,
 * no network, no executor start) little. Lookups go by primary key or by the first column of an
 * index with IN lists of {@link SqlLedger#CHUNK} keys, the only form H2 turns into index lookups.
 */
final class H2LedgerWrites {

  private static final String ADD_VARIANT =
      Dialect.H2.upsertAdding(
          "variant_rollup",
          new String[] {"variant_id", "verdict", "kind"},
          new String[] {"workspace_id"},
          "n");
  private static final String ADD_WEEK =
      Dialect.H2.upsertAdding(
          "identity_week",
          new String[] {"identity_id", "week_start"},
          new String[] {"workspace_id"},
          "n");

  private H2LedgerWrites() {}

  /** Stored event key of each hash among {@code all} that the workspace's ledger holds. */
  static Map<Long, String> known(Connection c, long workspaceId, List<Long> all)
      throws SQLException {
    Map<Long, String> stored = new HashMap<>();
    // Hash first: the unique index leads with it (V10), so H2 looks the keys up instead of
    // scanning the workspace's ledger.
    inChunks(
        c,
        all,
        "SELECT event_hash, event_key FROM engagement WHERE event_hash IN (",
        ") AND workspace_id = ?",
        workspaceId,
        rs -> stored.put(rs.getLong(1), rs.getString(2)));
    return stored;
  }

  /** Verdict and person of each identity among {@code ids} that belongs to the workspace. */
  static Map<Long, Engager> engagers(Connection c, long workspaceId, List<Long> ids)
      throws SQLException {
    Map<Long, Engager> verdicts = new HashMap<>(ids.size() * 2);
    // By primary key only, the workspace checked here: with a workspace condition in SQL, H2
    // picks a (workspace_id, ...) index and scans the whole audience per chunk.
    inChunks(
        c,
        ids,
        "SELECT id, verdict, workspace_id, person_id FROM identity WHERE id IN (",
        ")",
        null,
        rs -> {
          if (rs.getLong(3) == workspaceId) {
            verdicts.put(rs.getLong(1), new Engager(rs.getString(2), rs.getLong(4)));
          }
        });
    return verdicts;
  }

  /** Reads one result row. */
  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  /**
   * Runs {@code head + IN list + tail} for each chunk of {@code ids} ({@code last}, when not null,
   * binds the one parameter of {@code tail}) and hands every result row to {@code row}: H2 turns an
   * IN list on the first column of an index into lookups, chunks keep the statements small.
   */
  private static void inChunks(
      Connection c, List<Long> ids, String head, String tail, Long last, Row row)
      throws SQLException {
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      try (PreparedStatement ps = c.prepareStatement(head + marks(chunk.size()) + tail)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(1 + i, chunk.get(i));
        }
        if (last != null) {
          ps.setLong(chunk.size() + 1, last);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            row.read(rs);
          }
        }
      }
    }
  }

  static void insert(
      Connection c,
      long workspaceId,
      List<Long> hashes,
      Map<Long, Engagement> unique,
      Map<Long, Engager> engagers)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO engagement (workspace_id, identity_id, channel_id, variant_id, kind,"
                + " occurred_at, source, counted_as, event_hash, event_key) VALUES"
                + " (?,?,?,?,?,?,?,?,?,?)")) {
      int pending = 0;
      for (long hash : hashes) {
        Engagement e = unique.get(hash);
        if (e == null) {
          continue;
        }
        ps.setLong(1, workspaceId);
        ps.setLong(2, e.identityId());
        setLong(ps, 3, e.channelId());
        setLong(ps, 4, e.variantId());
        ps.setString(5, e.kind().code());
        ps.setObject(6, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
        ps.setString(7, e.source());
        ps.setString(8, engagers.get(e.identityId()).verdict());
        ps.setLong(9, hash);
        ps.setString(10, e.eventKey());
        ps.addBatch();
        if (++pending == CHUNK) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
  }

  static void addVariants(Connection c, long workspaceId, Map<VariantKey, long[]> perVariant)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ADD_VARIANT)) {
      for (var e : perVariant.entrySet()) {
        ps.setLong(1, e.getKey().variantId());
        ps.setString(2, e.getKey().verdict());
        ps.setString(3, e.getKey().kind());
        ps.setLong(4, workspaceId);
        ps.setLong(5, e.getValue()[0]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Adds the batch's identity-weeks: one upsert per identity and week (a single key lookup). */
  static void addWeeks(Connection c, long workspaceId, Map<WeekKey, long[]> perWeek)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ADD_WEEK)) {
      Batch batch = new Batch(ps);
      for (var e : perWeek.entrySet()) {
        ps.setLong(1, e.getKey().identityId());
        ps.setObject(2, e.getKey().week());
        ps.setLong(3, workspaceId);
        ps.setLong(4, e.getValue()[0]);
        batch.add();
      }
      batch.flush();
    }
  }

  /**
   * Adds the batch to each row of an activity rollup (an identity's or a person's engagement
   * summary). The stored rows are read first and the new totals written as plain updates and
   * inserts, which costs less than an upsert per row; safe because on H2 ingests into a workspace
   * run one at a time (the workspace row lock that {@link SqlLedger} holds), and the people
   * capability rebuilds person rows under the same lock.
   */
  static void addActivity(
      Connection c, long workspaceId, ActivityTable into, Map<Long, Activity> perKey)
      throws SQLException {
    if (perKey.isEmpty()) {
      return;
    }
    List<Long> ids = new ArrayList<>(perKey.keySet());
    Map<Long, Activity> stored = new HashMap<>();
    inChunks(
        c,
        ids,
        "SELECT "
            + into.key
            + ", engagements, first_engaged_at, last_engaged_at, last_week, recent_weeks FROM "
            + into.table
            + " WHERE "
            + into.key
            + " IN (",
        ")",
        null,
        rs -> {
          Activity a = new Activity();
          a.count = rs.getLong(2);
          a.first = rs.getObject(3, OffsetDateTime.class).toInstant();
          a.last = rs.getObject(4, OffsetDateTime.class).toInstant();
          a.lastWeek = rs.getInt(5);
          a.recentWeeks = rs.getLong(6);
          stored.put(rs.getLong(1), a);
        });
    try (PreparedStatement update =
            c.prepareStatement(
                "UPDATE "
                    + into.table
                    + " SET engagements = ?, first_engaged_at = ?, last_engaged_at = ?, last_week"
                    + " = ?, recent_weeks = ? WHERE "
                    + into.key
                    + " = ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO "
                    + into.table
                    + " (engagements, first_engaged_at, last_engaged_at, last_week, recent_weeks, "
                    + into.key
                    + ", workspace_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      Batch updates = new Batch(update);
      Batch inserts = new Batch(insert);
      for (var e : perKey.entrySet()) {
        Activity now = e.getValue();
        Activity before = stored.get(e.getKey());
        PreparedStatement ps = before == null ? insert : update;
        if (before != null) {
          now.merge(before);
        }
        ps.setLong(1, now.count);
        ps.setObject(2, OffsetDateTime.ofInstant(now.first, ZoneOffset.UTC));
        ps.setObject(3, OffsetDateTime.ofInstant(now.last, ZoneOffset.UTC));
        ps.setInt(4, now.lastWeek);
        ps.setLong(5, now.recentWeeks);
        ps.setLong(6, e.getKey());
        if (before == null) {
          ps.setLong(7, workspaceId);
          inserts.add();
        } else {
          updates.add();
        }
      }
      updates.flush();
      inserts.flush();
    }
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  private static String marks(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }

  /** A prepared statement's batch, sent every {@link #CHUNK} rows. */
  private static final class Batch {
    private final PreparedStatement ps;
    private int pending;

    Batch(PreparedStatement ps) {
      this.ps = ps;
    }

    void add() throws SQLException {
      ps.addBatch();
      if (++pending == CHUNK) {
        flush();
      }
    }

    void flush() throws SQLException {
      if (pending > 0) {
        ps.executeBatch();
        pending = 0;
      }
    }
  }
}
