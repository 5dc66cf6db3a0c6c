package dev.rapport.people.internal;

import dev.rapport.authenticity.Category;
import dev.rapport.people.BrandAction;
import dev.rapport.people.DoneOutcome;
import dev.rapport.people.FocusItem;
import dev.rapport.people.FocusKind;
import dev.rapport.people.FocusList;
import dev.rapport.people.FocusReason;
import dev.rapport.people.FocusRules;
import dev.rapport.people.ResponseTime;
import dev.rapport.people.Stage;
import dev.rapport.store.Database;
import dev.rapport.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The focus list in SQL: a materialised table read by one index range, refreshed incrementally in
 * one transaction that holds the workspace lock. Thread-safe.
 */
public final class SqlFocusList implements FocusList {

  static final int CHUNK = 500;
  static final long EVENT_WINDOW = 200_000;

  private final Database db;

  public SqlFocusList(Database db) {
    this.db = db;
  }

  @Override
  public Refresh refresh(long workspaceId, Instant asOf) {
    Watermarks.Settled settled = Watermarks.settled(db, workspaceId);
    return db.transaction(
        c -> {
          Watermarks.lockRefresh(c, db.dialect(), workspaceId, "focus");
          Object[] run = lastRun(c, workspaceId);
          long after = run == null ? 0 : (long) run[0];
          // Another refresh may have gone further meanwhile: never move the watermark back.
          long upTo = Math.max(after, settled.engagements());
          Set<Long> identities = new HashSet<>();
          // In windows of ledger ids, so that a first refresh over a long history stays flat.
          for (long lo = after; lo < upTo; lo += EVENT_WINDOW) {
            Asks.NewEvents fresh = Asks.read(c, workspaceId, lo, Math.min(upTo, lo + EVENT_WINDOW));
            Asks.add(c, workspaceId, fresh.asks());
            identities.addAll(fresh.identities());
          }
          Set<Long> persons = new HashSet<>(Watermarks.personsOf(c, workspaceId, identities));
          persons.addAll(Dirty.take(c, workspaceId, Dirty.FOCUS));
          boolean newDay =
              run == null
                  || !LocalDate.ofInstant(asOf, ZoneOffset.UTC)
                      .equals(LocalDate.ofInstant((Instant) run[1], ZoneOffset.UTC));
          if (newDay) {
            persons.addAll(timeBound(c, workspaceId, asOf));
          }
          Map<Long, String> channels = channels(c, workspaceId);
          for (List<Long> chunk : Jdbc.chunks(persons, CHUNK)) {
            write(c, db.dialect(), workspaceId, chunk, asOf, channels);
          }
          Jdbc.update(c, "DELETE FROM focus_run WHERE workspace_id = ?", workspaceId);
          Jdbc.update(
              c,
              "INSERT INTO focus_run (workspace_id, engagement_id, as_of) VALUES (?, ?, ?)",
              workspaceId,
              upTo,
              asOf);
          long onList =
              Jdbc.longs(c, "SELECT COUNT(*) FROM focus_item WHERE workspace_id = ?", workspaceId)
                  .get(0);
          return new Refresh(persons.size(), onList);
        });
  }

  /**
   * Persons whose reasons can change with the date alone: those on the list (waits grow, windows
   * close) and those whose last interaction fell in the weeks before the silence (they may have
   * started slipping).
   */
  private static Set<Long> timeBound(Connection c, long workspaceId, Instant asOf)
      throws SQLException {
    Set<Long> out =
        new HashSet<>(
            Jdbc.longs(c, "SELECT person_id FROM focus_item WHERE workspace_id = ?", workspaceId));
    LocalDate silentFrom = Weeks.of(asOf).minusWeeks(FocusRules.SILENT_WEEKS - 1L);
    LocalDate beforeFrom = silentFrom.minusWeeks(FocusRules.BEFORE_WEEKS);
    out.addAll(
        Jdbc.longs(
            c,
            "SELECT DISTINCT i.person_id FROM identity_activity a JOIN identity i ON i.id ="
                + " a.identity_id WHERE a.workspace_id = ? AND a.last_engaged_at >= ? AND"
                + " a.last_engaged_at < ?",
            workspaceId,
            beforeFrom.atStartOfDay(ZoneOffset.UTC).toInstant(),
            silentFrom.atStartOfDay(ZoneOffset.UTC).toInstant()));
    return out;
  }

  private static void write(
      Connection c,
      Dialect dialect,
      long workspaceId,
      List<Long> persons,
      Instant asOf,
      Map<Long, String> channels)
      throws SQLException {
    List<FocusFacts.Entry> entries =
        FocusFacts.of(c, dialect, workspaceId, persons, asOf, channels);
    try (PreparedStatement del = c.prepareStatement("DELETE FROM focus_item WHERE person_id = ?")) {
      for (long p : persons) {
        del.setLong(1, p);
        del.addBatch();
      }
      del.executeBatch();
    }
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO focus_item (person_id, workspace_id, score, reasons, computed_at) VALUES"
                + " (?, ?, ?, ?, ?)")) {
      for (FocusFacts.Entry e : entries) {
        List<FocusReason> reasons = FocusRules.reasons(e.facts(), asOf);
        if (reasons.isEmpty()) {
          continue;
        }
        ins.setLong(1, e.personId());
        ins.setLong(2, workspaceId);
        ins.setDouble(3, FocusRules.score(reasons));
        ins.setString(4, Sql.clip(FocusRules.encode(reasons), 4000));
        Sql.setTime(ins, 5, asOf);
        ins.addBatch();
      }
      ins.executeBatch();
    }
  }

  /**
   * The top of the list from the rank index alone: one table, and the ORDER BY spells out the whole
   * index (workspace first, though it is fixed) because H2 reads an index in order only when the
   * sort columns are its leading columns. Both databases then stop after {@code limit} rows; names
   * and stages follow for those rows only.
   */
  public static final String TOP =
      "SELECT person_id, score, reasons FROM focus_item WHERE workspace_id = ? ORDER BY"
          + " workspace_id, score DESC, person_id FETCH FIRST ? ROWS ONLY";

  @Override
  public List<FocusItem> today(long workspaceId, int limit) {
    return db.transaction(
        c -> {
          List<Object[]> top = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(TOP)) {
            ps.setLong(1, workspaceId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                top.add(new Object[] {rs.getLong(1), rs.getDouble(2), rs.getString(3)});
              }
            }
          }
          if (top.isEmpty()) {
            return List.of();
          }
          Map<Long, Object[]> persons = new HashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, display_name, stage FROM person WHERE id IN ("
                      + Jdbc.marks(top.size())
                      + ")")) {
            for (int i = 0; i < top.size(); i++) {
              ps.setLong(i + 1, (long) top.get(i)[0]);
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                persons.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getString(3)});
              }
            }
          }
          List<FocusItem> out = new ArrayList<>();
          for (Object[] t : top) {
            Object[] p = persons.get((long) t[0]);
            if (p != null) {
              out.add(
                  new FocusItem(
                      (long) t[0],
                      (String) p[0],
                      Stage.fromCode((String) p[1]),
                      (double) t[1],
                      FocusRules.decode((String) t[2])));
            }
          }
          return out;
        });
  }

  @Override
  public DoneOutcome done(
      long workspaceId,
      long personId,
      FocusKind settled,
      BrandAction action,
      Long channelId,
      String note,
      Instant at) {
    return db.transaction(
        c -> {
          List<Long> merged =
              Jdbc.longs(
                  c,
                  "SELECT COALESCE(merged_into, 0) FROM person WHERE workspace_id = ? AND id = ?",
                  workspaceId,
                  personId);
          if (merged.isEmpty()) {
            return new DoneOutcome.Refused("no person " + personId + " here");
          }
          if (merged.get(0) != 0) {
            return new DoneOutcome.Refused(
                "person " + personId + " was merged into person " + merged.get(0));
          }
          long actionId =
              Jdbc.insert(
                  c,
                  "INSERT INTO brand_action (workspace_id, person_id, channel_id, kind, focus,"
                      + " note, acted_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  workspaceId,
                  personId,
                  Jdbc.orNull(channelId),
                  action.code(),
                  Jdbc.orNull(settled == null ? null : settled.code()),
                  Jdbc.orNull(Sql.clip(note, 2000)),
                  at);
          int answered =
              action == BrandAction.REPLIED || settled == FocusKind.UNANSWERED
                  ? Asks.answer(c, workspaceId, personId, channelId, at)
                  : 0;
          write(c, db.dialect(), workspaceId, List.of(personId), at, channels(c, workspaceId));
          return new DoneOutcome.Recorded(actionId, answered);
        });
  }

  @Override
  public List<ResponseTime> responseTimes(long workspaceId, Instant asOf, Duration window) {
    return db.transaction(
        c -> {
          Map<Long, String> channels = channels(c, workspaceId);
          Map<Long, List<Duration>> waits = new TreeMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT a.channel_id, a.asked_at, a.answered_at, i.verdict FROM answer_wait a"
                      + " JOIN identity i ON i.id = a.identity_id WHERE a.workspace_id = ? AND"
                      + " a.answered_at > ? AND a.answered_at <= ?")) {
            ps.setLong(1, workspaceId);
            Sql.setTime(ps, 2, asOf.minus(window));
            Sql.setTime(ps, 3, asOf);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                if (Category.fromCode(rs.getString(4)).authentic()) {
                  waits
                      .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                      .add(Duration.between(Sql.time(rs, 2), Sql.time(rs, 3)));
                }
              }
            }
          }
          Map<Long, List<Instant>> open = new TreeMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT q.channel_id, q.pending_since, i.verdict FROM identity_ask q JOIN"
                      + " identity i ON i.id = q.identity_id WHERE q.workspace_id = ? AND"
                      + " q.pending_since IS NOT NULL AND q.pending_since <= ?")) {
            ps.setLong(1, workspaceId);
            Sql.setTime(ps, 2, asOf);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                if (Category.fromCode(rs.getString(3)).authentic()) {
                  open.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(Sql.time(rs, 2));
                }
              }
            }
          }
          Set<Long> all = new java.util.TreeSet<>(channels.keySet());
          all.addAll(waits.keySet());
          all.addAll(open.keySet());
          List<ResponseTime> out = new ArrayList<>();
          for (long ch : all) {
            if (ch == 0 && !waits.containsKey(0L) && !open.containsKey(0L)) {
              continue;
            }
            out.add(
                dev.rapport.people.ResponseTimes.of(
                    ch,
                    channels.getOrDefault(ch, "an unknown channel"),
                    waits.getOrDefault(ch, List.of()),
                    open.getOrDefault(ch, List.of()),
                    asOf));
          }
          return out;
        });
  }

  private static Map<Long, String> channels(Connection c, long workspaceId) throws SQLException {
    Map<Long, String> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, platform, handle FROM channel WHERE workspace_id = ? ORDER BY id")) {
      ps.setLong(1, workspaceId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), rs.getString(2) + " (" + rs.getString(3) + ")");
        }
      }
    }
    return out;
  }

  /** {engagement id, as of} of the last refresh, or null before the first. */
  private static Object[] lastRun(Connection c, long workspaceId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT engagement_id, as_of FROM focus_run WHERE workspace_id = ?")) {
      ps.setLong(1, workspaceId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Object[] {rs.getLong(1), Sql.time(rs, 2)} : null;
      }
    }
  }
}
