package dev.rapport.people.internal;

import dev.rapport.people.Stage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Appends to the stage history; every writer of person.stage in this package goes through it. */
final class StageLog {
  private StageLog() {}

  static void record(
      Connection c, long workspaceId, long personId, Stage from, Stage to, Instant at, String why)
      throws SQLException {
    if (from == to) {
      return;
    }
    Jdbc.update(
        c,
        "INSERT INTO stage_change (workspace_id, person_id, from_stage, to_stage, changed_at,"
            + " reason) VALUES (?, ?, ?, ?, ?, ?)",
        workspaceId,
        personId,
        from.code(),
        to.code(),
        at,
        Sql.clip(why, 500));
  }
}
