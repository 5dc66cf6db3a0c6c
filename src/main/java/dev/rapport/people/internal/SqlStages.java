package dev.rapport.people.internal;

import dev.rapport.people.Stage;
import dev.rapport.people.StageRules;
import dev.rapport.people.Stages;
import dev.rapport.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stages in SQL. A run is one transaction holding the workspace lock (so no ingest into the
 * workspace is half-way while the watermark is read). Thread-safe.
 */
public final class SqlStages implements Stages {

  static final int CHUNK = 500;

  private final Database db;

  public SqlStages(Database db) {
    this.db = db;
  }

  @Override
  public Run recompute(long workspaceId, Instant asOf) {
    return run(workspaceId, asOf, false);
  }

  @Override
  public Run recomputeAll(long workspaceId, Instant asOf) {
    return run(workspaceId, asOf, true);
  }

  private Run run(long workspaceId, Instant asOf, boolean full) {
    Watermarks.Settled settled = Watermarks.settled(db, workspaceId);
    return db.transaction(
        c -> {
          Watermarks.lockRefresh(c, db.dialect(), workspaceId, "stages");
          long[] mark = watermark(c, workspaceId);
          // Another run may have gone further meanwhile: never move the watermarks back.
          long engagementsUpTo =
              mark == null ? settled.engagements() : Math.max(mark[0], settled.engagements());
          long conversionsUpTo =
              mark == null ? settled.conversions() : Math.max(mark[1], settled.conversions());
          Set<Long> persons =
              full || mark == null
                  ? new TreeSet<>(
                      Jdbc.longs(
                          c,
                          "SELECT id FROM person WHERE workspace_id = ? AND merged_into IS NULL",
                          workspaceId))
                  : candidates(c, workspaceId, mark, engagementsUpTo, conversionsUpTo);
          if (full) {
            Dirty.take(c, workspaceId, Dirty.STAGE);
          }
          int changed = 0;
          for (List<Long> chunk : Jdbc.chunks(persons, CHUNK)) {
            changed += apply(c, workspaceId, StageFacts.of(c, workspaceId, chunk, asOf), asOf);
          }
          Jdbc.update(c, "DELETE FROM stage_run WHERE workspace_id = ?", workspaceId);
          Jdbc.update(
              c,
              "INSERT INTO stage_run (workspace_id, engagement_id, conversion_id, as_of) VALUES"
                  + " (?, ?, ?, ?)",
              workspaceId,
              engagementsUpTo,
              conversionsUpTo,
              asOf);
          return new Run(persons.size(), changed);
        });
  }

  private static Set<Long> candidates(
      Connection c, long workspaceId, long[] mark, long engagementsUpTo, long conversionsUpTo)
      throws SQLException {
    Set<Long> persons = new HashSet<>();
    persons.addAll(
        Watermarks.personsOf(
            c,
            workspaceId,
            Watermarks.identitiesWithEvents(c, workspaceId, mark[0], engagementsUpTo)));
    persons.addAll(
        Jdbc.longs(
            c,
            "SELECT person_id FROM conversion WHERE id > ? AND id <= ? AND workspace_id = ? AND"
                + " person_id IS NOT NULL",
            mark[1],
            conversionsUpTo,
            workspaceId));
    // Regular and advocate rest on time windows: they can lapse with no new event.
    persons.addAll(
        Jdbc.longs(
            c,
            "SELECT id FROM person WHERE workspace_id = ? AND stage IN ('regular', 'advocate')",
            workspaceId));
    // Follows recorded since: strangers that now follow.
    persons.addAll(
        Jdbc.longs(
            c,
            "SELECT DISTINCT p.id FROM person p JOIN identity i ON i.person_id = p.id WHERE"
                + " p.workspace_id = ? AND p.stage = 'stranger' AND i.follows = TRUE",
            workspaceId));
    persons.addAll(Dirty.take(c, workspaceId, Dirty.STAGE));
    return new TreeSet<>(persons);
  }

  private static int apply(
      Connection c, long workspaceId, Map<Long, StageFacts.Entry> entries, Instant asOf)
      throws SQLException {
    int changed = 0;
    try (PreparedStatement ps = c.prepareStatement("UPDATE person SET stage = ? WHERE id = ?")) {
      for (var e : entries.entrySet()) {
        StageRules.Decision d = StageRules.decide(e.getValue().facts());
        Stage from = e.getValue().current();
        if (d.stage() != from) {
          ps.setString(1, d.stage().code());
          ps.setLong(2, e.getKey());
          ps.addBatch();
          StageLog.record(c, workspaceId, e.getKey(), from, d.stage(), asOf, d.reason());
          changed++;
        }
      }
      ps.executeBatch();
    }
    return changed;
  }

  /** {engagement id, conversion id} of the last run, or null before the first. */
  private static long[] watermark(Connection c, long workspaceId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT engagement_id, conversion_id FROM stage_run WHERE workspace_id = ?")) {
      ps.setLong(1, workspaceId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
      }
    }
  }

  @Override
  public List<StageChange> history(long workspaceId, long personId) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT person_id, from_stage, to_stage, changed_at, reason FROM"
                            + " stage_change WHERE workspace_id = ? AND person_id = ? ORDER BY"
                            + " changed_at, id")
                    .bind(0, workspaceId)
                    .bind(1, personId)
                    .map(
                        (rs, ctx) ->
                            new StageChange(
                                rs.getLong(1),
                                Stage.fromCode(rs.getString(2)),
                                Stage.fromCode(rs.getString(3)),
                                Sql.time(rs, 4),
                                rs.getString(5)))
                    .list());
  }
}
