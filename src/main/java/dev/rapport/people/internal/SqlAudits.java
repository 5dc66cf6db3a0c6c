package dev.rapport.people.internal;

import dev.rapport.authenticity.AuditReport;
import dev.rapport.authenticity.AuditSink;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.Verdict;
import dev.rapport.people.Audits;
import dev.rapport.people.IdentityKey;
import dev.rapport.people.People;
import dev.rapport.store.Database;
import dev.rapport.store.Dialect;
import dev.rapport.workspace.Platform;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Stored audits in SQL: verdicts through {@link People}, the history in {@code audit}. */
public final class SqlAudits implements Audits {

  /** Verdicts per write transaction: large enough to amortise, small enough to bound memory. */
  static final int BATCH = 5_000;

  private final Database db;
  private final Clock clock;
  private final People people;

  public SqlAudits(Database db, People people, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.people = people;
  }

  @Override
  public AuditSink start(long workspaceId, Long channelId) {
    return new Writer(workspaceId, channelId, clock.instant());
  }

  @Override
  public List<StoredAudit> history(long workspaceId, int limit) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT id, channel_id, subject, source, started_at, finished_at, profiles,"
                            + " authentic, quality_score, summary FROM audit WHERE workspace_id = ?"
                            + " ORDER BY started_at DESC, id DESC")
                    .bind(0, workspaceId)
                    .setMaxRows(Math.max(1, limit))
                    .map(
                        (rs, ctx) ->
                            new StoredAudit(
                                rs.getLong(1),
                                (Long) rs.getObject(2, Long.class),
                                rs.getString(3),
                                rs.getString(4),
                                Sql.time(rs, 5),
                                Sql.time(rs, 6),
                                rs.getLong(7),
                                rs.getLong(8),
                                (Double) rs.getObject(9, Double.class),
                                categories(rs.getString(10))))
                    .list());
  }

  /** The most a page of flagged identities may hold, whatever the caller asks. */
  static final int MAX_PAGE = 1_000;

  @Override
  public FlaggedPage flagged(
      long workspaceId, Set<Category> categories, Platform platform, int offset, int limit) {
    if (categories.isEmpty()) {
      return new FlaggedPage(List.of(), 0);
    }
    List<Object> args = new ArrayList<>();
    String where = flaggedWhere(workspaceId, categories, platform, args);
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(Math.max(0, offset));
    pageArgs.add(Math.max(1, Math.min(limit, MAX_PAGE)));
    return db.transaction(
        c -> {
          long total;
          try (PreparedStatement ps =
              c.prepareStatement("SELECT COUNT(*) FROM identity i" + where)) {
            Jdbc.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              total = rs.getLong(1);
            }
          }
          List<FlaggedIdentity> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT i.id, i.person_id, i.platform, i.platform_user_id, i.handle,"
                      + " i.display_name, i.verdict, v.probability, v.reasons, v.decided_at FROM"
                      + " identity i LEFT JOIN verdict v ON v.identity_id = i.id AND v.source ="
                      + " i.verdict_source"
                      + where
                      + " ORDER BY v.probability DESC NULLS LAST, i.id OFFSET ? ROWS FETCH NEXT ?"
                      + " ROWS ONLY")) {
            Jdbc.bind(ps, pageArgs.toArray());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String reasons = rs.getString(9);
                out.add(
                    new FlaggedIdentity(
                        rs.getLong(1),
                        rs.getLong(2),
                        Platform.fromCode(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        Category.fromCode(rs.getString(7)),
                        rs.getDouble(8),
                        reasons == null || reasons.isBlank()
                            ? List.of()
                            : Arrays.asList(reasons.split("\n")),
                        Sql.time(rs, 10)));
              }
            }
          }
          return new FlaggedPage(out, total);
        });
  }

  @Override
  public java.util.Optional<FlaggedIdentity> account(long workspaceId, long identityId) {
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT i.id, i.person_id, i.platform, i.platform_user_id, i.handle,"
                      + " i.display_name, i.verdict, v.probability, v.reasons, v.decided_at FROM"
                      + " identity i LEFT JOIN verdict v ON v.identity_id = i.id AND v.source ="
                      + " i.verdict_source WHERE i.workspace_id = ? AND i.id = ?")) {
            Jdbc.bind(ps, workspaceId, identityId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return java.util.Optional.<FlaggedIdentity>empty();
              }
              String verdict = rs.getString(7);
              String reasons = rs.getString(9);
              return java.util.Optional.of(
                  new FlaggedIdentity(
                      rs.getLong(1),
                      rs.getLong(2),
                      Platform.fromCode(rs.getString(3)),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      verdict == null ? Category.UNKNOWN : Category.fromCode(verdict),
                      rs.getDouble(8),
                      reasons == null || reasons.isBlank()
                          ? List.of()
                          : Arrays.asList(reasons.split("\n")),
                      Sql.time(rs, 10)));
            }
          }
        });
  }

  private static String flaggedWhere(
      long workspaceId, Set<Category> categories, Platform platform, List<Object> args) {
    args.add(workspaceId);
    StringBuilder where = new StringBuilder(" WHERE i.workspace_id = ? AND i.verdict IN (");
    where.append(Jdbc.marks(categories.size())).append(')');
    categories.stream().sorted().forEach(cat -> args.add(cat.code()));
    if (platform != null) {
      where.append(" AND i.platform = ?");
      args.add(platform.code());
    }
    return where.toString();
  }

  @Override
  public List<AuditReport.ReasonCount> reasons(
      long workspaceId, Set<Category> categories, int limit) {
    if (categories.isEmpty()) {
      return List.of();
    }
    List<Object> args = new ArrayList<>();
    String where = flaggedWhere(workspaceId, categories, null, args);
    Map<String, Long> tally = new HashMap<>();
    db.run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT v.reasons FROM identity i JOIN verdict v ON v.identity_id = i.id AND"
                      + " v.source = i.verdict_source"
                      + where)) {
            ps.setFetchSize(1_000);
            Jdbc.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String all = rs.getString(1);
                if (all == null) {
                  continue;
                }
                for (String reason : all.split("\n")) {
                  if (!reason.isBlank()) {
                    tally.merge(
                        dev.rapport.authenticity.Audit.pattern(reason.strip()), 1L, Long::sum);
                  }
                }
              }
            }
          }
        });
    return tally.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(Math.max(1, limit))
        .map(e -> new AuditReport.ReasonCount(e.getKey(), e.getValue()))
        .toList();
  }

  /** "real_person=12;suspicious=3" → counts; unknown parts are ignored (older summaries). */
  static Map<Category, Long> categories(String summary) {
    Map<Category, Long> out = new EnumMap<>(Category.class);
    if (summary == null) {
      return out;
    }
    for (String part : summary.split(";")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      try {
        out.put(
            Category.fromCode(part.substring(0, eq).strip()),
            Long.parseLong(part.substring(eq + 1).strip()));
      } catch (IllegalArgumentException ignored) {
        // Not a category count.
      }
    }
    return out;
  }

  private record Item(ProfileSnapshot profile, Verdict verdict) {}

  private static final Item END = new Item(null, null);

  /**
   * Feeds verdicts from the scoring threads to the writer threads through bounded queues: one
   * writer on H2 (a second would only queue on its single writer), two on PostgreSQL (one server
   * process was the bottleneck of a stored audit). An account always goes to the same writer, so
   * its verdicts are stored in the order they came, and two writers never create the same account.
   */
  private final class Writer implements AuditSink {
    private final long workspaceId;
    private final Long channelId;
    private final Instant startedAt;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Lane[] lanes;

    Writer(long workspaceId, Long channelId, Instant startedAt) {
      this.workspaceId = workspaceId;
      this.channelId = channelId;
      this.startedAt = startedAt;
      this.lanes = new Lane[db.dialect() == Dialect.POSTGRESQL ? 2 : 1];
      for (int i = 0; i < lanes.length; i++) {
        lanes[i] = new Lane("audit-store-" + workspaceId + "-" + i);
      }
    }

    @Override
    public void verdict(ProfileSnapshot profile, Verdict verdict) {
      int lane =
          lanes.length == 1
              ? 0
              : Math.floorMod(
                  31 * profile.platform().hashCode() + profile.platformUserId().hashCode(),
                  lanes.length);
      lanes[lane].put(new Item(profile, verdict));
    }

    private void rethrow() {
      RuntimeException e = failure.get();
      if (e != null) {
        throw new IllegalStateException("storing verdicts failed: " + e.getMessage(), e);
      }
    }

    /** One writer thread and its queue. */
    private final class Lane {
      private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(BATCH * 4);
      private final Thread thread;

      Lane(String name) {
        this.thread = new Thread(this::drain, name);
        this.thread.setDaemon(true);
        this.thread.start();
      }

      void put(Item item) {
        try {
          while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
            rethrow();
            if (!thread.isAlive()) {
              throw new IllegalStateException("the audit writer stopped");
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while storing verdicts", e);
        }
        rethrow();
      }

      void join() throws InterruptedException {
        thread.join();
      }

      private void drain() {
        List<Item> batch = new ArrayList<>(BATCH);
        try {
          while (true) {
            Item first = queue.take();
            if (first == END) {
              write(batch);
              return;
            }
            batch.add(first);
            queue.drainTo(batch, BATCH - batch.size());
            boolean end = batch.remove(END);
            if (batch.size() >= BATCH || end || queue.isEmpty()) {
              write(batch);
              batch.clear();
            }
            if (end) {
              return;
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
          queue.clear();
        }
      }

      private void write(List<Item> batch) {
        if (batch.isEmpty()) {
          return;
        }
        Instant now = clock.instant();
        List<People.Observation> rows = new ArrayList<>(batch.size());
        for (Item i : batch) {
          ProfileSnapshot p = i.profile();
          rows.add(
              new People.Observation(
                  new IdentityKey(
                      Platform.fromCode(p.platform()),
                      p.platformUserId(),
                      p.handle(),
                      p.displayName()),
                  p,
                  i.verdict(),
                  channelId,
                  channelId == null ? null : now));
        }
        people.observe(workspaceId, rows, now);
      }
    }

    @Override
    public void completed(AuditReport report) {
      for (Lane lane : lanes) {
        lane.put(END);
      }
      try {
        for (Lane lane : lanes) {
          lane.join();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while storing verdicts", e);
      }
      rethrow();
      StringBuilder summary = new StringBuilder();
      for (Map.Entry<Category, Long> e : new EnumMap<>(report.byCategory()).entrySet()) {
        summary.append(e.getKey().code()).append('=').append(e.getValue()).append(';');
      }
      OffsetDateTime started = OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC);
      OffsetDateTime finished = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
      db.jdbi()
          .useHandle(
              h ->
                  h.execute(
                      "INSERT INTO audit (workspace_id, channel_id, subject, source, started_at,"
                          + " finished_at, profiles, authentic, quality_score, summary)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      workspaceId,
                      channelId,
                      Sql.clip(report.source(), 300),
                      Sql.clip(report.scorer(), 32),
                      started,
                      finished,
                      report.followers(),
                      report.authentic(),
                      report.qualityScore(),
                      summary.toString()));
    }
  }
}
