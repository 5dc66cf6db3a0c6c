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
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger in SQL. One ingest call is one transaction: lock the workspace row, drop events
 * already known, insert the rest and add them to the rollups (variant_rollup, identity_week,
 * identity_activity, and person_activity for the interactions of authentic identities). The
 * statements differ per database ({@link H2LedgerWrites}, {@link PostgresLedgerWrites}; ADR 3).
 * Thread-safe.
 *
 * <p>On H2 the lock is exclusive: ingests into one workspace run one after the other. On PostgreSQL
 * it is a share lock, so that two ingests use two server processes (one backend was the ingest's
 * bottleneck, ADR 3 amendment 2); every rollup write there is an upsert that adds, rows are locked
 * in key order, and a batch that meets a concurrent one on the same new event is rolled back and
 * run again. The share lock still excludes the watermark readers of the people refreshes, which
 * lock the row exclusively: while they read, no ingest is in flight.
 */
public final class SqlLedger implements Ledger {

  private static final Logger LOG = LoggerFactory.getLogger(SqlLedger.class);
  static final int CHUNK = 1_000;
  private static final int RETRIES = 5;

  private final Jdbi jdbi;
  private final Database db;
  private final boolean postgres;

  public SqlLedger(Database db) {
    this.jdbi = db.jdbi();
    this.db = db;
    this.postgres = db.dialect() == Dialect.POSTGRESQL;
  }

  @Override
  public IngestResult ingest(long workspaceId, List<Engagement> events) {
    if (events.isEmpty()) {
      return IngestResult.NONE;
    }
    if (postgres) {
      // A conflict with a concurrent batch (the same new event in both, or a deadlock) rolls this
      // one back whole; run again, it finds the other's events stored and skips them.
      return db.transactionRetrying(RETRIES, c -> ingest(c, workspaceId, events));
    }
    return db.transaction(c -> ingest(c, workspaceId, events));
  }

  @Override
  public int concurrentIngests() {
    return postgres ? 2 : 1;
  }

  private IngestResult ingest(Connection c, long workspaceId, List<Engagement> events)
      throws SQLException {
    lockWorkspace(c, workspaceId, postgres);
    EventHash hasher = new EventHash();
    LinkedHashMap<Long, Engagement> unique = new LinkedHashMap<>();
    for (Engagement e : events) {
      unique.putIfAbsent(hasher.of(e.eventKey()), e);
    }
    List<Long> hashes = new ArrayList<>(unique.keySet());
    drop(
        unique,
        postgres
            ? PostgresLedgerWrites.known(c, workspaceId, hashes)
            : H2LedgerWrites.known(c, workspaceId, hashes));
    Map<Long, Engager> engagers = engagersOf(c, workspaceId, unique.values());
    if (postgres) {
      PostgresLedgerWrites.insert(c, workspaceId, unique, engagers);
    } else {
      H2LedgerWrites.insert(c, workspaceId, new ArrayList<>(unique.keySet()), unique, engagers);
    }
    rollUp(c, workspaceId, unique.values(), engagers);
    return new IngestResult(events.size(), unique.size(), events.size() - unique.size());
  }

  private static void lockWorkspace(Connection c, long workspaceId, boolean shared)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM workspace WHERE id = ? " + (shared ? "FOR SHARE" : "FOR UPDATE"))) {
      ps.setLong(1, workspaceId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no workspace with id " + workspaceId);
        }
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

  /** The current verdict and person of each identity; fails if one is not in the workspace. */
  private Map<Long, Engager> engagersOf(
      Connection c, long workspaceId, java.util.Collection<Engagement> events) throws SQLException {
    List<Long> ids = events.stream().map(Engagement::identityId).distinct().toList();
    Map<Long, Engager> found =
        postgres
            ? PostgresLedgerWrites.engagers(c, workspaceId, ids)
            : H2LedgerWrites.engagers(c, workspaceId, ids);
    if (found.size() != ids.size()) {
      List<Long> missing = new ArrayList<>(ids);
      missing.removeAll(found.keySet());
      throw new IllegalArgumentException(
          "identities "
              + missing.subList(0, Math.min(5, missing.size()))
              + " do not belong to workspace "
              + workspaceId
              + "; nothing was written");
    }
    return found;
  }

  private void rollUp(
      Connection c,
      long workspaceId,
      java.util.Collection<Engagement> events,
      Map<Long, Engager> engagers)
      throws SQLException {
    Map<VariantKey, long[]> perVariant = new HashMap<>();
    Map<WeekKey, long[]> perWeek = new HashMap<>();
    Map<Long, Activity> perIdentity = new HashMap<>();
    Map<Long, Activity> perPerson = new HashMap<>();
    for (Engagement e : events) {
      Engager who = engagers.get(e.identityId());
      if (e.variantId() != null) {
        VariantKey key = new VariantKey(e.variantId(), who.verdict(), e.kind().code());
        perVariant.computeIfAbsent(key, k -> new long[1])[0]++;
      }
      if (e.kind().interaction()) {
        perWeek
            .computeIfAbsent(new WeekKey(e.identityId(), weekOf(e.occurredAt())), k -> new long[1])[
            0]++;
        perIdentity.computeIfAbsent(e.identityId(), k -> new Activity()).add(e.occurredAt());
        if (who.authentic()) {
          perPerson.computeIfAbsent(who.personId(), k -> new Activity()).add(e.occurredAt());
        }
      }
    }
    if (postgres) {
      // variant_rollup last: every batch touches the same few hot rows there, and a concurrent
      // batch waits on them only from this statement to the commit.
      PostgresLedgerWrites.addWeeks(c, workspaceId, perWeek);
      PostgresLedgerWrites.addActivity(c, workspaceId, ActivityTable.IDENTITY, perIdentity);
      PostgresLedgerWrites.addActivity(c, workspaceId, ActivityTable.PERSON, perPerson);
      PostgresLedgerWrites.addVariants(c, workspaceId, perVariant);
    } else {
      H2LedgerWrites.addVariants(c, workspaceId, perVariant);
      H2LedgerWrites.addWeeks(c, workspaceId, perWeek);
      H2LedgerWrites.addActivity(c, workspaceId, ActivityTable.IDENTITY, perIdentity);
      H2LedgerWrites.addActivity(c, workspaceId, ActivityTable.PERSON, perPerson);
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("workspace {}: rolled up {} events", workspaceId, events.size());
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
}
