package dev.rapport.workspace.internal;

import dev.rapport.store.Database;
import dev.rapport.workspace.SecurityLog;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The security log in SQL. Thread-safe. */
public final class SqlSecurityLog implements SecurityLog {

  private final Database db;
  private final Clock clock;

  public SqlSecurityLog(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public void record(long workspaceId, Long userId, String actor, String action, String detail) {
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO security_event (workspace_id, user_id, actor, action, detail,"
                        + " occurred_at) VALUES (?, ?, ?, ?, ?, ?)",
                    workspaceId,
                    userId,
                    clip(actor == null ? "unknown" : actor, 320),
                    clip(action, 64),
                    clip(detail == null ? "" : detail, 1000),
                    OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
  }

  @Override
  public List<Event> recent(long workspaceId, int limit) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT id, actor, action, detail, occurred_at FROM security_event WHERE"
                            + " workspace_id = ? ORDER BY occurred_at DESC, id DESC")
                    .bind(0, workspaceId)
                    .setMaxRows(Math.max(1, Math.min(limit, 1000)))
                    .map(
                        (rs, ctx) ->
                            new Event(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getObject(5, OffsetDateTime.class).toInstant()))
                    .list());
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
