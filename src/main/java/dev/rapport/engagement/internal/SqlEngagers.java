package dev.rapport.engagement.internal;

import dev.rapport.engagement.EngagementKind;
import dev.rapport.engagement.Engagers;
import dev.rapport.store.Database;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Engagers of a variant in SQL: the rollup for the split, the ledger (by variant) for people. */
public final class SqlEngagers implements Engagers {

  private final Database db;

  public SqlEngagers(Database db) {
    this.db = db;
  }

  @Override
  public Map<String, Map<String, Long>> split(long workspaceId, long variantId) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    db.jdbi()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT verdict, kind, n FROM variant_rollup WHERE variant_id = ? AND"
                            + " workspace_id = ?")
                    .bind(0, variantId)
                    .bind(1, workspaceId)
                    .map(
                        (rs, ctx) ->
                            out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                                .merge(rs.getString(2), rs.getLong(3), Long::sum))
                    .list());
    return out;
  }

  @Override
  public List<Engager> of(long workspaceId, long variantId, int limit) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT i.id, i.person_id, i.platform, i.handle, i.display_name, i.verdict,"
                            + " e.kind, e.occurred_at FROM engagement e JOIN identity i ON i.id ="
                            + " e.identity_id WHERE e.variant_id = ? AND e.workspace_id = ?"
                            + " ORDER BY e.occurred_at DESC, e.id DESC")
                    .bind(0, variantId)
                    .bind(1, workspaceId)
                    .setMaxRows(Math.max(1, Math.min(limit, 10_000)))
                    .map(
                        (rs, ctx) ->
                            new Engager(
                                rs.getLong(1),
                                (Long) rs.getObject(2, Long.class),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                EngagementKind.fromCode(rs.getString(7)),
                                rs.getObject(8, OffsetDateTime.class).toInstant()))
                    .list());
  }
}
