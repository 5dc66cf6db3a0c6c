package dev.rapport.people.internal;

import dev.rapport.authenticity.Category;
import dev.rapport.people.FocusKind;
import dev.rapport.people.FocusRules;
import dev.rapport.people.Stage;
import dev.rapport.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers {@link FocusRules.Facts} for a chunk of persons from the identities, the ask and week
 * rollups, the brand's recent actions, and the last 30 days of those persons' own ledger events.
 */
final class FocusFacts {
  private FocusFacts() {}

  /** Identities per lookup: a chunk of persons usually has a few more identities than persons. */
  private static final int IDENTITY_CHUNK = 1_000;

  /** A person with its display name and facts. */
  record Entry(long personId, String displayName, FocusRules.Facts facts) {}

  static List<Entry> of(
      Connection c,
      Dialect dialect,
      long workspaceId,
      List<Long> persons,
      Instant asOf,
      Map<Long, String> channels)
      throws SQLException {
    String in = "(" + Jdbc.marks(persons.size()) + ")";
    Map<Long, Object[]> person = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, stage, display_name FROM person WHERE workspace_id = ? AND merged_into IS"
                + " NULL AND id IN "
                + in)) {
      bind(ps, workspaceId, persons);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          person.put(
              rs.getLong(1), new Object[] {Stage.fromCode(rs.getString(2)), rs.getString(3)});
        }
      }
    }
    // The chunk's identities once, by the person index; the rollups and the ledger are then read
    // by identity id through their own leading index. Joining each of them with identity instead
    // let PostgreSQL scan the whole identity table once per query and chunk (60 ms a time at a
    // million identities). Only a lower bound on the week goes to the database: with both bounds
    // on the key's second column, H2 2.3 scans the key by that range instead of looking up the
    // identities; the upper bound (as of) is applied here.
    Map<Long, Long> personOf = new HashMap<>();
    Set<Long> authentic = new HashSet<>();
    Set<Long> authenticIdentities = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, person_id, verdict FROM identity WHERE workspace_id = ? AND person_id IN "
                + in)) {
      bind(ps, workspaceId, persons);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          personOf.put(rs.getLong(1), rs.getLong(2));
          if (Category.fromCode(rs.getString(3)).authentic()) {
            authentic.add(rs.getLong(2));
            authenticIdentities.add(rs.getLong(1));
          }
        }
      }
    }
    List<List<Long>> identityChunks = Jdbc.chunks(personOf.keySet(), IDENTITY_CHUNK);
    Map<Long, Map<Long, Instant[]>> waiting = new HashMap<>();
    for (List<Long> ids : identityChunks) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT identity_id, channel_id, pending_since, last_asked_at FROM identity_ask"
                  + " WHERE identity_id IN ("
                  + Jdbc.marks(ids.size())
                  + ") AND pending_since IS NOT NULL")) {
        bindIds(ps, 1, ids);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (authenticIdentities.contains(rs.getLong(1))) {
              waiting
                  .computeIfAbsent(personOf.get(rs.getLong(1)), k -> new HashMap<>())
                  .merge(
                      rs.getLong(2),
                      new Instant[] {Sql.time(rs, 3), Sql.time(rs, 4)},
                      (a, b) ->
                          new Instant[] {
                            a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]
                          });
            }
          }
        }
      }
    }
    LocalDate week = Weeks.of(asOf);
    LocalDate silentFrom = week.minusWeeks(FocusRules.SILENT_WEEKS - 1L);
    LocalDate beforeFrom = silentFrom.minusWeeks(FocusRules.BEFORE_WEEKS);
    Map<Long, Set<LocalDate>> before = new HashMap<>();
    Set<Long> recentlyActive = new HashSet<>();
    for (List<Long> ids : identityChunks) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT identity_id, week_start FROM identity_week WHERE identity_id IN ("
                  + Jdbc.marks(ids.size())
                  + ") AND week_start >= ?")) {
        bindIds(ps, 1, ids);
        ps.setObject(ids.size() + 1, beforeFrom);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long owner = personOf.get(rs.getLong(1));
            LocalDate w = rs.getObject(2, LocalDate.class);
            if (w.isAfter(week)) {
              continue; // after the as-of date
            }
            if (w.isBefore(silentFrom)) {
              before.computeIfAbsent(owner, k -> new HashSet<>()).add(w);
            } else {
              recentlyActive.add(owner);
            }
          }
        }
      }
    }
    Map<Long, long[]> recent = new HashMap<>();
    Instant thanksFrom = asOf.minus(Duration.ofDays(FocusRules.THANKS_WINDOW_DAYS));
    Instant buyingFrom = asOf.minus(Duration.ofDays(FocusRules.BUYING_WINDOW_DAYS));
    // The last 30 days of the chunk's own events. PostgreSQL looks each identity up in the
    // (identity, time) index from the IN list; H2 2.3 uses an IN list on an index's first column
    // only and would read each identity's whole history, so on H2 the identities drive a join
    // that seeks (identity, time) one identity at a time.
    String sums = "SUM(CASE WHEN e.occurred_at > ? THEN 1 ELSE 0 END), COUNT(*) FROM engagement e";
    String filter =
        " AND e.occurred_at > ? AND e.occurred_at <= ? AND e.kind IN ('click', 'reply', 'repost',"
            + " 'quote', 'mention') GROUP BY e.identity_id, e.kind";
    List<List<Long>> driving = dialect == Dialect.H2 ? List.of(persons) : identityChunks;
    for (List<Long> ids : driving) {
      String sql =
          dialect == Dialect.H2
              ? "SELECT e.identity_id, e.kind, "
                  + sums
                  + " JOIN identity i ON e.identity_id = i.id WHERE i.workspace_id = ? AND"
                  + " i.person_id IN "
                  + in
                  + filter
              : "SELECT e.identity_id, e.kind, "
                  + sums
                  + " WHERE e.identity_id IN ("
                  + Jdbc.marks(ids.size())
                  + ")"
                  + filter;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int k = 1;
        Sql.setTime(ps, k++, buyingFrom);
        if (dialect == Dialect.H2) {
          ps.setLong(k++, workspaceId);
        }
        bindIds(ps, k, ids);
        k += ids.size();
        Sql.setTime(ps, k++, thanksFrom);
        Sql.setTime(ps, k, asOf);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long[] r = recent.computeIfAbsent(personOf.get(rs.getLong(1)), x -> new long[3]);
            switch (rs.getString(2)) {
              case "click" -> r[0] += rs.getLong(3);
              case "reply" -> r[1] += rs.getLong(3);
              default -> r[2] += rs.getLong(4);
            }
          }
        }
      }
    }
    Map<Long, Set<FocusKind>> settled = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT person_id, focus FROM brand_action WHERE workspace_id = ? AND person_id IN "
                + in
                + " AND focus IS NOT NULL AND acted_at > ? AND acted_at <= ?")) {
      bind(ps, workspaceId, persons);
      Sql.setTime(ps, persons.size() + 2, asOf.minus(Duration.ofDays(FocusRules.SETTLED_DAYS)));
      Sql.setTime(ps, persons.size() + 3, asOf);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          settled
              .computeIfAbsent(rs.getLong(1), k -> EnumSet.noneOf(FocusKind.class))
              .add(FocusKind.fromCode(rs.getString(2)));
        }
      }
    }
    List<Entry> out = new ArrayList<>();
    for (var p : person.entrySet()) {
      long id = p.getKey();
      List<FocusRules.Waiting> w = new ArrayList<>();
      for (var e : waiting.getOrDefault(id, Map.of()).entrySet()) {
        long ch = e.getKey();
        w.add(
            new FocusRules.Waiting(
                ch == 0 ? null : ch,
                channels.getOrDefault(ch, "an unknown channel"),
                e.getValue()[0],
                e.getValue()[1]));
      }
      long[] r = recent.getOrDefault(id, new long[3]);
      out.add(
          new Entry(
              id,
              (String) p.getValue()[1],
              new FocusRules.Facts(
                  authentic.contains(id),
                  (Stage) p.getValue()[0],
                  w,
                  r[0],
                  r[1],
                  before.getOrDefault(id, Set.of()).size(),
                  !recentlyActive.contains(id),
                  r[2],
                  settled.getOrDefault(id, Set.of()))));
    }
    return out;
  }

  private static void bindIds(PreparedStatement ps, int first, List<Long> ids) throws SQLException {
    for (int i = 0; i < ids.size(); i++) {
      ps.setLong(first + i, ids.get(i));
    }
  }

  private static void bind(PreparedStatement ps, long workspaceId, List<Long> ids)
      throws SQLException {
    ps.setLong(1, workspaceId);
    for (int i = 0; i < ids.size(); i++) {
      ps.setLong(i + 2, ids.get(i));
    }
  }
}
