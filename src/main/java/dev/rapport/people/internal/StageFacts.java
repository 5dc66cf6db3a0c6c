package dev.rapport.people.internal;

import dev.rapport.people.Stage;
import dev.rapport.people.StageRules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers {@link StageRules.Facts} for a chunk of persons: identities, the week rollup, and the
 * ledger's last 90 days of those persons only (through the identity/time index).
 */
final class StageFacts {
  private StageFacts() {}

  /** Current stage and facts of each person of the chunk that still exists (not merged away). */
  static Map<Long, Entry> of(Connection c, long workspaceId, List<Long> persons, Instant asOf)
      throws SQLException {
    String in = "(" + Jdbc.marks(persons.size()) + ")";
    Map<Long, Stage> stages = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, stage FROM person WHERE workspace_id = ? AND merged_into IS NULL AND id IN "
                + in)) {
      bindIds(ps, workspaceId, persons);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stages.put(rs.getLong(1), Stage.fromCode(rs.getString(2)));
        }
      }
    }
    Map<Long, boolean[]> follows = new HashMap<>();
    Map<Long, long[]> interactions = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.person_id, i.follows, COALESCE(a.engagements, 0) FROM identity i LEFT JOIN"
                + " identity_activity a ON a.identity_id = i.id WHERE i.workspace_id = ? AND"
                + " i.person_id IN "
                + in)) {
      bindIds(ps, workspaceId, persons);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long p = rs.getLong(1);
          follows.computeIfAbsent(p, k -> new boolean[1])[0] |= rs.getBoolean(2);
          interactions.computeIfAbsent(p, k -> new long[1])[0] += rs.getLong(3);
        }
      }
    }
    LocalDate thisWeek = Weeks.of(asOf);
    Map<Long, Integer> weeks = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.person_id, COUNT(DISTINCT w.week_start) FROM identity_week w JOIN identity i"
                + " ON i.id = w.identity_id WHERE i.workspace_id = ? AND i.person_id IN "
                + in
                + " AND w.week_start >= ? AND w.week_start <= ? GROUP BY i.person_id")) {
      bindIds(ps, workspaceId, persons);
      ps.setObject(persons.size() + 2, thisWeek.minusWeeks(StageRules.REGULAR_WINDOW_WEEKS - 1L));
      ps.setObject(persons.size() + 3, thisWeek);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          weeks.put(rs.getLong(1), rs.getInt(2));
        }
      }
    }
    Map<Long, long[]> recent = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.person_id, e.kind, COUNT(*) FROM engagement e JOIN identity i ON i.id ="
                + " e.identity_id WHERE i.workspace_id = ? AND i.person_id IN "
                + in
                + " AND e.occurred_at > ? AND e.occurred_at <= ? AND e.kind IN ('repost',"
                + " 'quote', 'mention', 'reply') GROUP BY i.person_id, e.kind")) {
      bindIds(ps, workspaceId, persons);
      Sql.setTime(
          ps, persons.size() + 2, asOf.minus(Duration.ofDays(StageRules.ADVOCATE_WINDOW_DAYS)));
      Sql.setTime(ps, persons.size() + 3, asOf);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long[] r = recent.computeIfAbsent(rs.getLong(1), k -> new long[2]);
          r[rs.getString(2).equals("reply") ? 1 : 0] += rs.getLong(3);
        }
      }
    }
    Set<Long> bought = new HashSet<>();
    List<Object> args = new ArrayList<>();
    args.add(workspaceId);
    args.addAll(persons);
    bought.addAll(
        Jdbc.longs(
            c,
            "SELECT DISTINCT person_id FROM conversion WHERE workspace_id = ? AND person_id IN "
                + in,
            args.toArray()));
    bought.addAll(
        Jdbc.longs(
            c,
            "SELECT DISTINCT i.person_id FROM engagement e JOIN identity i ON i.id = e.identity_id"
                + " WHERE i.workspace_id = ? AND i.person_id IN "
                + in
                + " AND e.kind = 'purchase'",
            args.toArray()));
    Map<Long, Entry> out = new HashMap<>();
    for (var e : stages.entrySet()) {
      long p = e.getKey();
      long[] r = recent.getOrDefault(p, new long[2]);
      StageRules.Facts f =
          new StageRules.Facts(
              follows.getOrDefault(p, new boolean[1])[0],
              interactions.getOrDefault(p, new long[1])[0],
              weeks.getOrDefault(p, 0),
              r[0],
              r[1],
              // A purchase is for good: a customer stays one even if the order was not imported.
              bought.contains(p) || e.getValue() == Stage.CUSTOMER);
      out.put(p, new Entry(e.getValue(), f));
    }
    return out;
  }

  private static void bindIds(PreparedStatement ps, long workspaceId, List<Long> ids)
      throws SQLException {
    ps.setLong(1, workspaceId);
    for (int i = 0; i < ids.size(); i++) {
      ps.setLong(i + 2, ids.get(i));
    }
  }

  record Entry(Stage current, StageRules.Facts facts) {}
}
