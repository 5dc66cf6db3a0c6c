package dev.rapport.engagement.internal;

import dev.rapport.engagement.EngagementKind;
import dev.rapport.engagement.Rollups;
import dev.rapport.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link Rollups} in SQL: each rollup is read as stored and recomputed from the base tables with
 * plain queries (the weeks are grouped here, as the two databases truncate dates to weeks
 * differently), in one repeatable-read transaction so that a check running beside live ingest
 * compares one moment with itself. Thread-safe.
 */
public final class SqlRollups implements Rollups {

  private final Database db;

  public SqlRollups(Database db) {
    this.db = db;
  }

  @Override
  public RollupCheck check(long workspaceId) {
    return db.transaction(
        c -> {
          int isolation = c.getTransactionIsolation();
          c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
          try {
            List<Part> parts = new ArrayList<>();
            parts.add(variantRollup(c, workspaceId));
            parts.addAll(ledgerPerIdentity(c, workspaceId));
            parts.add(audienceCount(c, workspaceId));
            parts.add(follows(c, workspaceId));
            parts.add(verdicts(c, workspaceId));
            c.commit();
            return new RollupCheck(workspaceId, parts);
          } catch (SQLException | RuntimeException e) {
            c.rollback(); // the isolation level may only change between transactions
            throw e;
          } finally {
            c.setTransactionIsolation(isolation);
          }
        });
  }

  /** Engagements per post variant, by the engager's current verdict and kind. */
  private static Part variantRollup(Connection c, long ws) throws SQLException {
    Map<String, String> stored =
        rows(
            c,
            "SELECT variant_id, verdict, kind, n FROM variant_rollup WHERE workspace_id = ? AND n"
                + " <> 0",
            ws,
            rs -> "variant " + rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3),
            rs -> Long.toString(rs.getLong(4)));
    Map<String, String> recomputed =
        rows(
            c,
            "SELECT e.variant_id, i.verdict, e.kind, COUNT(*) FROM engagement e JOIN identity i ON"
                + " i.id = e.identity_id WHERE e.workspace_id = ? AND e.variant_id IS NOT NULL"
                + " GROUP BY e.variant_id, i.verdict, e.kind",
            ws,
            rs -> "variant " + rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3),
            rs -> Long.toString(rs.getLong(4)));
    return compare("variant_rollup", stored, recomputed);
  }

  /** identity_week and the identity's engagement summary, from one pass over the ledger. */
  private static List<Part> ledgerPerIdentity(Connection c, long ws) throws SQLException {
    Map<String, String> weeks = new TreeMap<>();
    Map<Long, Activity> activity = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT identity_id, kind, occurred_at FROM engagement WHERE workspace_id = ?")) {
      ps.setFetchSize(10_000);
      ps.setLong(1, ws);
      try (ResultSet rs = ps.executeQuery()) {
        Map<String, long[]> perWeek = new HashMap<>();
        while (rs.next()) {
          if (!EngagementKind.fromCode(rs.getString(2)).interaction()) {
            continue;
          }
          long identity = rs.getLong(1);
          Instant at = rs.getObject(3, OffsetDateTime.class).toInstant();
          perWeek
              .computeIfAbsent(
                  "identity " + identity + " week " + SqlLedger.weekOf(at), k -> new long[1])[0]++;
          activity.computeIfAbsent(identity, k -> new Activity()).add(at);
        }
        perWeek.forEach((k, v) -> weeks.put(k, Long.toString(v[0])));
      }
    }
    Map<String, String> storedWeeks =
        rows(
            c,
            "SELECT identity_id, week_start, n FROM identity_week WHERE workspace_id = ? AND n <> 0",
            ws,
            rs ->
                "identity " + rs.getLong(1) + " week " + rs.getObject(2, java.time.LocalDate.class),
            rs -> Long.toString(rs.getLong(3)));
    return List.of(
        compare("identity_week", storedWeeks, weeks),
        compare(
            "identity engagement summary",
            storedActivity(c, ws, ActivityTable.IDENTITY, "identity "),
            described("identity ", activity)),
        personActivity(c, ws, activity));
  }

  /** person_activity: the summaries of each person's authentic identities, combined. */
  private static Part personActivity(Connection c, long ws, Map<Long, Activity> perIdentity)
      throws SQLException {
    Map<Long, Activity> perPerson = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, person_id FROM identity WHERE workspace_id = ? AND verdict IN "
                + SqlTruth.AUTHENTIC)) {
      ps.setFetchSize(10_000);
      ps.setLong(1, ws);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Activity a = perIdentity.get(rs.getLong(1));
          if (a != null) {
            perPerson.merge(
                rs.getLong(2),
                a.copy(),
                (x, y) -> {
                  x.merge(y);
                  return x;
                });
          }
        }
      }
    }
    return compare(
        "person_activity",
        storedActivity(c, ws, ActivityTable.PERSON, "person "),
        described("person ", perPerson));
  }

  /** The rows of an activity rollup as stored, described like {@link #described}. */
  private static Map<String, String> storedActivity(
      Connection c, long ws, ActivityTable table, String label) throws SQLException {
    return rows(
        c,
        "SELECT "
            + table.key
            + ", engagements, first_engaged_at, last_engaged_at, last_week, recent_weeks FROM "
            + table.table
            + " WHERE workspace_id = ?",
        ws,
        rs -> label + rs.getLong(1),
        rs ->
            describe(
                rs.getLong(2),
                instant(rs.getObject(3, OffsetDateTime.class)),
                instant(rs.getObject(4, OffsetDateTime.class)),
                rs.getInt(5),
                rs.getLong(6)));
  }

  private static Map<String, String> described(String label, Map<Long, Activity> activity) {
    Map<String, String> out = new TreeMap<>();
    activity.forEach(
        (id, a) ->
            out.put(label + id, describe(a.count, a.first, a.last, a.lastWeek, a.recentWeeks)));
    return out;
  }

  /** Identities by current verdict and whether they follow one of the workspace's channels. */
  private static Part audienceCount(Connection c, long ws) throws SQLException {
    Map<String, String> stored =
        rows(
            c,
            "SELECT verdict, follows, n FROM audience_count WHERE workspace_id = ? AND n <> 0",
            ws,
            rs -> rs.getString(1) + (rs.getBoolean(2) ? " following" : " not following"),
            rs -> Long.toString(rs.getLong(3)));
    Map<String, String> recomputed =
        rows(
            c,
            "SELECT verdict, follows, COUNT(*) FROM identity WHERE workspace_id = ? GROUP BY"
                + " verdict, follows",
            ws,
            rs -> rs.getString(1) + (rs.getBoolean(2) ? " following" : " not following"),
            rs -> Long.toString(rs.getLong(3)));
    return compare("audience_count", stored, recomputed);
  }

  /** identity.follows says whether a follow row exists for the identity. */
  private static Part follows(Connection c, long ws) throws SQLException {
    Map<String, String> stored =
        rows(
            c,
            "SELECT id FROM identity WHERE workspace_id = ? AND follows = TRUE",
            ws,
            rs -> "identity " + rs.getLong(1),
            rs -> "follows");
    Map<String, String> recomputed =
        rows(
            c,
            "SELECT i.id FROM identity i WHERE i.workspace_id = ? AND EXISTS (SELECT 1 FROM"
                + " follow f WHERE f.identity_id = i.id)",
            ws,
            rs -> "identity " + rs.getLong(1),
            rs -> "follows");
    return compare("identity.follows", stored, recomputed);
  }

  /** identity.verdict is the category of the stored verdict it names. */
  private static Part verdicts(Connection c, long ws) throws SQLException {
    Map<String, String> stored =
        rows(
            c,
            "SELECT id, verdict FROM identity WHERE workspace_id = ? AND verdict_source IS NOT"
                + " NULL",
            ws,
            rs -> "identity " + rs.getLong(1),
            rs -> rs.getString(2));
    Map<String, String> recomputed =
        rows(
            c,
            "SELECT i.id, v.category FROM identity i JOIN verdict v ON v.identity_id = i.id AND"
                + " v.source = i.verdict_source WHERE i.workspace_id = ?",
            ws,
            rs -> "identity " + rs.getLong(1),
            rs -> rs.getString(2));
    return compare("identity.verdict", stored, recomputed);
  }

  private interface Column {
    String read(ResultSet rs) throws SQLException;
  }

  private static Map<String, String> rows(
      Connection c, String sql, long ws, Column key, Column value) throws SQLException {
    Map<String, String> out = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(10_000);
      ps.setLong(1, ws);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(key.read(rs), value.read(rs));
        }
      }
    }
    return out;
  }

  private static Part compare(
      String rollup, Map<String, String> stored, Map<String, String> recomputed) {
    TreeSet<String> keys = new TreeSet<>(stored.keySet());
    keys.addAll(recomputed.keySet());
    long differences = 0;
    List<String> examples = new ArrayList<>();
    for (String k : keys) {
      String s = stored.get(k);
      String r = recomputed.get(k);
      if (!Objects.equals(s, r)) {
        differences++;
        if (examples.size() < MAX_EXAMPLES) {
          examples.add(
              k
                  + ": stored "
                  + (s == null ? "none" : s)
                  + ", recomputed "
                  + (r == null ? "none" : r));
        }
      }
    }
    return new Part(rollup, keys.size(), differences, examples);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static String describe(
      long count, Instant first, Instant last, int lastWeek, long recentWeeks) {
    return count
        + " engagements, first "
        + first
        + ", last "
        + last
        + ", weeks "
        + Long.toBinaryString(recentWeeks)
        + " up to week "
        + lastWeek;
  }
}
