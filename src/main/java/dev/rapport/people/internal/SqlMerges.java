package dev.rapport.people.internal;

import static dev.rapport.people.internal.Jdbc.insert;
import static dev.rapport.people.internal.Jdbc.longs;
import static dev.rapport.people.internal.Jdbc.orNull;
import static dev.rapport.people.internal.Jdbc.update;

import dev.rapport.people.MergeOutcome;
import dev.rapport.people.MergeSuggestion;
import dev.rapport.people.Merges;
import dev.rapport.people.Stage;
import dev.rapport.people.UndoOutcome;
import dev.rapport.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges in SQL. Each merge and undo is one transaction that locks both person rows. Thread-safe.
 */
public final class SqlMerges implements Merges {

  /** The person-owned tables a merge moves, with the item name logged for each. */
  private static final String[][] OWNED = {
    {"identity", "identity"},
    {"conversion", "conversion"},
    {"note", "person_note"},
    {"action", "brand_action"},
    {"link", "tracked_link"}
  };

  private final Database db;
  private final MergeSuggester suggester;

  public SqlMerges(Database db) {
    this.db = db;
    this.suggester = new MergeSuggester(db);
  }

  @Override
  public MergeOutcome merge(
      long workspaceId, long keptPersonId, long absorbedPersonId, String reason, Instant at) {
    if (keptPersonId == absorbedPersonId) {
      return new MergeOutcome.Refused("a person cannot be merged with itself");
    }
    return db.transaction(
        c -> {
          // The workspace first (as the refreshes take it): identities change persons, and the
          // ledger adds each batch to the persons it read; none may be in flight meanwhile.
          Watermarks.lockWorkspace(c, workspaceId);
          Map<Long, PersonRow> rows = lock(c, workspaceId, keptPersonId, absorbedPersonId);
          PersonRow kept = rows.get(keptPersonId);
          PersonRow absorbed = rows.get(absorbedPersonId);
          if (kept == null || absorbed == null) {
            return new MergeOutcome.Refused(
                "no person " + (kept == null ? keptPersonId : absorbedPersonId) + " here");
          }
          if (kept.mergedInto != null || absorbed.mergedInto != null) {
            PersonRow gone = kept.mergedInto != null ? kept : absorbed;
            return new MergeOutcome.Refused(
                "person " + gone.id + " was already merged into person " + gone.mergedInto);
          }
          String why = reason == null || reason.isBlank() ? "merged by hand" : reason;
          long mergeId =
              insert(
                  c,
                  "INSERT INTO person_merge (workspace_id, kept_person_id, absorbed_person_id,"
                      + " kept_stage, absorbed_stage, kept_email, reason, merged_at) VALUES"
                      + " (?, ?, ?, ?, ?, ?, ?, ?)",
                  workspaceId,
                  keptPersonId,
                  absorbedPersonId,
                  kept.stage.code(),
                  absorbed.stage.code(),
                  orNull(kept.email),
                  Sql.clip(why, 500),
                  at);
          int identities = 0;
          for (String[] owned : OWNED) {
            List<Long> ids =
                longs(
                    c,
                    "SELECT id FROM " + owned[1] + " WHERE workspace_id = ? AND person_id = ?",
                    workspaceId,
                    absorbedPersonId);
            move(c, mergeId, owned, ids, keptPersonId);
            if (owned[0].equals("identity")) {
              identities = ids.size();
            }
          }
          // A tag both persons carry stays on the absorbed one, so that undo leaves both as they
          // were.
          List<Long> tags =
              longs(
                  c,
                  "SELECT id FROM person_tag WHERE workspace_id = ? AND person_id = ? AND tag NOT IN"
                      + " (SELECT tag FROM person_tag WHERE person_id = ?)",
                  workspaceId,
                  absorbedPersonId,
                  keptPersonId);
          move(c, mergeId, new String[] {"tag", "person_tag"}, tags, keptPersonId);
          Stage merged = kept.stage.compareTo(absorbed.stage) >= 0 ? kept.stage : absorbed.stage;
          update(
              c,
              "UPDATE person SET stage = ?, email = COALESCE(email, ?) WHERE id = ?",
              merged.code(),
              orNull(absorbed.email),
              keptPersonId);
          update(
              c,
              "UPDATE person SET stage = ?, merged_into = ? WHERE id = ?",
              Stage.STRANGER.code(),
              keptPersonId,
              absorbedPersonId);
          StageLog.record(
              c, workspaceId, keptPersonId, kept.stage, merged, at, "merge #" + mergeId);
          StageLog.record(
              c,
              workspaceId,
              absorbedPersonId,
              absorbed.stage,
              Stage.STRANGER,
              at,
              "merged into person " + keptPersonId + " (merge #" + mergeId + ")");
          PersonActivity.rebuild(c, workspaceId, List.of(keptPersonId, absorbedPersonId));
          Dirty.mark(c, workspaceId, keptPersonId, absorbedPersonId);
          return new MergeOutcome.Merged(mergeId, keptPersonId, identities);
        });
  }

  private static void move(Connection c, long mergeId, String[] owned, List<Long> ids, long to)
      throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement log =
            c.prepareStatement(
                "INSERT INTO person_merge_item (merge_id, item, item_id) VALUES (?, ?, ?)");
        PreparedStatement mv =
            c.prepareStatement("UPDATE " + owned[1] + " SET person_id = ? WHERE id = ?")) {
      for (long id : ids) {
        log.setLong(1, mergeId);
        log.setString(2, owned[0]);
        log.setLong(3, id);
        log.addBatch();
        mv.setLong(1, to);
        mv.setLong(2, id);
        mv.addBatch();
      }
      log.executeBatch();
      mv.executeBatch();
    }
  }

  @Override
  public UndoOutcome undo(long workspaceId, long mergeId, Instant at) {
    return db.transaction(
        c -> {
          MergeRow m = mergeRow(c, workspaceId, mergeId);
          if (m == null) {
            return new UndoOutcome.Refused("no merge #" + mergeId + " here");
          }
          if (m.undone) {
            return new UndoOutcome.Refused("merge #" + mergeId + " was already undone");
          }
          List<Long> later =
              longs(
                  c,
                  "SELECT id FROM person_merge WHERE workspace_id = ? AND id > ? AND undone_at IS"
                      + " NULL AND (kept_person_id IN (?, ?) OR absorbed_person_id IN (?, ?))"
                      + " ORDER BY id DESC",
                  workspaceId,
                  mergeId,
                  m.kept,
                  m.absorbed,
                  m.kept,
                  m.absorbed);
          if (!later.isEmpty()) {
            return new UndoOutcome.Refused(
                "merge #" + later.get(0) + " involves the same persons; undo it first");
          }
          Watermarks.lockWorkspace(c, workspaceId);
          Map<Long, PersonRow> rows = lock(c, workspaceId, m.kept, m.absorbed);
          for (String[] owned : OWNED) {
            moveBack(c, mergeId, owned[0], owned[1], m.absorbed);
          }
          moveBack(c, mergeId, "tag", "person_tag", m.absorbed);
          update(
              c,
              "UPDATE person SET stage = ?, email = ? WHERE id = ?",
              m.keptStage.code(),
              orNull(m.keptEmail),
              m.kept);
          update(
              c,
              "UPDATE person SET stage = ?, merged_into = NULL WHERE id = ?",
              m.absorbedStage.code(),
              m.absorbed);
          update(c, "UPDATE person_merge SET undone_at = ? WHERE id = ?", at, mergeId);
          String why = "undo of merge #" + mergeId;
          StageLog.record(c, workspaceId, m.kept, rows.get(m.kept).stage, m.keptStage, at, why);
          StageLog.record(
              c, workspaceId, m.absorbed, rows.get(m.absorbed).stage, m.absorbedStage, at, why);
          PersonActivity.rebuild(c, workspaceId, List.of(m.kept, m.absorbed));
          Dirty.mark(c, workspaceId, m.kept, m.absorbed);
          return new UndoOutcome.Undone(mergeId, m.absorbed);
        });
  }

  private static void moveBack(Connection c, long mergeId, String item, String table, long to)
      throws SQLException {
    update(
        c,
        "UPDATE "
            + table
            + " SET person_id = ? WHERE id IN (SELECT item_id FROM person_merge_item WHERE"
            + " merge_id = ? AND item = ?)",
        to,
        mergeId,
        item);
  }

  @Override
  public List<MergeSuggestion> suggestions(long workspaceId, int limit) {
    return suggester.suggest(workspaceId, limit);
  }

  @Override
  public List<MergeRecord> history(long workspaceId, long personId) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT id, kept_person_id, absorbed_person_id, reason, merged_at,"
                            + " undone_at FROM person_merge WHERE workspace_id = ? AND"
                            + " (kept_person_id = ? OR absorbed_person_id = ?) ORDER BY id DESC")
                    .bind(0, workspaceId)
                    .bind(1, personId)
                    .bind(2, personId)
                    .map(
                        (rs, ctx) ->
                            new MergeRecord(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getString(4),
                                Sql.time(rs, 5),
                                Sql.time(rs, 6)))
                    .list());
  }

  private static Map<Long, PersonRow> lock(Connection c, long workspaceId, long a, long b)
      throws SQLException {
    Map<Long, PersonRow> rows = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, stage, email, merged_into FROM person WHERE workspace_id = ? AND id IN (?,"
                + " ?) ORDER BY id FOR UPDATE")) {
      ps.setLong(1, workspaceId);
      ps.setLong(2, a);
      ps.setLong(3, b);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(
              rs.getLong(1),
              new PersonRow(
                  rs.getLong(1),
                  Stage.fromCode(rs.getString(2)),
                  rs.getString(3),
                  Sql.longOrNull(rs, 4)));
        }
      }
    }
    return rows;
  }

  private static MergeRow mergeRow(Connection c, long workspaceId, long mergeId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT kept_person_id, absorbed_person_id, kept_stage, absorbed_stage, kept_email,"
                + " undone_at FROM person_merge WHERE workspace_id = ? AND id = ? FOR UPDATE")) {
      ps.setLong(1, workspaceId);
      ps.setLong(2, mergeId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new MergeRow(
            rs.getLong(1),
            rs.getLong(2),
            Stage.fromCode(rs.getString(3)),
            Stage.fromCode(rs.getString(4)),
            rs.getString(5),
            rs.getObject(6) != null);
      }
    }
  }

  private record PersonRow(long id, Stage stage, String email, Long mergedInto) {}

  private record MergeRow(
      long kept,
      long absorbed,
      Stage keptStage,
      Stage absorbedStage,
      String keptEmail,
      boolean undone) {}
}
