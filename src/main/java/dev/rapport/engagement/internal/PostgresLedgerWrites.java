package dev.rapport.engagement.internal;

import dev.rapport.engagement.Engagement;
import dev.rapport.store.CopyRows;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's reads and writes on PostgreSQL: one statement per table and batch, new events sent
 * with COPY, rollup rows passed as arrays and expanded with {@code unnest}. Why: a JDBC batch of
 * per-row statements costs the server one executor start per row, which was most of the ingest
 * time; upserts and updates cannot be rewritten into multi-row statements by the driver. Rows go in
 * key order so that the index pages each batch touches are visited once.
 */
final class PostgresLedgerWrites {

  private PostgresLedgerWrites() {}

  /** Stored event key of each hash among {@code hashes} that the workspace's ledger holds. */
  static Map<Long, String> known(Connection c, long workspaceId, Collection<Long> hashes)
      throws SQLException {
    Map<Long, String> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT event_hash, event_key FROM engagement WHERE event_hash = ANY (?) AND"
                + " workspace_id = ?")) {
      ps.setArray(1, longs(c, hashes));
      ps.setLong(2, workspaceId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  /** Verdict and person of each identity among {@code ids} that belongs to the workspace. */
  static Map<Long, Engager> engagers(Connection c, long workspaceId, Collection<Long> ids)
      throws SQLException {
    Map<Long, Engager> out = new HashMap<>(ids.size() * 2);
    try (PreparedStatement ps =
        c.prepareStatement(
            // By primary key; the workspace is checked here so that no plan can prefer a
            // (workspace_id, ...) index and read the whole audience.
            "SELECT id, verdict, workspace_id, person_id FROM identity WHERE id = ANY (?)")) {
      ps.setArray(1, longs(c, ids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(3) == workspaceId) {
            out.put(rs.getLong(1), new Engager(rs.getString(2), rs.getLong(4)));
          }
        }
      }
    }
    return out;
  }

  /**
   * New events, with COPY: PostgreSQL's fastest path for a batch of new rows. In hash order, as
   * every concurrent batch writes them: two batches holding the same new event then meet on it in
   * the same order and one waits for the other instead of the two deadlocking.
   */
  static void insert(
      Connection c, long workspaceId, Map<Long, Engagement> unique, Map<Long, Engager> engagers)
      throws SQLException {
    CopyRows rows = new CopyRows();
    List<Long> hashes = new ArrayList<>(unique.keySet());
    hashes.sort(null);
    for (long hash : hashes) {
      Engagement e = unique.get(hash);
      rows.add(workspaceId)
          .add(e.identityId())
          .add(e.channelId())
          .add(e.variantId())
          .add(e.kind().code())
          .raw(e.occurredAt().toString())
          .add(e.source())
          .add(engagers.get(e.identityId()).verdict())
          .add(hash)
          .add(e.eventKey())
          .end();
    }
    rows.copyIn(
        c,
        "COPY engagement (workspace_id, identity_id, channel_id, variant_id, kind, occurred_at,"
            + " source, counted_as, event_hash, event_key) FROM STDIN");
  }

  static void addVariants(Connection c, long workspaceId, Map<VariantKey, long[]> perVariant)
      throws SQLException {
    if (perVariant.isEmpty()) {
      return;
    }
    List<VariantKey> keys = new ArrayList<>(perVariant.keySet());
    keys.sort(VariantKey.ORDER);
    int n = keys.size();
    Long[] variant = new Long[n];
    String[] verdict = new String[n];
    String[] kind = new String[n];
    Long[] count = new Long[n];
    for (int i = 0; i < n; i++) {
      VariantKey k = keys.get(i);
      variant[i] = k.variantId();
      verdict[i] = k.verdict();
      kind[i] = k.kind();
      count[i] = perVariant.get(k)[0];
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO variant_rollup (variant_id, verdict, kind, workspace_id, n) SELECT u.v,"
                + " u.verdict, u.kind, ?, u.n FROM unnest(?::bigint[], ?::text[], ?::text[],"
                + " ?::bigint[]) AS u (v, verdict, kind, n) ON CONFLICT (variant_id, verdict, kind)"
                + " DO UPDATE SET n = variant_rollup.n + EXCLUDED.n")) {
      ps.setLong(1, workspaceId);
      ps.setArray(2, c.createArrayOf("bigint", variant));
      ps.setArray(3, c.createArrayOf("text", verdict));
      ps.setArray(4, c.createArrayOf("text", kind));
      ps.setArray(5, c.createArrayOf("bigint", count));
      ps.executeUpdate();
    }
  }

  static void addWeeks(Connection c, long workspaceId, Map<WeekKey, long[]> perWeek)
      throws SQLException {
    if (perWeek.isEmpty()) {
      return;
    }
    List<WeekKey> keys = new ArrayList<>(perWeek.keySet());
    keys.sort(WeekKey.ORDER);
    int n = keys.size();
    Long[] identity = new Long[n];
    String[] week = new String[n];
    Long[] count = new Long[n];
    for (int i = 0; i < n; i++) {
      WeekKey k = keys.get(i);
      identity[i] = k.identityId();
      week[i] = k.week().toString();
      count[i] = perWeek.get(k)[0];
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO identity_week (identity_id, week_start, workspace_id, n) SELECT u.i, u.w,"
                + " ?, u.n FROM unnest(?::bigint[], ?::date[], ?::bigint[]) AS u (i, w, n) ON"
                + " CONFLICT (identity_id, week_start) DO UPDATE SET n = identity_week.n +"
                + " EXCLUDED.n")) {
      ps.setLong(1, workspaceId);
      ps.setArray(2, c.createArrayOf("bigint", identity));
      ps.setArray(3, c.createArrayOf("text", week));
      ps.setArray(4, c.createArrayOf("bigint", count));
      ps.executeUpdate();
    }
  }

  /**
   * Adds the batch to each row of an activity rollup (an identity's or a person's engagement
   * summary), in key order.
   */
  static void addActivity(
      Connection c, long workspaceId, ActivityTable into, Map<Long, Activity> perKey)
      throws SQLException {
    if (perKey.isEmpty()) {
      return;
    }
    List<Long> ids = new ArrayList<>(perKey.keySet());
    ids.sort(null);
    int n = ids.size();
    Long[] key = new Long[n];
    Long[] count = new Long[n];
    String[] first = new String[n];
    String[] last = new String[n];
    Integer[] lastWeek = new Integer[n];
    Long[] recentWeeks = new Long[n];
    for (int i = 0; i < n; i++) {
      Activity a = perKey.get(ids.get(i));
      key[i] = ids.get(i);
      count[i] = a.count;
      first[i] = text(a.first);
      last[i] = text(a.last);
      lastWeek[i] = a.lastWeek;
      recentWeeks[i] = a.recentWeeks;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            // The stored and the new week masks are re-anchored on the later week and
            // combined, as Activity.merge does (a shift of 52 or more empties a mask).
            "INSERT INTO "
                + into.table
                + " AS t ("
                + into.key
                + ", workspace_id, engagements,"
                + " first_engaged_at, last_engaged_at, last_week, recent_weeks) SELECT u.i, ?,"
                + " u.n, u.f, u.l, u.lw, u.rw FROM unnest(?::bigint[], ?::bigint[],"
                + " ?::timestamptz[], ?::timestamptz[], ?::int[], ?::bigint[]) AS u (i, n, f, l,"
                + " lw, rw) ON CONFLICT ("
                + into.key
                + ") DO UPDATE SET engagements = t.engagements +"
                + " EXCLUDED.engagements, first_engaged_at = LEAST(t.first_engaged_at,"
                + " EXCLUDED.first_engaged_at), last_engaged_at = GREATEST(t.last_engaged_at,"
                + " EXCLUDED.last_engaged_at), last_week = GREATEST(t.last_week,"
                + " EXCLUDED.last_week), recent_weeks = ((CASE WHEN EXCLUDED.last_week -"
                + " t.last_week >= 52 THEN 0 WHEN EXCLUDED.last_week > t.last_week THEN"
                + " t.recent_weeks << (EXCLUDED.last_week - t.last_week) ELSE t.recent_weeks END)"
                + " | (CASE WHEN t.last_week - EXCLUDED.last_week >= 52 THEN 0 WHEN t.last_week >"
                + " EXCLUDED.last_week THEN EXCLUDED.recent_weeks << (t.last_week -"
                + " EXCLUDED.last_week) ELSE EXCLUDED.recent_weeks END)) & "
                + Activity.MASK)) {
      ps.setLong(1, workspaceId);
      ps.setArray(2, c.createArrayOf("bigint", key));
      ps.setArray(3, c.createArrayOf("bigint", count));
      ps.setArray(4, c.createArrayOf("text", first));
      ps.setArray(5, c.createArrayOf("text", last));
      ps.setArray(6, c.createArrayOf("int", lastWeek));
      ps.setArray(7, c.createArrayOf("bigint", recentWeeks));
      ps.executeUpdate();
    }
  }

  private static Array longs(Connection c, Collection<Long> values) throws SQLException {
    return c.createArrayOf("bigint", values.toArray(new Long[0]));
  }

  private static String text(Instant t) {
    return t.toString();
  }
}
