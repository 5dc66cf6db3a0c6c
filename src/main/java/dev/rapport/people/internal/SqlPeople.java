package dev.rapport.people.internal;

import static dev.rapport.people.internal.Sql.boolOrNull;
import static dev.rapport.people.internal.Sql.clip;
import static dev.rapport.people.internal.Sql.longOrNull;
import static dev.rapport.people.internal.Sql.setTime;
import static dev.rapport.people.internal.Sql.time;

import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.Verdict;
import dev.rapport.people.Identity;
import dev.rapport.people.IdentityKey;
import dev.rapport.people.People;
import dev.rapport.people.Person;
import dev.rapport.people.Stage;
import dev.rapport.store.Database;
import dev.rapport.workspace.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** People in SQL, written in JDBC batches. Thread-safe. */
public final class SqlPeople implements People {

  static final int CHUNK = 1_000;

  private static final String IDENTITY_COLUMNS =
      "SELECT i.id, i.workspace_id, i.person_id, i.platform, i.platform_user_id, i.handle,"
          + " i.display_name, i.verdict, i.follows, a.last_engaged_at, COALESCE(a.engagements, 0)"
          + " FROM identity i LEFT JOIN identity_activity a ON a.identity_id = i.id";
  private static final String PERSON_COLUMNS =
      "SELECT id, workspace_id, display_name, email, stage FROM person";

  private final Jdbi jdbi;
  private final Database db;
  private final Clock clock;
  private final VerdictRollups rollups;
  private final AuditBatch observing;

  public SqlPeople(Database db, Clock clock) {
    this.jdbi = db.jdbi();
    this.db = db;
    this.clock = clock;
    this.rollups = new VerdictRollups(db.dialect());
    this.observing = new AuditBatch(db.dialect(), this);
  }

  @Override
  public long[] observe(long workspaceId, List<Observation> accounts, Instant at) {
    if (accounts.isEmpty()) {
      return new long[0];
    }
    // A deadlock with a concurrent writer (both add to the same audience_count and post rollup
    // rows) rolls the batch back whole; it is run again.
    return db.transactionRetrying(5, c -> observing.write(c, workspaceId, accounts, at));
  }

  @Override
  public long[] resolve(long workspaceId, List<IdentityKey> keys) {
    long[] ids = new long[keys.size()];
    db.run(
        c -> {
          for (int from = 0; from < keys.size(); from += CHUNK) {
            int to = Math.min(keys.size(), from + CHUNK);
            resolveChunk(c, workspaceId, keys, from, to, ids);
          }
        });
    return ids;
  }

  private void resolveChunk(
      Connection c, long workspaceId, List<IdentityKey> keys, int from, int to, long[] ids)
      throws SQLException {
    Map<String, Long> known = existing(c, workspaceId, keys, from, to);
    List<Integer> missing = new ArrayList<>();
    Map<String, Integer> firstMissing = new HashMap<>();
    for (int i = from; i < to; i++) {
      IdentityKey k = keys.get(i);
      String key = k.platform().code() + "\u0000" + k.platformUserId();
      Long id = known.get(key);
      if (id != null) {
        ids[i] = id;
      } else if (!firstMissing.containsKey(key)) {
        firstMissing.put(key, i);
        missing.add(i);
      }
    }
    if (!missing.isEmpty()) {
      insertNew(c, workspaceId, keys, missing, ids);
    }
    // Duplicates inside the chunk take the id of their first occurrence.
    for (int i = from; i < to; i++) {
      if (ids[i] == 0) {
        IdentityKey k = keys.get(i);
        ids[i] = ids[firstMissing.get(k.platform().code() + "\u0000" + k.platformUserId())];
      }
    }
  }

  /** The workspace's identities among {@code keys[from, to)}, by {@link #key}. */
  static Map<String, Long> existing(
      Connection c, long workspaceId, List<IdentityKey> keys, int from, int to)
      throws SQLException {
    Map<String, Long> known = new HashMap<>();
    // One lookup per platform present in the chunk.
    Map<Platform, List<String>> byPlatform = new HashMap<>();
    for (int i = from; i < to; i++) {
      IdentityKey k = keys.get(i);
      byPlatform.computeIfAbsent(k.platform(), p -> new ArrayList<>()).add(k.platformUserId());
    }
    for (var e : byPlatform.entrySet()) {
      List<String> userIds = e.getValue();
      String marks = String.join(",", java.util.Collections.nCopies(userIds.size(), "?"));
      try (PreparedStatement ps =
          c.prepareStatement(
              // Only the IN list in SQL, workspace and platform checked here: given a workspace
              // condition too, H2 prefers the (workspace, platform, ...) index and scans every
              // identity of the workspace once per chunk. V10 indexes platform_user_id.
              "SELECT id, platform_user_id, workspace_id, platform FROM identity WHERE"
                  + " platform_user_id IN ("
                  + marks
                  + ")")) {
        for (int i = 0; i < userIds.size(); i++) {
          ps.setString(1 + i, userIds.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (rs.getLong(3) == workspaceId && e.getKey().code().equals(rs.getString(4))) {
              known.put(e.getKey().code() + "\u0000" + rs.getString(2), rs.getLong(1));
            }
          }
        }
      }
    }
    return known;
  }

  /** An account's key in {@link #existing}'s answer. */
  static String key(IdentityKey k) {
    return k.platform().code() + "\u0000" + k.platformUserId();
  }

  private void insertNew(
      Connection c, long workspaceId, List<IdentityKey> keys, List<Integer> missing, long[] ids)
      throws SQLException {
    Instant now = clock.instant();
    long[] personIds = new long[missing.size()];
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO person (workspace_id, display_name, stage, created_at) VALUES (?, ?, ?,"
                + " ?)",
            new String[] {"id"})) {
      for (int i : missing) {
        IdentityKey k = keys.get(i);
        ps.setLong(1, workspaceId);
        ps.setString(2, clip(k.displayName() != null ? k.displayName() : k.handle(), 300));
        ps.setString(3, Stage.STRANGER.code());
        setTime(ps, 4, now);
        ps.addBatch();
      }
      ps.executeBatch();
      readKeys(ps, personIds);
    }
    long[] identityIds = new long[missing.size()];
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO identity (workspace_id, person_id, platform, platform_user_id, handle,"
                + " display_name, verdict, follows, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE,"
                + " ?)",
            new String[] {"id"})) {
      for (int j = 0; j < missing.size(); j++) {
        IdentityKey k = keys.get(missing.get(j));
        ps.setLong(1, workspaceId);
        ps.setLong(2, personIds[j]);
        ps.setString(3, k.platform().code());
        ps.setString(4, clip(k.platformUserId(), 200));
        ps.setString(5, clip(k.handle(), 200));
        ps.setString(6, clip(k.displayName(), 300));
        ps.setString(7, Category.UNKNOWN.code());
        setTime(ps, 8, now);
        ps.addBatch();
      }
      ps.executeBatch();
      readKeys(ps, identityIds);
    }
    AudienceTally tally = new AudienceTally();
    tally.add(Category.UNKNOWN.code(), false, missing.size());
    tally.write(c, db.dialect(), workspaceId);
    for (int j = 0; j < missing.size(); j++) {
      ids[missing.get(j)] = identityIds[j];
    }
  }

  static void readKeys(Statement ps, long[] into) throws SQLException {
    try (ResultSet rs = ps.getGeneratedKeys()) {
      int n = 0;
      while (rs.next()) {
        into[n++] = rs.getLong(1);
      }
      if (n != into.length) {
        throw new SQLException("expected " + into.length + " generated keys, got " + n);
      }
    }
  }

  @Override
  public void follow(long workspaceId, long channelId, long[] identityIds, Instant at) {
    db.run(
        c -> {
          for (int from = 0; from < identityIds.length; from += CHUNK) {
            int to = Math.min(identityIds.length, from + CHUNK);
            java.util.Set<Long> existing = new java.util.HashSet<>();
            String marks = String.join(",", java.util.Collections.nCopies(to - from, "?"));
            // Identities that do not follow any channel yet, with their verdict: they move to the
            // following side of the audience rollup.
            Map<Long, String> notFollowing = new HashMap<>();
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT id, verdict, workspace_id FROM identity WHERE follows = FALSE AND id IN ("
                        + marks
                        + ")")) {
              for (int i = from; i < to; i++) {
                ps.setLong(1 + i - from, identityIds[i]);
              }
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  if (rs.getLong(3) == workspaceId) {
                    notFollowing.put(rs.getLong(1), rs.getString(2));
                  }
                }
              }
            }
            try (PreparedStatement ps =
                c.prepareStatement(
                    // By identity (follow_identity), not by channel: a channel prefix would make
                    // H2 scan all of the channel's followers for every chunk.
                    "SELECT identity_id, channel_id FROM follow WHERE identity_id IN ("
                        + marks
                        + ")")) {
              for (int i = from; i < to; i++) {
                ps.setLong(1 + i - from, identityIds[i]);
              }
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  if (rs.getLong(2) == channelId) {
                    existing.add(rs.getLong(1));
                  }
                }
              }
            }
            try (PreparedStatement ins =
                    c.prepareStatement(
                        "INSERT INTO follow (channel_id, identity_id, workspace_id, followed_at)"
                            + " VALUES (?, ?, ?, ?)");
                PreparedStatement upd =
                    c.prepareStatement(
                        "UPDATE identity SET follows = TRUE WHERE id = ? AND follows = FALSE");
                PreparedStatement stage =
                    c.prepareStatement(
                        "UPDATE person SET stage = 'follower' WHERE stage = 'stranger' AND id ="
                            + " (SELECT person_id FROM identity WHERE id = ?)")) {
              for (int i = from; i < to; i++) {
                long id = identityIds[i];
                if (existing.add(id)) {
                  ins.setLong(1, channelId);
                  ins.setLong(2, id);
                  ins.setLong(3, workspaceId);
                  setTime(ins, 4, at);
                  ins.addBatch();
                  upd.setLong(1, id);
                  upd.addBatch();
                  stage.setLong(1, id);
                  stage.addBatch();
                }
              }
              ins.executeBatch();
              upd.executeBatch();
              stage.executeBatch();
            }
            AudienceTally tally = new AudienceTally();
            for (int i = from; i < to; i++) {
              String verdict = notFollowing.remove(identityIds[i]);
              if (verdict != null) {
                tally.move(verdict, false, verdict, true);
              }
            }
            tally.write(c, db.dialect(), workspaceId);
          }
        });
  }

  @Override
  public void saveProfiles(long workspaceId, long[] identityIds, List<ProfileSnapshot> profiles) {
    if (identityIds.length != profiles.size()) {
      throw new IllegalArgumentException("one identity id per profile");
    }
    Instant now = clock.instant();
    db.run(
        c -> {
          Set<String> stored = storedSnapshots(c, identityIds, profiles, now);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO profile_snapshot (identity_id, observed_at, account_created_at,"
                      + " followers_count, following_count, posts_count, likes_count,"
                      + " listed_count, display_name, bio, url, location, default_avatar,"
                      + " default_profile, verified, declared_bot, protected_account,"
                      + " language, last_activity_at) VALUES"
                      + " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            int pending = 0;
            for (int i = 0; i < profiles.size(); i++) {
              ProfileSnapshot p = profiles.get(i);
              Instant observed = p.observedAt() != null ? p.observedAt() : now;
              if (!stored.add(snapshotKey(identityIds[i], observed))) {
                continue;
              }
              Sql.bindSnapshot(ps, identityIds[i], observed, p);
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
        });
  }

  /**
   * The snapshots already stored for these identities at the moments given, looked up a chunk of
   * identities at a time (one round trip per chunk instead of one per profile).
   */
  private static Set<String> storedSnapshots(
      Connection c, long[] identityIds, List<ProfileSnapshot> profiles, Instant now)
      throws SQLException {
    Set<String> wanted = new HashSet<>();
    for (int i = 0; i < profiles.size(); i++) {
      Instant observed = profiles.get(i).observedAt();
      wanted.add(snapshotKey(identityIds[i], observed != null ? observed : now));
    }
    Set<String> stored = new HashSet<>();
    long[] distinct = Arrays.stream(identityIds).distinct().toArray();
    for (int from = 0; from < distinct.length; from += CHUNK) {
      int to = Math.min(distinct.length, from + CHUNK);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT identity_id, observed_at FROM profile_snapshot WHERE identity_id IN ("
                  + String.join(",", java.util.Collections.nCopies(to - from, "?"))
                  + ")")) {
        for (int i = from; i < to; i++) {
          ps.setLong(1 + i - from, distinct[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String key = snapshotKey(rs.getLong(1), time(rs, 2));
            if (wanted.contains(key)) {
              stored.add(key);
            }
          }
        }
      }
    }
    return stored;
  }

  /** Microseconds: the precision both databases store timestamps with. */
  private static String snapshotKey(long identityId, Instant observed) {
    return identityId + "@" + observed.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  @Override
  public List<StoredProfile> latestProfiles(long workspaceId, long afterIdentityId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT i.id, i.platform, i.platform_user_id, i.handle, p.display_name,"
                        + " p.observed_at, p.account_created_at, p.followers_count,"
                        + " p.following_count, p.posts_count, p.likes_count, p.listed_count,"
                        + " p.bio, p.url, p.location, p.default_avatar, p.default_profile,"
                        + " p.verified, p.declared_bot, p.protected_account, p.language,"
                        + " p.last_activity_at FROM identity i JOIN profile_snapshot p ON"
                        + " p.identity_id = i.id WHERE i.workspace_id = ? AND i.id > ? AND"
                        + " p.observed_at = (SELECT MAX(q.observed_at) FROM profile_snapshot q"
                        + " WHERE q.identity_id = i.id) ORDER BY i.id FETCH FIRST ? ROWS ONLY")
                .bind(0, workspaceId)
                .bind(1, afterIdentityId)
                .bind(2, limit)
                .map(
                    (rs, ctx) ->
                        new StoredProfile(
                            rs.getLong(1),
                            new ProfileSnapshot(
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                time(rs, 6),
                                time(rs, 7),
                                longOrNull(rs, 8),
                                longOrNull(rs, 9),
                                longOrNull(rs, 10),
                                longOrNull(rs, 11),
                                longOrNull(rs, 12),
                                rs.getString(13),
                                rs.getString(14),
                                rs.getString(15),
                                boolOrNull(rs, 16),
                                boolOrNull(rs, 17),
                                boolOrNull(rs, 18),
                                boolOrNull(rs, 19),
                                boolOrNull(rs, 20),
                                rs.getString(21),
                                time(rs, 22))))
                .list());
  }

  @Override
  public void recordVerdicts(
      long workspaceId, long[] identityIds, List<Verdict> verdicts, Instant decidedAt) {
    if (identityIds.length != verdicts.size()) {
      throw new IllegalArgumentException("one identity id per verdict");
    }
    db.run(
        c -> {
          for (int from = 0; from < identityIds.length; from += CHUNK) {
            int to = Math.min(identityIds.length, from + CHUNK);
            rollups.apply(c, workspaceId, identityIds, verdicts, from, to, decidedAt);
          }
        });
  }

  @Override
  public Optional<Identity> identity(long workspaceId, long identityId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(IDENTITY_COLUMNS + " WHERE i.workspace_id = ? AND i.id = ?")
                .bind(0, workspaceId)
                .bind(1, identityId)
                .map((rs, ctx) -> identity(rs))
                .findOne());
  }

  @Override
  public List<Identity> identitiesOf(long workspaceId, long personId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    IDENTITY_COLUMNS
                        + " WHERE i.workspace_id = ? AND i.person_id = ? ORDER BY i.id")
                .bind(0, workspaceId)
                .bind(1, personId)
                .map((rs, ctx) -> identity(rs))
                .list());
  }

  @Override
  public Optional<Person> person(long workspaceId, long personId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(PERSON_COLUMNS + " WHERE" + " workspace_id = ? AND id = ?")
                .bind(0, workspaceId)
                .bind(1, personId)
                .map((rs, ctx) -> person(rs))
                .findOne());
  }

  @Override
  public void markCustomers(long workspaceId, long[] personIds) {
    db.run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE person SET stage = 'customer' WHERE workspace_id = ? AND id = ?")) {
            for (long id : personIds) {
              ps.setLong(1, workspaceId);
              ps.setLong(2, id);
              ps.addBatch();
            }
            ps.executeBatch();
          }
        });
  }

  @Override
  public Optional<Identity> byHandle(long workspaceId, Platform platform, String handle) {
    String h0 = handle.startsWith("@") ? handle.substring(1) : handle;
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    IDENTITY_COLUMNS
                        + " WHERE i.workspace_id = ? AND i.platform = ? AND (i.handle = ? OR"
                        + " i.handle = ?) ORDER BY i.id FETCH FIRST 1 ROWS ONLY")
                .bind(0, workspaceId)
                .bind(1, platform.code())
                .bind(2, h0)
                .bind(3, "@" + h0)
                .map((rs, ctx) -> identity(rs))
                .findOne());
  }

  @Override
  public Optional<Person> byEmail(long workspaceId, String email) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    PERSON_COLUMNS
                        + " WHERE"
                        + " workspace_id = ? AND email = ? ORDER BY id FETCH FIRST 1 ROWS ONLY")
                .bind(0, workspaceId)
                .bind(1, email.trim().toLowerCase(java.util.Locale.ROOT))
                .map((rs, ctx) -> person(rs))
                .findOne());
  }

  @Override
  public void setEmail(long workspaceId, long identityId, String email) {
    db.run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE person SET email = ? WHERE workspace_id = ? AND id = (SELECT person_id"
                      + " FROM identity WHERE workspace_id = ? AND id = ?)")) {
            ps.setString(1, email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT));
            ps.setLong(2, workspaceId);
            ps.setLong(3, workspaceId);
            ps.setLong(4, identityId);
            ps.executeUpdate();
          }
        });
  }

  @Override
  public long countIdentities(long workspaceId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM identity WHERE workspace_id = ?")
                .bind(0, workspaceId)
                .mapTo(Long.class)
                .one());
  }

  private static Person person(ResultSet rs) throws SQLException {
    return new Person(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        Stage.fromCode(rs.getString(5)));
  }

  private static Identity identity(ResultSet rs) throws SQLException {
    return new Identity(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        Platform.fromCode(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        Category.fromCode(rs.getString(8)),
        rs.getBoolean(9),
        time(rs, 10),
        rs.getLong(11));
  }
}
