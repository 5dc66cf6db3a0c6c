package dev.rapport.people.internal;

import static dev.rapport.people.internal.Sql.clip;
import static dev.rapport.people.internal.Sql.setTime;

import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.Verdict;
import dev.rapport.people.IdentityKey;
import dev.rapport.people.People;
import dev.rapport.people.People.Observation;
import dev.rapport.people.Stage;
import dev.rapport.store.CopyRows;
import dev.rapport.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one batch of observed accounts (a stored audit's, the simulator's) inside the caller's
 * transaction. Accounts new to the workspace (almost all of a first audit) are written once, in
 * their final state: person, identity already carrying its verdict and follow flag, snapshot,
 * verdict and follow, with no lookups of rows that cannot exist yet and no insert-then-update (an
 * update of the wide identity row rewrites its indexes, and was half of the writer's time). On
 * PostgreSQL those rows go in by {@code COPY}. Everything else (known accounts, an account repeated
 * in the batch) takes the general path of {@link People}, which checks and moves rollups row by
 * row; applied after the new rows, in batch order, it leaves exactly the state the general path
 * alone would.
 */
final class AuditBatch {

  private final Dialect dialect;
  private final People people;

  AuditBatch(Dialect dialect, People people) {
    this.dialect = dialect;
    this.people = people;
  }

  /** Writes the batch; returns identity ids in the order of {@code rows}. */
  long[] write(Connection c, long workspaceId, List<Observation> rows, Instant now)
      throws SQLException {
    checkChannels(c, workspaceId, rows);
    List<IdentityKey> keys = new ArrayList<>(rows.size());
    for (Observation r : rows) {
      keys.add(r.key());
    }
    Map<String, Long> known = new HashMap<>();
    for (int from = 0; from < keys.size(); from += SqlPeople.CHUNK) {
      known.putAll(
          SqlPeople.existing(
              c, workspaceId, keys, from, Math.min(keys.size(), from + SqlPeople.CHUNK)));
    }
    List<Observation> fresh = new ArrayList<>();
    Map<String, Integer> freshIndex = new HashMap<>();
    List<Integer> rest = new ArrayList<>();
    int[] freshAt = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      String key = SqlPeople.key(keys.get(i));
      if (!known.containsKey(key) && !freshIndex.containsKey(key)) {
        freshIndex.put(key, fresh.size());
        freshAt[i] = fresh.size();
        fresh.add(rows.get(i));
      } else {
        freshAt[i] = -1;
        rest.add(i);
      }
    }
    lockWorkspace(c, workspaceId, rest.isEmpty());
    long[] freshIds = fresh.isEmpty() ? new long[0] : insertFresh(c, workspaceId, fresh, now);
    long[] all = new long[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      if (freshAt[i] >= 0) {
        all[i] = freshIds[freshAt[i]];
      }
    }
    if (rest.isEmpty()) {
      return all;
    }
    long[] ids = new long[rest.size()];
    List<ProfileSnapshot> profiles = new ArrayList<>(rest.size());
    List<Verdict> verdicts = new ArrayList<>(rest.size());
    for (int j = 0; j < rest.size(); j++) {
      Observation r = rows.get(rest.get(j));
      String key = SqlPeople.key(r.key());
      Long id = known.get(key);
      ids[j] = id != null ? id : freshIds[freshIndex.get(key)];
      all[rest.get(j)] = ids[j];
      profiles.add(r.profile());
      verdicts.add(r.verdict());
    }
    people.saveProfiles(workspaceId, ids, profiles);
    people.recordVerdicts(workspaceId, ids, verdicts, now);
    // Follows in batch order (the first follow of a channel stands), one call per run of rows
    // with the same channel and time: a single call for an audit.
    int runStart = 0;
    for (int j = 1; j <= rest.size(); j++) {
      Observation first = rows.get(rest.get(runStart));
      if (j < rest.size() && sameFollow(first, rows.get(rest.get(j)))) {
        continue;
      }
      if (first.follows()) {
        people.follow(
            workspaceId,
            first.channelId(),
            java.util.Arrays.copyOfRange(ids, runStart, j),
            first.followedAt());
      }
      runStart = j;
    }
    return all;
  }

  /** Refuses the batch if it follows a channel of another workspace (or none at all). */
  private static void checkChannels(Connection c, long workspaceId, List<Observation> rows)
      throws SQLException {
    java.util.Set<Long> wanted = new java.util.TreeSet<>();
    for (Observation r : rows) {
      if (r.follows()) {
        wanted.add(r.channelId());
      }
    }
    for (long channelId : wanted) {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT id FROM channel WHERE id = ? AND workspace_id = ?")) {
        ps.setLong(1, channelId);
        ps.setLong(2, workspaceId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalArgumentException(
                "workspace "
                    + workspaceId
                    + " has no channel "
                    + channelId
                    + "; nothing of the batch was written");
          }
        }
      }
    }
  }

  private static boolean sameFollow(Observation a, Observation b) {
    return java.util.Objects.equals(a.channelId(), b.channelId())
        && java.util.Objects.equals(a.followedAt(), b.followedAt());
  }

  /**
   * Queues this batch behind the workspace's other writers as far as they could deadlock. New
   * accounts alone touch the shared {@code audience_count} rows in one statement, in key order, so
   * such batches (of the two audit writers on PostgreSQL, and ledger ingests) share the row. The
   * general path writes shared rows (audience counts, post rollups) over several statements and
   * takes the row exclusively: a batch of known accounts runs alone in its workspace.
   */
  private void lockWorkspace(Connection c, long workspaceId, boolean onlyNewAccounts)
      throws SQLException {
    if (onlyNewAccounts && dialect == Dialect.POSTGRESQL) {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT id FROM workspace WHERE id = ? FOR SHARE")) {
        ps.setLong(1, workspaceId);
        ps.executeQuery().close();
      }
    } else {
      Watermarks.lockWorkspace(c, workspaceId);
    }
  }

  /** Inserts accounts the workspace has never seen, each in its final state; returns their ids. */
  private long[] insertFresh(Connection c, long workspaceId, List<Observation> fresh, Instant now)
      throws SQLException {
    long[] ids =
        dialect == Dialect.POSTGRESQL
            ? copyFresh(c, workspaceId, fresh, now)
            : batchFresh(c, workspaceId, fresh, now);
    AudienceTally tally = new AudienceTally();
    for (Observation r : fresh) {
      tally.add(r.verdict().category().code(), r.follows(), 1);
    }
    tally.write(c, dialect, workspaceId);
    return ids;
  }

  private static String personName(IdentityKey k) {
    return clip(k.displayName() != null ? k.displayName() : k.handle(), 300);
  }

  private static String reasons(Verdict v) {
    return clip(String.join("\n", v.reasons()), 2000);
  }

  private static String stage(Observation r) {
    return (r.follows() ? Stage.FOLLOWER : Stage.STRANGER).code();
  }

  private static Instant observed(ProfileSnapshot p, Instant now) {
    return p.observedAt() != null ? p.observedAt() : now;
  }

  // ---- H2 (and any database without COPY): JDBC batches. ----

  private long[] batchFresh(Connection c, long workspaceId, List<Observation> fresh, Instant now)
      throws SQLException {
    int n = fresh.size();
    long[] personIds = new long[n];
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO person (workspace_id, display_name, stage, created_at) VALUES (?, ?, ?,"
                + " ?)",
            new String[] {"id"})) {
      for (Observation r : fresh) {
        ps.setLong(1, workspaceId);
        ps.setString(2, personName(r.key()));
        ps.setString(3, stage(r));
        setTime(ps, 4, now);
        ps.addBatch();
      }
      ps.executeBatch();
      SqlPeople.readKeys(ps, personIds);
    }
    long[] ids = new long[n];
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO identity (workspace_id, person_id, platform, platform_user_id, handle,"
                + " display_name, verdict, verdict_source, follows, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            new String[] {"id"})) {
      for (int j = 0; j < n; j++) {
        Observation r = fresh.get(j);
        IdentityKey k = r.key();
        ps.setLong(1, workspaceId);
        ps.setLong(2, personIds[j]);
        ps.setString(3, k.platform().code());
        ps.setString(4, clip(k.platformUserId(), 200));
        ps.setString(5, clip(k.handle(), 200));
        ps.setString(6, clip(k.displayName(), 300));
        ps.setString(7, r.verdict().category().code());
        ps.setString(8, r.verdict().source());
        ps.setBoolean(9, r.follows());
        setTime(ps, 10, now);
        ps.addBatch();
      }
      ps.executeBatch();
      SqlPeople.readKeys(ps, ids);
    }
    try (PreparedStatement ps = c.prepareStatement(SNAPSHOT_INSERT)) {
      for (int j = 0; j < n; j++) {
        ProfileSnapshot p = fresh.get(j).profile();
        Sql.bindSnapshot(ps, ids[j], observed(p, now), p);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO verdict (identity_id, source, workspace_id, category, probability,"
                + " coverage, reasons, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int j = 0; j < n; j++) {
        Verdict v = fresh.get(j).verdict();
        ps.setLong(1, ids[j]);
        ps.setString(2, v.source());
        ps.setLong(3, workspaceId);
        ps.setString(4, v.category().code());
        ps.setDouble(5, v.probability());
        ps.setDouble(6, v.coverage());
        ps.setString(7, reasons(v));
        setTime(ps, 8, now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    if (fresh.stream().anyMatch(Observation::follows)) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO follow (channel_id, identity_id, workspace_id, followed_at) VALUES (?,"
                  + " ?, ?, ?)")) {
        for (int j = 0; j < n; j++) {
          Observation r = fresh.get(j);
          if (r.follows()) {
            ps.setLong(1, r.channelId());
            ps.setLong(2, ids[j]);
            ps.setLong(3, workspaceId);
            setTime(ps, 4, r.followedAt());
            ps.addBatch();
          }
        }
        ps.executeBatch();
      }
    }
    return ids;
  }

  private static final String SNAPSHOT_COLUMNS =
      "identity_id, observed_at, account_created_at, followers_count, following_count,"
          + " posts_count, likes_count, listed_count, display_name, bio, url, location,"
          + " default_avatar, default_profile, verified, declared_bot, protected_account,"
          + " language, last_activity_at";

  private static final String SNAPSHOT_INSERT =
      "INSERT INTO profile_snapshot ("
          + SNAPSHOT_COLUMNS
          + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

  // ---- PostgreSQL: ids drawn from the sequences, rows streamed by COPY. ----

  private long[] copyFresh(Connection c, long workspaceId, List<Observation> fresh, Instant now)
      throws SQLException {
    int n = fresh.size();
    long[] personIds = nextIds(c, "person", n);
    long[] ids = nextIds(c, "identity", n);
    String at = time(now);
    CopyRows person = new CopyRows();
    CopyRows identity = new CopyRows();
    CopyRows snapshot = new CopyRows();
    CopyRows verdict = new CopyRows();
    CopyRows follow = new CopyRows();
    boolean anyFollow = false;
    Instant followedAt = null;
    String followedAtText = null;
    for (int j = 0; j < n; j++) {
      Observation r = fresh.get(j);
      IdentityKey k = r.key();
      Verdict v = r.verdict();
      ProfileSnapshot p = r.profile();
      person.add(personIds[j]).add(workspaceId).add(personName(k)).add(stage(r)).raw(at).end();
      identity
          .add(ids[j])
          .add(workspaceId)
          .add(personIds[j])
          .add(k.platform().code())
          .add(clip(k.platformUserId(), 200))
          .add(clip(k.handle(), 200))
          .add(clip(k.displayName(), 300))
          .add(v.category().code())
          .add(v.source())
          .add(r.follows())
          .raw(at)
          .end();
      snapshot
          .add(ids[j])
          .raw(time(observed(p, now)))
          .raw(time(p.accountCreatedAt()))
          .add(p.followersCount())
          .add(p.followingCount())
          .add(p.postsCount())
          .add(p.likesCount())
          .add(p.listedCount())
          .add(clip(p.displayName(), 300))
          .add(clip(p.bio(), 4000))
          .add(clip(p.url(), 2000))
          .add(clip(p.location(), 500))
          .add(p.defaultAvatar())
          .add(p.defaultProfile())
          .add(p.verified())
          .add(p.declaredBot())
          .add(p.protectedAccount())
          .add(clip(p.language(), 16))
          .raw(time(p.lastActivityAt()))
          .end();
      verdict
          .add(ids[j])
          .add(v.source())
          .add(workspaceId)
          .add(v.category().code())
          .raw(Double.toString(v.probability()))
          .raw(Double.toString(v.coverage()))
          .add(reasons(v))
          .raw(at)
          .end();
      if (r.follows()) {
        if (!r.followedAt().equals(followedAt)) {
          // An audit's rows share one time: format it once.
          followedAt = r.followedAt();
          followedAtText = time(followedAt);
        }
        follow.add(r.channelId()).add(ids[j]).add(workspaceId).raw(followedAtText).end();
        anyFollow = true;
      }
    }
    person.copyIn(c, "COPY person (id, workspace_id, display_name, stage, created_at) FROM STDIN");
    identity.copyIn(
        c,
        "COPY identity (id, workspace_id, person_id, platform, platform_user_id, handle,"
            + " display_name, verdict, verdict_source, follows, created_at) FROM STDIN");
    snapshot.copyIn(c, "COPY profile_snapshot (" + SNAPSHOT_COLUMNS + ") FROM STDIN");
    verdict.copyIn(
        c,
        "COPY verdict (identity_id, source, workspace_id, category, probability, coverage,"
            + " reasons, decided_at) FROM STDIN");
    if (anyFollow) {
      follow.copyIn(
          c, "COPY follow (channel_id, identity_id, workspace_id, followed_at) FROM STDIN");
    }
    return ids;
  }

  /**
   * {@code n} fresh values of the table's id sequence. The sequence is looked up first: named by a
   * function call inside the query, it was looked up again for every row (8 µs a value at one
   * million rows, against 2–3 µs).
   */
  private static long[] nextIds(Connection c, String table, int n) throws SQLException {
    String sequence;
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_serial_sequence(?, 'id')")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        sequence = rs.getString(1);
      }
    }
    long[] ids = new long[n];
    try (PreparedStatement ps =
        c.prepareStatement("SELECT nextval(CAST(? AS regclass)) FROM generate_series(1, ?)")) {
      ps.setString(1, sequence);
      ps.setInt(2, n);
      try (ResultSet rs = ps.executeQuery()) {
        int i = 0;
        while (rs.next()) {
          ids[i++] = rs.getLong(1);
        }
        if (i != n) {
          throw new SQLException("expected " + n + " ids from " + table + ", got " + i);
        }
      }
    }
    return ids;
  }

  /** Microseconds, as both databases store timestamps; null as COPY's {@code \N}. */
  private static String time(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS).toString();
  }
}
