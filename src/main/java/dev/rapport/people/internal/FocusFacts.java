package dev.rapport.people.internal;

import dev.rapport.authenticity.Category;
import dev.rapport.people.FocusKind;
import dev.rapport.people.FocusRules;
import dev.rapport.people.Stage;
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

  /** A person with its display name and facts. */
  record Entry(long personId, String displayName, FocusRules.Facts facts) {}

  static List<Entry> of(
      Connection c, long workspaceId, List<Long> persons, Instant asOf, Map<Long, String> channels)
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
    Set<Long> authentic = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT person_id, verdict FROM identity WHERE workspace_id = ? AND person_id IN "
                + in)) {
      bind(ps, workspaceId, persons);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (Category.fromCode(rs.getString(2)).authentic()) {
            authentic.add(rs.getLong(1));
          }
        }
      }
    }
    Map<Long, Map<Long, Instant[]>> waiting = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.person_id, q.channel_id, q.pending_since, i.verdict, q.last_asked_at FROM"
                + " identity_ask q JOIN"
                + " identity i ON i.id = q.identity_id WHERE i.workspace_id = ? AND i.person_id IN "
                + in
                + " AND q.pending_since IS NOT NULL")) {
      bind(ps, workspaceId, persons);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (Category.fromCode(rs.getString(4)).authentic()) {
            waiting
                .computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                .merge(
                    rs.getLong(2),
                    new Instant[] {Sql.time(rs, 3), Sql.time(rs, 5)},
                    (a, b) ->
                        new Instant[] {
                          a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]
                        });
          }
        }
      }
    }
    LocalDate week = Weeks.of(asOf);
    LocalDate silentFrom = week.minusWeeks(FocusRules.SILENT_WEEKS - 1L);
    LocalDate beforeFrom = silentFrom.minusWeeks(FocusRules.BEFORE_WEEKS);
    Map<Long, Set<LocalDate>> before = new HashMap<>();
    Set<Long> recentlyActive = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.person_id, w.week_start FROM identity_week w JOIN identity i ON i.id ="
                + " w.identity_id WHERE i.workspace_id = ? AND i.person_id IN "
                + in
                + " AND w.week_start >= ? AND w.week_start <= ?")) {
      bind(ps, workspaceId, persons);
      ps.setObject(persons.size() + 2, beforeFrom);
      ps.setObject(persons.size() + 3, week);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          LocalDate w = rs.getObject(2, LocalDate.class);
          if (w.isBefore(silentFrom)) {
            before.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(w);
          } else {
            recentlyActive.add(rs.getLong(1));
          }
        }
      }
    }
    Map<Long, long[]> recent = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.person_id, e.kind, SUM(CASE WHEN e.occurred_at > ? THEN 1 ELSE 0 END),"
                + " COUNT(*) FROM engagement e JOIN identity i ON i.id = e.identity_id WHERE"
                + " i.workspace_id = ? AND i.person_id IN "
                + in
                + " AND e.occurred_at > ? AND e.occurred_at <= ? AND e.kind IN ('click',"
                + " 'reply', 'repost', 'quote', 'mention') GROUP BY i.person_id, e.kind")) {
      Sql.setTime(ps, 1, asOf.minus(Duration.ofDays(FocusRules.BUYING_WINDOW_DAYS)));
      ps.setLong(2, workspaceId);
      for (int i = 0; i < persons.size(); i++) {
        ps.setLong(i + 3, persons.get(i));
      }
      Sql.setTime(
          ps, persons.size() + 3, asOf.minus(Duration.ofDays(FocusRules.THANKS_WINDOW_DAYS)));
      Sql.setTime(ps, persons.size() + 4, asOf);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long[] r = recent.computeIfAbsent(rs.getLong(1), k -> new long[3]);
          switch (rs.getString(2)) {
            case "click" -> r[0] += rs.getLong(3);
            case "reply" -> r[1] += rs.getLong(3);
            default -> {}
          }
          if (!rs.getString(2).equals("click") && !rs.getString(2).equals("reply")) {
            r[2] += rs.getLong(4);
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

  private static void bind(PreparedStatement ps, long workspaceId, List<Long> ids)
      throws SQLException {
    ps.setLong(1, workspaceId);
    for (int i = 0; i < ids.size(); i++) {
      ps.setLong(i + 2, ids.get(i));
    }
  }
}
