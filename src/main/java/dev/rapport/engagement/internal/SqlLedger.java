package dev.rapport.engagement.internal;

import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.IngestResult;
import dev.rapport.engagement.Ledger;
import dev.rapport.store.Database;
import dev.rapport.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger in SQL. One ingest call is one transaction: lock the workspace row (serialises ingests
 * into one workspace, across nodes too), drop events already known, insert the rest and add them to
 * the rollups. Thread-safe.
 */
public final class SqlLedger implements Ledger {

  private static final Logger LOG = LoggerFactory.getLogger(SqlLedger.class);
  static final int CHUNK = 1_000;

  private final Jdbi jdbi;
  private final Database db;
  private final String addVariant;
  private final String addWeek;
  private final boolean postgres;

  public SqlLedger(Database db) {
    this.jdbi = db.jdbi();
    this.db = db;
    Dialect d = db.dialect();
    this.postgres = d == Dialect.POSTGRESQL;
    this.addVariant =
        d.upsertAdding(
            "variant_rollup",
            new String[] {"variant_id", "verdict", "kind"},
            new String[] {"workspace_id"},
            "n");
    this.addWeek =
        d.upsertAdding(
            "identity_week",
            new String[] {"identity_id", "week_start"},
            new String[] {"workspace_id"},
            "n");
  }

  @Override
  public IngestResult ingest(long workspaceId, List<Engagement> events) {
    if (events.isEmpty()) {
      return IngestResult.NONE;
    }
    return db.transaction(c -> ingest(c, workspaceId, events));
  }

  private IngestResult ingest(Connection c, long workspaceId, List<Engagement> events)
      throws SQLException {
    lockWorkspace(c, workspaceId);
    EventHash hasher = new EventHash();
    LinkedHashMap<Long, Engagement> unique = new LinkedHashMap<>();
    for (Engagement e : events) {
      unique.putIfAbsent(hasher.of(e.eventKey()), e);
    }
    if (postgres) {
      drop(unique, PostgresLedgerWrites.known(c, workspaceId, new ArrayList<>(unique.keySet())));
    } else {
      removeKnown(c, workspaceId, unique);
    }
    Map<Long, String> verdicts = verdictsOf(c, workspaceId, unique.values());
    if (postgres) {
      PostgresLedgerWrites.insert(c, workspaceId, unique, verdicts);
    } else {
      insert(c, workspaceId, new ArrayList<>(unique.keySet()), unique, verdicts);
    }
    rollUp(c, workspaceId, unique.values(), verdicts);
    return new IngestResult(events.size(), unique.size(), events.size() - unique.size());
  }

  private static void lockWorkspace(Connection c, long workspaceId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM workspace WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, workspaceId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no workspace with id " + workspaceId);
        }
      }
    }
  }

  private static void removeKnown(
      Connection c, long workspaceId, LinkedHashMap<Long, Engagement> unique) throws SQLException {
    List<Long> all = new ArrayList<>(unique.keySet());
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      try (PreparedStatement ps =
          c.prepareStatement(
              // Hash first: the unique index leads with it (V10), so both databases look the
              // keys up instead of scanning the workspace's ledger.
              "SELECT event_hash, event_key FROM engagement WHERE event_hash IN ("
                  + marks(chunk.size())
                  + ") AND workspace_id = ?")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(1 + i, chunk.get(i));
        }
        ps.setLong(chunk.size() + 1, workspaceId);
        Map<Long, String> stored = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            stored.put(rs.getLong(1), rs.getString(2));
          }
        }
        drop(unique, stored);
      }
    }
  }

  /** Drops the events the ledger already holds ({@code stored}: hash to stored event key). */
  private static void drop(Map<Long, Engagement> unique, Map<Long, String> stored) {
    for (var known : stored.entrySet()) {
      Engagement mine = unique.remove(known.getKey());
      if (mine != null && !mine.eventKey().equals(known.getValue())) {
        // Distinct events with the same 64-bit hash: refuse loudly rather than drop one.
        throw new IllegalStateException(
            "event key hash collision between '"
                + mine.eventKey()
                + "' and '"
                + known.getValue()
                + "'; the batch was not written");
      }
    }
  }

  /** The current verdict of each identity; fails if one is not in the workspace. */
  private Map<Long, String> verdictsOf(
      Connection c, long workspaceId, java.util.Collection<Engagement> events) throws SQLException {
    List<Long> ids = events.stream().map(Engagement::identityId).distinct().toList();
    Map<Long, String> verdicts =
        postgres
            ? PostgresLedgerWrites.verdicts(c, workspaceId, ids)
            : verdictsOnH2(c, workspaceId, ids);
    if (verdicts.size() != ids.size()) {
      List<Long> missing = new ArrayList<>(ids);
      missing.removeAll(verdicts.keySet());
      throw new IllegalArgumentException(
          "identities "
              + missing.subList(0, Math.min(5, missing.size()))
              + " do not belong to workspace "
              + workspaceId
              + "; nothing was written");
    }
    return verdicts;
  }

  private static Map<Long, String> verdictsOnH2(Connection c, long workspaceId, List<Long> ids)
      throws SQLException {
    Map<Long, String> verdicts = new HashMap<>(ids.size() * 2);
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      try (PreparedStatement ps =
          c.prepareStatement(
              // By primary key only, the workspace checked here: with a workspace condition in
              // SQL, H2 picks a (workspace_id, ...) index and scans the whole audience per chunk.
              "SELECT id, verdict, workspace_id FROM identity WHERE id IN ("
                  + marks(chunk.size())
                  + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(1 + i, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (rs.getLong(3) == workspaceId) {
              verdicts.put(rs.getLong(1), rs.getString(2));
            }
          }
        }
      }
    }
    return verdicts;
  }

  private static void insert(
      Connection c,
      long workspaceId,
      List<Long> hashes,
      Map<Long, Engagement> unique,
      Map<Long, String> verdicts)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO engagement (workspace_id, identity_id, channel_id, variant_id, kind,"
                + " occurred_at, source, counted_as, event_hash, event_key) VALUES"
                + " (?,?,?,?,?,?,?,?,?,?)")) {
      int pending = 0;
      for (long hash : hashes) {
        Engagement e = unique.get(hash);
        if (e == null) {
          continue;
        }
        ps.setLong(1, workspaceId);
        ps.setLong(2, e.identityId());
        setLong(ps, 3, e.channelId());
        setLong(ps, 4, e.variantId());
        ps.setString(5, e.kind().code());
        ps.setObject(6, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
        ps.setString(7, e.source());
        ps.setString(8, verdicts.get(e.identityId()));
        ps.setLong(9, hash);
        ps.setString(10, e.eventKey());
        ps.addBatch();
        if (++pending == CHUNK) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
  }

  private void rollUp(
      Connection c,
      long workspaceId,
      java.util.Collection<Engagement> events,
      Map<Long, String> verdicts)
      throws SQLException {
    Map<VariantKey, long[]> perVariant = new HashMap<>();
    Map<WeekKey, long[]> perWeek = new HashMap<>();
    Map<Long, Activity> perIdentity = new HashMap<>();
    for (Engagement e : events) {
      if (e.variantId() != null) {
        VariantKey key =
            new VariantKey(e.variantId(), verdicts.get(e.identityId()), e.kind().code());
        perVariant.computeIfAbsent(key, k -> new long[1])[0]++;
      }
      if (e.kind().interaction()) {
        perWeek
            .computeIfAbsent(new WeekKey(e.identityId(), weekOf(e.occurredAt())), k -> new long[1])[
            0]++;
        perIdentity.computeIfAbsent(e.identityId(), k -> new Activity()).add(e.occurredAt());
      }
    }
    if (postgres) {
      PostgresLedgerWrites.addVariants(c, workspaceId, perVariant);
      PostgresLedgerWrites.addWeeks(c, workspaceId, perWeek);
      PostgresLedgerWrites.addActivity(c, workspaceId, perIdentity);
    } else {
      addVariants(c, workspaceId, perVariant);
      addWeeks(c, workspaceId, perWeek);
      addActivity(c, workspaceId, perIdentity);
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("workspace {}: rolled up {} events", workspaceId, events.size());
    }
  }

  private void addVariants(Connection c, long workspaceId, Map<VariantKey, long[]> perVariant)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(addVariant)) {
      for (var e : perVariant.entrySet()) {
        ps.setLong(1, e.getKey().variantId());
        ps.setString(2, e.getKey().verdict());
        ps.setString(3, e.getKey().kind());
        ps.setLong(4, workspaceId);
        ps.setLong(5, e.getValue()[0]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Adds the batch's identity-weeks: one upsert per identity and week (a single key lookup). */
  private void addWeeks(Connection c, long workspaceId, Map<WeekKey, long[]> perWeek)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(addWeek)) {
      Batch batch = new Batch(ps);
      for (var e : perWeek.entrySet()) {
        ps.setLong(1, e.getKey().identityId());
        ps.setObject(2, e.getKey().week());
        ps.setLong(3, workspaceId);
        ps.setLong(4, e.getValue()[0]);
        batch.add();
      }
      batch.flush();
    }
  }

  /**
   * Adds the batch to each identity's engagement summary. The stored rows are read first and the
   * new totals written as plain updates and inserts, which costs less than an upsert per row on
   * both databases; safe because only the ledger writes this table, under the workspace lock that
   * {@link #ingest} holds.
   */
  private static void addActivity(Connection c, long workspaceId, Map<Long, Activity> perIdentity)
      throws SQLException {
    if (perIdentity.isEmpty()) {
      return;
    }
    List<Long> ids = new ArrayList<>(perIdentity.keySet());
    Map<Long, Activity> stored = new HashMap<>();
    for (int at = 0; at < ids.size(); at += CHUNK) {
      List<Long> chunk = ids.subList(at, Math.min(ids.size(), at + CHUNK));
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT identity_id, engagements, first_engaged_at, last_engaged_at, last_week,"
                  + " recent_weeks FROM identity_activity WHERE identity_id IN ("
                  + marks(chunk.size())
                  + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(1 + i, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Activity a = new Activity();
            a.count = rs.getLong(2);
            a.first = rs.getObject(3, OffsetDateTime.class).toInstant();
            a.last = rs.getObject(4, OffsetDateTime.class).toInstant();
            a.lastWeek = rs.getInt(5);
            a.recentWeeks = rs.getLong(6);
            stored.put(rs.getLong(1), a);
          }
        }
      }
    }
    try (PreparedStatement update =
            c.prepareStatement(
                "UPDATE identity_activity SET engagements = ?, first_engaged_at = ?,"
                    + " last_engaged_at = ?, last_week = ?, recent_weeks = ? WHERE identity_id ="
                    + " ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO identity_activity (engagements, first_engaged_at, last_engaged_at,"
                    + " last_week, recent_weeks, identity_id, workspace_id) VALUES (?, ?, ?, ?, ?,"
                    + " ?, ?)")) {
      Batch updates = new Batch(update);
      Batch inserts = new Batch(insert);
      for (var e : perIdentity.entrySet()) {
        Activity now = e.getValue();
        Activity before = stored.get(e.getKey());
        PreparedStatement ps = before == null ? insert : update;
        if (before != null) {
          now.merge(before);
        }
        ps.setLong(1, now.count);
        ps.setObject(2, OffsetDateTime.ofInstant(now.first, ZoneOffset.UTC));
        ps.setObject(3, OffsetDateTime.ofInstant(now.last, ZoneOffset.UTC));
        ps.setInt(4, now.lastWeek);
        ps.setLong(5, now.recentWeeks);
        ps.setLong(6, e.getKey());
        if (before == null) {
          ps.setLong(7, workspaceId);
          inserts.add();
        } else {
          updates.add();
        }
      }
      updates.flush();
      inserts.flush();
    }
  }

  @Override
  public long count(long workspaceId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM engagement WHERE workspace_id = ?")
                .bind(0, workspaceId)
                .mapTo(Long.class)
                .one());
  }

  /** Monday (UTC) of the week an instant falls in: the rollups' week key. */
  public static LocalDate weekOf(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** A week (its Monday) as a number: weeks since Monday 1970-01-05, as V54 computes it. */
  public static int weekNumber(LocalDate monday) {
    return (int) Math.floorDiv(monday.toEpochDay() - 4, 7);
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  private static String marks(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }

  /**
   * One identity's engagement summary, or a batch's contribution to it: count, first and last
   * engagement, and the weeks it engaged in among the 52 up to the week of the last one (bit k of
   * {@code recentWeeks} is week {@code lastWeek - k}; see V54).
   */
  static final class Activity {
    static final int WEEKS = 52;
    static final long MASK = (1L << WEEKS) - 1;

    Instant first;
    Instant last;
    long count;
    int lastWeek;
    long recentWeeks;

    void add(Instant t) {
      int week = weekNumber(weekOf(t));
      if (count == 0) {
        lastWeek = week;
        recentWeeks = 1;
      } else if (week > lastWeek) {
        recentWeeks = shifted(recentWeeks, week - lastWeek) | 1;
        lastWeek = week;
      } else if (lastWeek - week < WEEKS) {
        recentWeeks |= 1L << (lastWeek - week);
      }
      if (first == null || t.isBefore(first)) {
        first = t;
      }
      if (last == null || t.isAfter(last)) {
        last = t;
      }
      count++;
    }

    void merge(Activity other) {
      int top = Math.max(lastWeek, other.lastWeek);
      recentWeeks =
          shifted(recentWeeks, top - lastWeek) | shifted(other.recentWeeks, top - other.lastWeek);
      lastWeek = top;
      first = other.first.isBefore(first) ? other.first : first;
      last = other.last.isAfter(last) ? other.last : last;
      count += other.count;
    }

    /** The mask re-anchored {@code weeks} weeks later: older weeks move up, the oldest fall off. */
    static long shifted(long mask, int weeks) {
      return weeks >= WEEKS ? 0 : (mask << weeks) & MASK;
    }
  }

  /** A row of the identity_week rollup. */
  record WeekKey(long identityId, LocalDate week) {
    static final java.util.Comparator<WeekKey> ORDER =
        java.util.Comparator.comparingLong(WeekKey::identityId).thenComparing(WeekKey::week);
  }

  /** A row of the variant_rollup. */
  record VariantKey(long variantId, String verdict, String kind) {
    static final java.util.Comparator<VariantKey> ORDER =
        java.util.Comparator.comparingLong(VariantKey::variantId)
            .thenComparing(VariantKey::verdict)
            .thenComparing(VariantKey::kind);
  }

  /** A prepared statement's batch, sent every {@link #CHUNK} rows. */
  private static final class Batch {
    private final PreparedStatement ps;
    private int pending;

    Batch(PreparedStatement ps) {
      this.ps = ps;
    }

    void add() throws SQLException {
      ps.addBatch();
      if (++pending == CHUNK) {
        flush();
      }
    }

    void flush() throws SQLException {
      if (pending > 0) {
        ps.executeBatch();
        pending = 0;
      }
    }
  }
}
