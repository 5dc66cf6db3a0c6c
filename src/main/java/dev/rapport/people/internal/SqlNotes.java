package dev.rapport.people.internal;

import dev.rapport.people.Notes;
import dev.rapport.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Notes and tags in SQL. Thread-safe. */
public final class SqlNotes implements Notes {

  private final Database db;

  public SqlNotes(Database db) {
    this.db = db;
  }

  @Override
  public Note add(
      long workspaceId, long personId, Long authorId, String author, String body, Instant at) {
    String text = text(body);
    return db.transaction(
        c -> {
          requireLive(c, workspaceId, personId);
          long id =
              Jdbc.insert(
                  c,
                  "INSERT INTO person_note (workspace_id, person_id, author_user_id, author, body,"
                      + " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                  workspaceId,
                  personId,
                  Jdbc.orNull(authorId),
                  Jdbc.orNull(Sql.clip(author, 200)),
                  text,
                  at);
          return new Note(id, personId, authorId, author, text, at, null);
        });
  }

  @Override
  public List<Note> of(long workspaceId, long personId) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        SELECT
                            + " WHERE workspace_id = ? AND person_id = ? ORDER BY created_at DESC,"
                            + " id DESC")
                    .bind(0, workspaceId)
                    .bind(1, personId)
                    .map((rs, ctx) -> note(rs))
                    .list());
  }

  @Override
  public Optional<Note> note(long workspaceId, long noteId) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(SELECT + " WHERE workspace_id = ? AND id = ?")
                    .bind(0, workspaceId)
                    .bind(1, noteId)
                    .map((rs, ctx) -> note(rs))
                    .findOne());
  }

  @Override
  public Optional<Note> edit(long workspaceId, long noteId, String body, Instant at) {
    String text = text(body);
    int changed =
        db.transaction(
            c ->
                Jdbc.update(
                    c,
                    "UPDATE person_note SET body = ?, edited_at = ? WHERE workspace_id = ? AND id"
                        + " = ?",
                    text,
                    at,
                    workspaceId,
                    noteId));
    return changed == 0 ? Optional.empty() : note(workspaceId, noteId);
  }

  @Override
  public boolean delete(long workspaceId, long noteId) {
    return db.transaction(
            c ->
                Jdbc.update(
                    c,
                    "DELETE FROM person_note WHERE workspace_id = ? AND id = ?",
                    workspaceId,
                    noteId))
        > 0;
  }

  private static final String SELECT =
      "SELECT id, person_id, author_user_id, author, body, created_at, edited_at FROM person_note";

  private static Note note(ResultSet rs) throws SQLException {
    return new Note(
        rs.getLong(1),
        rs.getLong(2),
        Sql.longOrNull(rs, 3),
        rs.getString(4),
        rs.getString(5),
        Sql.time(rs, 6),
        Sql.time(rs, 7));
  }

  /** The stored text of a note: trimmed, not blank, not too long. */
  private static String text(String body) {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("a note needs some text");
    }
    String text = body.strip();
    if (text.length() > MAX_NOTE_LENGTH) {
      throw new IllegalArgumentException("a note holds at most 4,000 characters");
    }
    return text;
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
