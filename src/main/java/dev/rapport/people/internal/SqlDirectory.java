package dev.rapport.people.internal;

import dev.rapport.people.Directory;
import dev.rapport.people.Stage;
import dev.rapport.store.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The directory in SQL: pages of persons by id (keyset), each page's identities and tags in two
 * more queries, so memory stays flat whatever the size of the audience. Thread-safe.
 */
public final class SqlDirectory implements Directory {

  static final int PAGE = 1_000;

  private final Database db;

  public SqlDirectory(Database db) {
    this.db = db;
  }

  @Override
  public void each(long workspaceId, Consumer<Entry> sink) {
    long after = 0;
    while (true) {
      long from = after;
      List<Object[]> persons =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT id, display_name, email, stage FROM person WHERE"
                                  + " workspace_id = ? AND merged_into IS NULL AND id > ? ORDER BY"
                                  + " id FETCH FIRST ? ROWS ONLY")
                          .bind(0, workspaceId)
                          .bind(1, from)
                          .bind(2, PAGE)
                          .map(
                              (rs, ctx) ->
                                  new Object[] {
                                    rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)
                                  })
                          .list());
      if (persons.isEmpty()) {
        return;
      }
      long lo = (long) persons.get(0)[0];
      long hi = (long) persons.get(persons.size() - 1)[0];
      Map<Long, List<String>> identities = group(workspaceId, lo, hi, true);
      Map<Long, List<String>> tags = group(workspaceId, lo, hi, false);
      for (Object[] p : persons) {
        long id = (long) p[0];
        sink.accept(
            new Entry(
                id,
                (String) p[1],
                (String) p[2],
                Stage.fromCode((String) p[3]),
                identities.getOrDefault(id, List.of()),
                tags.getOrDefault(id, List.of())));
      }
      after = hi;
    }
  }

  private Map<Long, List<String>> group(long workspaceId, long lo, long hi, boolean identities) {
    String sql =
        identities
            ? "SELECT person_id, platform || ':' || COALESCE(handle, platform_user_id) FROM"
                + " identity WHERE workspace_id = ? AND person_id >= ? AND person_id <= ? ORDER BY"
                + " person_id, id"
            : "SELECT person_id, tag FROM person_tag WHERE workspace_id = ? AND person_id >= ? AND"
                + " person_id <= ? ORDER BY person_id, tag";
    Map<Long, List<String>> out = new HashMap<>();
    db.jdbi()
        .useHandle(
            h ->
                h.createQuery(sql)
                    .bind(0, workspaceId)
                    .bind(1, lo)
                    .bind(2, hi)
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .forEach(
                        e ->
                            out.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(e.getValue())));
    return out;
  }
}
