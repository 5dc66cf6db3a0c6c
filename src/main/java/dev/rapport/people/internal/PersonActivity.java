package dev.rapport.people.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rebuilds persons' rows of person_activity (V55: the combined activity of each person's authentic
 * identities) from identity_activity, for the changes the ledger's incremental writes cannot see:
 * an identity's verdict crossing the authentic line, a merge or its undo moving identities between
 * persons. The caller holds the workspace row exclusively, so no ingest adds to these rows
 * meanwhile. Cost grows with the persons' identities, not with the ledger.
 */
final class PersonActivity {
  private static final int CHUNK = 500;
  private static final int WEEKS = 52;
  private static final long MASK = (1L << WEEKS) - 1;

  private PersonActivity() {}

  static void rebuild(Connection c, long workspaceId, Collection<Long> personIds)
      throws SQLException {
    if (personIds.isEmpty()) {
      return;
    }
    // Ascending: the same order as the ledger's writes to this table.
    for (List<Long> chunk : Jdbc.chunks(new TreeSet<>(personIds), CHUNK)) {
      String in = Jdbc.marks(chunk.size());
      Map<Long, Row> rows = new HashMap<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT i.person_id, a.engagements, a.first_engaged_at, a.last_engaged_at,"
                  + " a.last_week, a.recent_weeks FROM identity i JOIN identity_activity a ON"
                  + " a.identity_id = i.id WHERE i.person_id IN ("
                  + in
                  + ") AND i.workspace_id = ? AND i.verdict IN ('real_person', 'influencer')")) {
        bindAll(ps, chunk);
        ps.setLong(chunk.size() + 1, workspaceId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Row identity =
                new Row(
                    rs.getLong(2),
                    rs.getObject(3, OffsetDateTime.class).toInstant(),
                    rs.getObject(4, OffsetDateTime.class).toInstant(),
                    rs.getInt(5),
                    rs.getLong(6));
            rows.merge(rs.getLong(1), identity, Row::plus);
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM person_activity WHERE person_id IN (" + in + ")")) {
        bindAll(ps, chunk);
        ps.executeUpdate();
      }
      if (rows.isEmpty()) {
        continue;
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO person_activity (person_id, workspace_id, engagements,"
                  + " first_engaged_at, last_engaged_at, last_week, recent_weeks) VALUES (?, ?, ?,"
                  + " ?, ?, ?, ?)")) {
        for (long person : new TreeSet<>(rows.keySet())) {
          Row r = rows.get(person);
          ps.setLong(1, person);
          ps.setLong(2, workspaceId);
          ps.setLong(3, r.engagements);
          Sql.setTime(ps, 4, r.first);
          Sql.setTime(ps, 5, r.last);
          ps.setInt(6, r.lastWeek);
          ps.setLong(7, r.recentWeeks);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  private static void bindAll(PreparedStatement ps, List<Long> ids) throws SQLException {
    for (int i = 0; i < ids.size(); i++) {
      ps.setLong(i + 1, ids.get(i));
    }
  }

  /** One activity summary; {@link #plus} combines two as the ledger's masks combine (V54). */
  private record Row(
      long engagements, Instant first, Instant last, int lastWeek, long recentWeeks) {

    Row plus(Row o) {
      int top = Math.max(lastWeek, o.lastWeek);
      return new Row(
          engagements + o.engagements,
          first.isBefore(o.first) ? first : o.first,
          last.isAfter(o.last) ? last : o.last,
          top,
          shifted(recentWeeks, top - lastWeek) | shifted(o.recentWeeks, top - o.lastWeek));
    }

    private static long shifted(long mask, int weeks) {
      return weeks >= WEEKS ? 0 : (mask << weeks) & MASK;
    }
  }
}
