package dev.rapport.people.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Persons whose stage and focus item the next incremental runs must look at again, because
 * something other than new events changed them (a merge, an undo, a brand action).
 */
final class Dirty {
  static final String STAGE = "stage";
  static final String FOCUS = "focus";

  private Dirty() {}

  static void mark(Connection c, long workspaceId, long... personIds) throws SQLException {
    for (String purpose : new String[] {STAGE, FOCUS}) {
      for (long id : personIds) {
        Jdbc.update(c, "DELETE FROM person_dirty WHERE purpose = ? AND person_id = ?", purpose, id);
        Jdbc.update(
            c,
            "INSERT INTO person_dirty (purpose, person_id, workspace_id) VALUES (?, ?, ?)",
            purpose,
            id,
            workspaceId);
      }
    }
  }

  /** Takes (reads and clears) the dirty persons for one purpose. */
  static List<Long> take(Connection c, long workspaceId, String purpose) throws SQLException {
    List<Long> ids =
        Jdbc.longs(
            c,
            "SELECT person_id FROM person_dirty WHERE workspace_id = ? AND purpose = ?",
            workspaceId,
            purpose);
    Jdbc.update(
        c, "DELETE FROM person_dirty WHERE workspace_id = ? AND purpose = ?", workspaceId, purpose);
    return ids;
  }
}
