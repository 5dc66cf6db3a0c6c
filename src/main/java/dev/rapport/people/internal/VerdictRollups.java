package dev.rapport.people.internal;

import static dev.rapport.people.internal.Sql.clip;
import static dev.rapport.people.internal.Sql.setTime;

import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.Verdict;
import dev.rapport.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes verdicts and keeps the per-post rollups (which are split by the engager's verdict) in
 * step: when an identity's verdict changes, its engagements move from the old verdict's bucket to
 * the new one. Cost grows with that identity's engagements, not with the ledger.
 */
final class VerdictRollups {

  private final String addToRollup;
  private final Dialect dialect;

  VerdictRollups(Dialect dialect) {
    this.dialect = dialect;
    this.addToRollup =
        dialect.upsertAdding(
            "variant_rollup",
            new String[] {"variant_id", "verdict", "kind"},
            new String[] {"workspace_id"},
            "n");
  }

  void apply(
      Connection c,
      long workspaceId,
      long[] ids,
      List<Verdict> verdicts,
      int from,
      int to,
      Instant decidedAt)
      throws SQLException {
    Map<Long, String> before = new HashMap<>();
    Map<Long, String> sourceBefore = new HashMap<>();
    Set<Long> following = new HashSet<>();
    Map<Long, Long> personOf = new HashMap<>();
    AudienceTally tally = new AudienceTally();
    String marks = String.join(",", Collections.nCopies(to - from, "?"));
    try (PreparedStatement ps =
        c.prepareStatement(
            // By primary key only, the workspace checked here (see SqlLedger.verdictsOf).
            "SELECT id, verdict, workspace_id, follows, verdict_source, person_id FROM identity"
                + " WHERE id IN ("
                + marks
                + ")")) {
      for (int i = from; i < to; i++) {
        ps.setLong(1 + i - from, ids[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(3) == workspaceId) {
            before.put(rs.getLong(1), rs.getString(2));
            sourceBefore.put(rs.getLong(1), rs.getString(5));
            personOf.put(rs.getLong(1), rs.getLong(6));
            if (rs.getBoolean(4)) {
              following.add(rs.getLong(1));
            }
          }
        }
      }
    }
    Map<Long, String> changed = new HashMap<>();
    Set<Long> crossed = new HashSet<>(); // persons with an identity now (not) authentic
    // An account twice in one chunk (and scorer) keeps its last verdict: one row per key, as
    // the rows a batch's updates miss are inserted after all of them.
    Map<String, Integer> lastOf = new HashMap<>();
    for (int i = from; i < to; i++) {
      lastOf.put(ids[i] + "\u0000" + verdicts.get(i).source(), i);
    }
    List<Integer> written = new ArrayList<>();
    try (PreparedStatement set =
            c.prepareStatement(
                // In place: a re-audit replaces every verdict, and an update of the non-key
                // columns leaves the key index alone where delete-then-insert rewrote it twice.
                "UPDATE verdict SET workspace_id = ?, category = ?, probability = ?, coverage = ?,"
                    + " reasons = ?, decided_at = ? WHERE identity_id = ? AND source = ?");
        PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO verdict (identity_id, source, workspace_id, category, probability,"
                    + " coverage, reasons, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement upd =
            c.prepareStatement(
                "UPDATE identity SET verdict = ?, verdict_source = ? WHERE id = ? AND"
                    + " workspace_id = ?")) {
      for (int i = from; i < to; i++) {
        long id = ids[i];
        if (!before.containsKey(id)) {
          throw new IllegalArgumentException(
              "identity " + id + " does not belong to workspace " + workspaceId);
        }
        Verdict v = verdicts.get(i);
        if (i == lastOf.get(id + "\u0000" + v.source())) {
          verdictRow(set, 0, workspaceId, id, v, decidedAt);
          written.add(i);
        }
        String old = before.get(id);
        // A re-audit mostly confirms verdicts: leave the wide identity row (and its indexes)
        // alone when neither the verdict nor its source changes.
        if (!old.equals(v.category().code()) || !v.source().equals(sourceBefore.get(id))) {
          upd.setString(1, v.category().code());
          upd.setString(2, v.source());
          upd.setLong(3, id);
          upd.setLong(4, workspaceId);
          upd.addBatch();
          sourceBefore.put(id, v.source());
        }
        if (!old.equals(v.category().code())) {
          boolean follows = following.contains(id);
          tally.move(old, follows, v.category().code(), follows);
          // The next row of the same batch for this identity starts from the new verdict.
          before.put(id, v.category().code());
          // Every changed identity, not only those with interactions (identity.engagements):
          // follows and unfollows on a post are in the post's rollup too.
          changed.put(id, v.category().code());
          if (Category.fromCode(old).authentic() != v.category().authentic()) {
            crossed.add(personOf.get(id));
          }
        }
      }
      int[] updated = set.executeBatch();
      for (int j = 0; j < updated.length; j++) {
        if (updated[j] == 0) {
          int i = written.get(j);
          verdictRow(ins, 2, workspaceId, ids[i], verdicts.get(i), decidedAt);
        }
      }
      ins.executeBatch();
      upd.executeBatch();
    }
    tally.write(c, dialect, workspaceId);
    if (!changed.isEmpty()) {
      // The ledger counts a new event in the bucket of the verdict it reads at ingest. Waiting
      // here for the ingests in flight (they hold the workspace row) and holding them off until
      // this commits means every event is either stored already, and moved below, or ingested
      // after this commit, under the new verdict: none is left in the old bucket.
      Watermarks.lockWorkspace(c, workspaceId);
      moveRollups(c, workspaceId, changed);
      PersonActivity.rebuild(c, workspaceId, crossed);
    }
  }

  /**
   * Binds one verdict row to the update (keys last, {@code keysAt} 0) or to the insert (keys first,
   * {@code keysAt} 2) and adds it to the batch.
   */
  private static void verdictRow(
      PreparedStatement ps, int keysAt, long workspaceId, long id, Verdict v, Instant decidedAt)
      throws SQLException {
    int keys = keysAt == 0 ? 7 : 1;
    int values = keysAt == 0 ? 1 : 3;
    ps.setLong(keys, id);
    ps.setString(keys + 1, v.source());
    ps.setLong(values, workspaceId);
    ps.setString(values + 1, v.category().code());
    ps.setDouble(values + 2, v.probability());
    ps.setDouble(values + 3, v.coverage());
    ps.setString(values + 4, clip(String.join("\n", v.reasons()), 2000));
    setTime(ps, values + 5, decidedAt);
    ps.addBatch();
  }

  /**
   * Moves each changed identity's post engagements from the verdict bucket they are counted in
   * (engagement.counted_as) to the new verdict's bucket.
   */
  private void moveRollups(Connection c, long workspaceId, Map<Long, String> changedTo)
      throws SQLException {
    String marks = String.join(",", Collections.nCopies(changedTo.size(), "?"));
    try (PreparedStatement counts =
            c.prepareStatement(
                "SELECT identity_id, variant_id, kind, counted_as, COUNT(*) FROM engagement"
                    + " WHERE workspace_id = ? AND variant_id IS NOT NULL AND identity_id IN ("
                    + marks
                    + ") GROUP BY identity_id, variant_id, kind, counted_as");
        PreparedStatement add = c.prepareStatement(addToRollup);
        PreparedStatement mark =
            c.prepareStatement(
                "UPDATE engagement SET counted_as = ? WHERE workspace_id = ? AND identity_id = ?")) {
      counts.setLong(1, workspaceId);
      int i = 2;
      for (long id : changedTo.keySet()) {
        counts.setLong(i++, id);
      }
      // Summed per rollup row before writing: PostgreSQL refuses an upsert batch (sent as one
      // multi-row statement) that names the same row twice, as two engagers of one post would.
      Map<RollupKey, long[]> deltas = new HashMap<>();
      Set<Long> counted = new HashSet<>();
      try (ResultSet rs = counts.executeQuery()) {
        while (rs.next()) {
          long identity = rs.getLong(1);
          long variant = rs.getLong(2);
          String kind = rs.getString(3);
          String old = rs.getString(4);
          long n = rs.getLong(5);
          counted.add(identity);
          deltas.computeIfAbsent(new RollupKey(variant, old, kind), k -> new long[1])[0] -= n;
          deltas
                  .computeIfAbsent(
                      new RollupKey(variant, changedTo.get(identity), kind), k -> new long[1])[0] +=
              n;
        }
      }
      for (var e : deltas.entrySet()) {
        if (e.getValue()[0] != 0) {
          RollupKey k = e.getKey();
          addRow(add, k.variant(), k.verdict(), k.kind(), workspaceId, e.getValue()[0]);
        }
      }
      add.executeBatch();
      for (var e : changedTo.entrySet()) {
        if (!counted.contains(e.getKey())) {
          continue; // no engagement on a post: nothing is counted in a bucket
        }
        mark.setString(1, e.getValue());
        mark.setLong(2, workspaceId);
        mark.setLong(3, e.getKey());
        mark.addBatch();
      }
      mark.executeBatch();
    }
  }

  private record RollupKey(long variant, String verdict, String kind) {}

  private static void addRow(
      PreparedStatement add, long variant, String verdict, String kind, long ws, long n)
      throws SQLException {
    add.setLong(1, variant);
    add.setString(2, verdict);
    add.setString(3, kind);
    add.setLong(4, ws);
    add.setLong(5, n);
    add.addBatch();
  }
}
