package dev.rapport.people.internal;

import dev.rapport.people.Notes;
import dev.rapport.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Notes and tags in SQL. Thread-safe. */
public final class SqlNotes implements Notes {

  private final Database db;

  public SqlNotes(Database db) {
    this.db = db;
  }

  @Override
  public Note add(long workspaceId, long personId, String author, String body, Instant at) {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("a note needs some text");
    }
    if (body.length() > 4000) {
      throw new IllegalArgumentException("a note holds at most 4,000 characters");
    }
    return db.transaction(
        c -> {
          requireLive(c, workspaceId, personId);
          long id =
              Jdbc.insert(
                  c,
                  "INSERT INTO person_note (workspace_id, person_id, author, body, created_at)"
                      + " VALUES (?, ?, ?, ?, ?)",
                  workspaceId,
                  personId,
                  Jdbc.orNull(Sql.clip(author, 200)),
                  body.strip(),
                  at);
          return new Note(id, personId, author, body.strip(), at);
        });
  }

  @Override
  public List<Note> of(long workspaceId, long personId) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT id, person_id, author, body, created_at FROM person_note WHERE"
                            + " workspace_id = ? AND person_id = ? ORDER BY created_at DESC, id"
                            + " DESC")
                    .bind(0, workspaceId)
                    .bind(1, personId)
                    .map(
                        (rs, ctx) ->
                            new Note(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getString(3),
                                rs.getString(4),
                                Sql.time(rs, 5)))
                    .list());
  }

  @Override
  public boolean tag(long workspaceId, long personId, String tag, Instant at) {
    String t = Notes.normalTag(tag);
    return db.transaction(
        c -> {
          requireLive(c, workspaceId, personId);
          if (!Jdbc.longs(
                  c, "SELECT id FROM person_tag WHERE person_id = ? AND tag = ?", personId, t)
              .isEmpty()) {
            return false;
          }
          Jdbc.update(
              c,
              "INSERT INTO person_tag (workspace_id, person_id, tag, created_at) VALUES (?, ?, ?,"
                  + " ?)",
              workspaceId,
              personId,
              t,
              at);
          return true;
        });
  }

  @Override
  public boolean untag(long workspaceId, long personId, String tag) {
    String t = Notes.normalTag(tag);
    return db.transaction(
            c ->
                Jdbc.update(
                    c,
                    "DELETE FROM person_tag WHERE workspace_id = ? AND person_id = ? AND tag = ?",
                    workspaceId,
                    personId,
                    t))
        > 0;
  }

  @Override
  public List<String> tags(long workspaceId, long personId) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT tag FROM person_tag WHERE workspace_id = ? AND person_id = ? ORDER"
                            + " BY tag")
                    .bind(0, workspaceId)
                    .bind(1, personId)
                    .mapTo(String.class)
                    .list());
  }

  @Override
  public List<Long> tagged(long workspaceId, String tag, int limit) {
    String t = Notes.normalTag(tag);
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT person_id FROM person_tag WHERE workspace_id = ? AND tag = ? ORDER"
                            + " BY person_id FETCH FIRST ? ROWS ONLY")
                    .bind(0, workspaceId)
                    .bind(1, t)
                    .bind(2, limit)
                    .mapTo(Long.class)
                    .list());
  }

  /** Notes go to live persons: one merged away lives on in the person it was merged into. */
  static void requireLive(Connection c, long workspaceId, long personId) throws SQLException {
    List<Long> merged =
        Jdbc.longs(
            c,
            "SELECT COALESCE(merged_into, 0) FROM person WHERE workspace_id = ? AND id = ?",
            workspaceId,
            personId);
    if (merged.isEmpty()) {
      throw new IllegalArgumentException("no person " + personId + " in workspace " + workspaceId);
    }
    if (merged.get(0) != 0) {
      throw new IllegalArgumentException(
          "person " + personId + " was merged into person " + merged.get(0));
    }
  }
}
