package dev.rapport.people.internal;

import dev.rapport.authenticity.Category;
import dev.rapport.people.Directory;
import dev.rapport.people.Identity;
import dev.rapport.people.Person;
import dev.rapport.people.Stage;
import dev.rapport.store.Database;
import dev.rapport.workspace.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  /** The most a page may hold, whatever the caller asks. */
  static final int MAX_PAGE = 500;

  @Override
  public Page find(long workspaceId, Filter filter, int offset, int limit) {
    Filter f = filter == null ? Filter.NONE : filter;
    int size = Math.max(1, Math.min(limit, MAX_PAGE));
    int skip = Math.max(0, offset);
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE p.workspace_id = ? AND p.merged_into IS NULL");
    args.add(workspaceId);
    if (f.stage() != null) {
      where.append(" AND p.stage = ?");
      args.add(f.stage().code());
    }
    if (f.verdict() != null || f.platform() != null) {
      where.append(" AND EXISTS (SELECT 1 FROM identity v WHERE v.person_id = p.id");
      if (f.verdict() != null) {
        where.append(" AND v.verdict = ?");
        args.add(f.verdict().code());
      }
      if (f.platform() != null) {
        where.append(" AND v.platform = ?");
        args.add(f.platform().code());
      }
      where.append(")");
    }
    if (f.tag() != null) {
      where.append(
          " AND EXISTS (SELECT 1 FROM person_tag t WHERE t.workspace_id = ? AND t.person_id = p.id"
              + " AND t.tag = ?)");
      args.add(workspaceId);
      args.add(f.tag());
    }
    List<String> having = new ArrayList<>();
    if (f.engagedSince() != null) {
      having.add("MAX(a.last_engaged_at) >= ?");
      args.add(f.engagedSince());
    }
    if (f.quietSince() != null) {
      having.add("(MAX(a.last_engaged_at) IS NULL OR MAX(a.last_engaged_at) < ?)");
      args.add(f.quietSince());
    }
    if (f.neverEngaged()) {
      having.add("MAX(a.last_engaged_at) IS NULL");
    }
    String select =
        "SELECT p.id, p.display_name, p.email, p.stage, MAX(a.last_engaged_at) AS last_at,"
            + " COALESCE(SUM(a.engagements), 0) AS n FROM person p LEFT JOIN identity i ON"
            + " i.person_id = p.id AND i.workspace_id = p.workspace_id LEFT JOIN"
            + " identity_activity a ON a.identity_id = i.id";
    String groupBy =
        " GROUP BY p.id, p.display_name, p.email, p.stage"
            + (having.isEmpty() ? "" : " HAVING " + String.join(" AND ", having));
    String grouped = select + where + groupBy;
    boolean unfiltered = f.equals(Filter.NONE);
    return db.transaction(
        c -> {
          long total;
          String page = grouped;
          List<Object> pageArgs = new ArrayList<>(args);
          Recent recent = unfiltered ? recent(c, workspaceId, skip + size) : null;
          if (recent != null) {
            // Unfiltered, the page holds only persons engaged since the n-th most recent one's
            // last engagement: group those alone (their ids are known) rather than every person
            // of the workspace, and count persons without grouping.
            total = countPersons(c, workspaceId);
            page =
                select
                    + where
                    + " AND p.id IN ("
                    + Jdbc.marks(recent.persons().size())
                    + ")"
                    + groupBy;
            pageArgs.addAll(recent.persons());
          } else {
            try (PreparedStatement ps =
                c.prepareStatement("SELECT COUNT(*) FROM (" + grouped + ") m")) {
              Jdbc.bind(ps, args.toArray());
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
              }
            }
          }
          pageArgs.add(skip);
          pageArgs.add(size);
          List<Object[]> rows = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  page
                      + " ORDER BY last_at DESC NULLS LAST, p.id OFFSET ? ROWS FETCH NEXT ? ROWS"
                      + " ONLY")) {
            Jdbc.bind(ps, pageArgs.toArray());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(
                    new Object[] {
                      new Person(
                          rs.getLong(1),
                          workspaceId,
                          rs.getString(2),
                          rs.getString(3),
                          Stage.fromCode(rs.getString(4))),
                      Sql.time(rs, 5),
                      rs.getLong(6)
                    });
              }
            }
          }
          List<Long> ids = rows.stream().map(r -> ((Person) r[0]).id()).toList();
          Map<Long, List<Identity>> identities = identities(c, workspaceId, ids);
          Map<Long, List<String>> tags = tags(c, workspaceId, ids);
          List<Listed> out = new ArrayList<>(rows.size());
          for (Object[] r : rows) {
            Person p = (Person) r[0];
            out.add(
                new Listed(
                    p,
                    identities.getOrDefault(p.id(), List.of()),
                    tags.getOrDefault(p.id(), List.of()),
                    (java.time.Instant) r[1],
                    (long) r[2]));
          }
          return new Page(out, total);
        });
  }

  /** Identities read at most, most recent first, to find where an unfiltered page begins. */
  static final int RECENT_SCAN = 5_000;

  /**
   * The persons who can be on an unfiltered page ending at the {@code n}-th person of the list:
   * those engaged at or after the {@code n}-th most recently engaged listed person's last
   * engagement. Null when the most recent identities do not settle it (a page past the engaged
   * persons, many identities per person, or ties past the scan): the caller groups everyone.
   *
   * <p>Three queries without a join: H2 plans a join of the recency index with {@code identity}
   * from the identity side and sorts every identity of the workspace (23.6 s at a million), while
   * alone the recency index is read backwards and stops after {@link #RECENT_SCAN} rows; the
   * persons of those identities are then looked up by primary key.
   */
  private static Recent recent(Connection c, long workspaceId, int n) throws SQLException {
    if (n > RECENT_SCAN / 2) {
      return null;
    }
    List<Long> identityIds = new ArrayList<>();
    List<java.time.Instant> lastAt = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT identity_id, last_engaged_at FROM identity_activity WHERE workspace_id = ?"
                + " ORDER BY workspace_id DESC, last_engaged_at DESC FETCH FIRST ? ROWS ONLY")) {
      Jdbc.bind(ps, workspaceId, RECENT_SCAN);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          identityIds.add(rs.getLong(1));
          lastAt.add(Sql.time(rs, 2));
        }
      }
    }
    // The identities' persons are looked up a slice at a time, as far as the page needs.
    java.util.LinkedHashSet<Long> persons = new java.util.LinkedHashSet<>();
    java.time.Instant from = null;
    int slice = Math.max(100, 2 * n);
    for (int lo = 0; lo < identityIds.size(); lo += slice) {
      int hi = Math.min(identityIds.size(), lo + slice);
      Map<Long, Long> personOf = listedPersons(c, workspaceId, identityIds.subList(lo, hi));
      for (int i = lo; i < hi; i++) {
        if (from != null && lastAt.get(i).isBefore(from)) {
          return new Recent(List.copyOf(persons));
        }
        Long person = personOf.get(identityIds.get(i));
        if (person == null) {
          continue;
        }
        persons.add(person);
        if (from == null && persons.size() == n) {
          from = lastAt.get(i);
        }
      }
    }
    // The scan ended before an older engagement: complete only if it read every identity.
    return from != null && identityIds.size() < RECENT_SCAN
        ? new Recent(List.copyOf(persons))
        : null;
  }

  /**
   * The listed person (in the workspace, not merged away) of each of {@code identityIds} that has
   * one. By primary key only, the workspace checked here: with a workspace condition in SQL, H2
   * picks a (workspace_id, ...) index and reads the whole audience.
   */
  private static Map<Long, Long> listedPersons(
      Connection c, long workspaceId, List<Long> identityIds) throws SQLException {
    Map<Long, Long> personOf = new HashMap<>();
    byId(
        c,
        "SELECT id, workspace_id, person_id FROM identity WHERE id IN (",
        identityIds,
        rs -> {
          if (rs.getLong(2) == workspaceId) {
            personOf.put(rs.getLong(1), rs.getLong(3));
          }
        });
    java.util.Set<Long> listed = new java.util.HashSet<>();
    byId(
        c,
        "SELECT id, workspace_id, merged_into FROM person WHERE id IN (",
        new ArrayList<>(new java.util.HashSet<>(personOf.values())),
        rs -> {
          if (rs.getLong(2) == workspaceId && rs.getObject(3) == null) {
            listed.add(rs.getLong(1));
          }
        });
    personOf.values().retainAll(listed);
    return personOf;
  }

  /** The persons an unfiltered page is computed from, most recently engaged first. */
  private record Recent(List<Long> persons) {}

  /** Reads one result row. */
  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  /** Runs {@code head + IN list + ")"} over {@code ids} in chunks, each a primary-key lookup. */
  private static void byId(Connection c, String head, List<Long> ids, Row row) throws SQLException {
    for (int from = 0; from < ids.size(); from += PAGE) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + PAGE));
      try (PreparedStatement ps = c.prepareStatement(head + Jdbc.marks(chunk.size()) + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(1 + i, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            row.read(rs);
          }
        }
      }
    }
  }

  /**
   * Persons listed in the workspace: all its persons less the merged-away ones, two counts that
   * read an index each (V56) instead of every person row.
   */
  private static long countPersons(Connection c, long workspaceId) throws SQLException {
    return count(c, "SELECT COUNT(*) FROM person WHERE workspace_id = ?", workspaceId)
        - count(
            c,
            "SELECT COUNT(*) FROM person WHERE workspace_id = ? AND merged_into > 0",
            workspaceId);
  }

  private static long count(Connection c, String sql, long workspaceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, workspaceId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Map<Long, List<Identity>> identities(
      Connection c, long workspaceId, List<Long> personIds) throws SQLException {
    Map<Long, List<Identity>> out = new HashMap<>();
    if (personIds.isEmpty()) {
      return out;
    }
    List<Object> args = new ArrayList<>();
    args.add(workspaceId);
    args.addAll(personIds);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.id, i.person_id, i.platform, i.platform_user_id, i.handle,"
                + " i.display_name, i.verdict, i.follows, a.last_engaged_at,"
                + " COALESCE(a.engagements, 0) FROM identity i LEFT JOIN identity_activity a ON"
                + " a.identity_id = i.id WHERE i.workspace_id = ? AND i.person_id IN ("
                + Jdbc.marks(personIds.size())
                + ") ORDER BY i.person_id, i.id")) {
      Jdbc.bind(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Identity i =
              new Identity(
                  rs.getLong(1),
                  workspaceId,
                  rs.getLong(2),
                  Platform.fromCode(rs.getString(3)),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  Category.fromCode(rs.getString(7)),
                  rs.getBoolean(8),
                  Sql.time(rs, 9),
                  rs.getLong(10));
          out.computeIfAbsent(i.personId(), k -> new ArrayList<>()).add(i);
        }
      }
    }
    return out;
  }

  private static Map<Long, List<String>> tags(Connection c, long workspaceId, List<Long> personIds)
      throws SQLException {
    Map<Long, List<String>> out = new HashMap<>();
    if (personIds.isEmpty()) {
      return out;
    }
    List<Object> args = new ArrayList<>();
    args.add(workspaceId);
    args.addAll(personIds);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT person_id, tag FROM person_tag WHERE workspace_id = ? AND person_id IN ("
                + Jdbc.marks(personIds.size())
                + ") ORDER BY person_id, tag")) {
      Jdbc.bind(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    return out;
  }
}
