package dev.rapport.people.internal;

import dev.rapport.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Changes to the {@code audience_count} rollup gathered over one batch and written in one go, in
 * the same transaction as the identity rows they describe. Not thread-safe: one per batch.
 */
final class AudienceTally {

  private record Bucket(String verdict, boolean follows) {}

  private final Map<Bucket, long[]> deltas = new HashMap<>();

  /** A new identity, or one entering a bucket. */
  void add(String verdict, boolean follows, long n) {
    deltas.computeIfAbsent(new Bucket(verdict, follows), k -> new long[1])[0] += n;
  }

  /** An identity moving from one bucket to another (verdict changed, or it started following). */
  void move(String fromVerdict, boolean fromFollows, String toVerdict, boolean toFollows) {
    add(fromVerdict, fromFollows, -1);
    add(toVerdict, toFollows, 1);
  }

  void write(Connection c, Dialect dialect, long workspaceId) throws SQLException {
    deltas.values().removeIf(d -> d[0] == 0);
    if (deltas.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(upsert(dialect))) {
      for (var e : deltas.entrySet()) {
        ps.setLong(1, workspaceId);
        ps.setString(2, e.getKey().verdict());
        ps.setBoolean(3, e.getKey().follows());
        ps.setLong(4, e.getValue()[0]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    deltas.clear();
  }

  private static String upsert(Dialect dialect) {
    if (dialect == Dialect.POSTGRESQL) {
      return dialect.upsertAdding(
          "audience_count",
          new String[] {"workspace_id", "verdict", "follows"},
          new String[0],
          "n");
    }
    // H2 types a VALUES list's parameters as text; cast them so that the boolean key compares.
    return "MERGE INTO audience_count t USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(24)),"
        + " CAST(? AS BOOLEAN), CAST(? AS BIGINT))) s (workspace_id, verdict, follows, n) ON"
        + " t.workspace_id = s.workspace_id AND t.verdict = s.verdict AND t.follows = s.follows"
        + " WHEN MATCHED THEN UPDATE SET t.n = t.n + s.n WHEN NOT MATCHED THEN INSERT"
        + " (workspace_id, verdict, follows, n) VALUES (s.workspace_id, s.verdict, s.follows, s.n)";
  }
}
