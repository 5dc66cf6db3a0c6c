package dev.rapport.publishing.dispatch.internal;

import dev.rapport.content.PostState;
import dev.rapport.platforms.PublishResult;
import dev.rapport.publishing.dispatch.DispatchEvent;
import dev.rapport.publishing.dispatch.DispatchFailure;
import dev.rapport.store.Database;
import dev.rapport.workspace.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL behind dispatch: variant state transitions (each guarded by the state it leaves, so two
 * nodes can never both move a variant), the outbox, and the event log.
 */
final class VariantStore {

  static final String TASK = "publish-variant";

  private final Database db;

  VariantStore(Database db) {
    this.db = db;
  }

  Optional<Target> target(long variantId) {
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT v.id, v.workspace_id, v.post_id, v.channel_id, ch.platform, ch.handle,"
                      + " v.body, v.state, v.scheduled_at, v.dispatch_attempts,"
                      + " v.dispatch_retried_at, o.state, o.node, o.started_at, o.attempt,"
                      + " o.lookups FROM post_variant v JOIN channel ch ON ch.id = v.channel_id"
                      + " LEFT JOIN dispatch_outbox o ON o.variant_id = v.id WHERE v.id = ?")) {
            ps.setLong(1, variantId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              String outboxState = rs.getString(12);
              Target.Outbox outbox =
                  outboxState == null
                      ? null
                      : new Target.Outbox(
                          outboxState,
                          rs.getString(13),
                          time(rs, 14),
                          rs.getInt(15),
                          rs.getInt(16));
              return Optional.of(
                  new Target(
                      rs.getLong(1),
                      rs.getLong(2),
                      rs.getLong(3),
                      rs.getLong(4),
                      Platform.fromCode(rs.getString(5)),
                      rs.getString(6),
                      rs.getString(7),
                      PostState.fromCode(rs.getString(8)),
                      time(rs, 9),
                      rs.getInt(10),
                      time(rs, 11),
                      outbox));
            }
          }
        });
  }

  /** The variant's media in order, as planning stored them. */
  List<MediaFiles.Stored> media(long variantId) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT kind, location, alt_text FROM variant_media WHERE variant_id = ?"
                            + " ORDER BY ordinal")
                    .bind(0, variantId)
                    .map(
                        (rs, ctx) ->
                            new MediaFiles.Stored(
                                rs.getString(1), rs.getString(2), rs.getString(3)))
                    .list());
  }

  /** The workspace a variant belongs to, or empty. */
  Optional<PostState> stateIn(long workspaceId, long variantId) {
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT state FROM post_variant WHERE id = ? AND workspace_id = ?")) {
            ps.setLong(1, variantId);
            ps.setLong(2, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(PostState.fromCode(rs.getString(1)))
                  : Optional.empty();
            }
          }
        });
  }

  /**
   * Moves a scheduled variant to publishing and writes the pending outbox record, committed before
   * the platform is called. False when the variant was no longer scheduled (another node or the
   * user got there first).
   */
  boolean claim(Target t, String node, Instant now) {
    return db.transaction(
        c -> {
          int n =
              update(
                  c,
                  "UPDATE post_variant SET state = 'publishing', dispatch_attempts ="
                      + " dispatch_attempts + 1, failure_message = NULL, failure_action = NULL,"
                      + " failed_at = NULL WHERE id = ? AND state = 'scheduled'",
                  t.variantId());
          if (n == 0) {
            return false;
          }
          int attempt = t.attempts() + 1;
          int u =
              update(
                  c,
                  "UPDATE dispatch_outbox SET idempotency_key = ?, attempt = ?, state = 'pending',"
                      + " node = ?, started_at = ?, completed_at = NULL, lookups = 0"
                      + " WHERE variant_id = ?",
                  t.idempotencyKey(),
                  attempt,
                  node,
                  now,
                  t.variantId());
          if (u == 0) {
            update(
                c,
                "INSERT INTO dispatch_outbox (variant_id, workspace_id, channel_id,"
                    + " idempotency_key, attempt, state, node, started_at, lookups)"
                    + " VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, 0)",
                t.variantId(),
                t.workspaceId(),
                t.channelId(),
                t.idempotencyKey(),
                attempt,
                node,
                now);
          }
          return true;
        });
  }

  /** The platform has the post (published now, or found after an unknown outcome). */
  boolean published(Target t, PublishResult.Published p, String kind, String message, Instant now) {
    return db.transaction(
        c -> {
          int n =
              update(
                  c,
                  "UPDATE post_variant SET state = 'published', published_at = ?,"
                      + " platform_post_id = ?, platform_url = ?, failure_message = NULL,"
                      + " failure_action = NULL, failed_at = NULL"
                      + " WHERE id = ? AND state IN ('publishing', 'unconfirmed')",
                  p.publishedAt() != null ? p.publishedAt() : now,
                  p.platformPostId(),
                  p.url(),
                  t.variantId());
          if (n == 1) {
            completeOutbox(c, t.variantId(), "done", now);
            event(c, t, now, kind, message);
          }
          return n == 1;
        });
  }

  /** Dispatch gave up on the variant; {@code from} is the state it must be leaving. */
  boolean failed(
      Target t, PostState from, String kind, String message, String action, Instant now) {
    return db.transaction(
        c -> {
          int n =
              update(
                  c,
                  "UPDATE post_variant SET state = 'failed', failure_message = ?,"
                      + " failure_action = ?, failed_at = ? WHERE id = ? AND state = ?",
                  clip(message, 2000),
                  clip(action, 1000),
                  now,
                  t.variantId(),
                  from.code());
          if (n == 1) {
            completeOutbox(c, t.variantId(), "done", now);
            event(c, t, now, kind, message + (action == null ? "" : " " + action));
          }
          return n == 1;
        });
  }

  /** Nothing was published; the variant waits for another attempt. */
  boolean retryLater(Target t, String message, Instant now) {
    return db.transaction(
        c -> {
          int n =
              update(
                  c,
                  "UPDATE post_variant SET state = 'scheduled', failure_message = ?"
                      + " WHERE id = ? AND state = 'publishing'",
                  clip(message, 2000),
                  t.variantId());
          if (n == 1) {
            completeOutbox(c, t.variantId(), "done", now);
            event(c, t, now, "retry", message);
          }
          return n == 1;
        });
  }

  /** The outcome is unknown: the variant is unconfirmed until Rapport has looked. */
  boolean unconfirmed(
      Target t, PostState from, String kind, String message, String action, Instant now) {
    return db.transaction(
        c -> {
          int n =
              update(
                  c,
                  "UPDATE post_variant SET state = 'unconfirmed', failure_message = ?,"
                      + " failure_action = ?, failed_at = ? WHERE id = ? AND state = ?",
                  clip(message, 2000),
                  clip(action, 1000),
                  now,
                  t.variantId(),
                  from.code());
          if (n == 1) {
            completeOutbox(c, t.variantId(), "unknown", now);
            event(c, t, now, kind, message);
          }
          return n == 1;
        });
  }

  /** The platform does not have it: publishing again is safe. */
  boolean reopen(Target t, String kind, String message, Instant now) {
    return db.transaction(
        c -> {
          int n =
              update(
                  c,
                  "UPDATE post_variant SET state = 'scheduled', failure_message = NULL,"
                      + " failure_action = NULL, failed_at = NULL"
                      + " WHERE id = ? AND state = 'unconfirmed'",
                  t.variantId());
          if (n == 1) {
            completeOutbox(c, t.variantId(), "done", now);
            event(c, t, now, kind, message);
          }
          return n == 1;
        });
  }

  /** Counts one look on the platform that gave no answer; returns the count so far. */
  int lookedWithoutAnswer(Target t, String message, Instant now) {
    return db.transaction(
        c -> {
          update(
              c,
              "UPDATE dispatch_outbox SET lookups = lookups + 1 WHERE variant_id = ?",
              t.variantId());
          event(c, t, now, "cannot_tell", message);
          try (PreparedStatement ps =
              c.prepareStatement("SELECT lookups FROM dispatch_outbox WHERE variant_id = ?")) {
            ps.setLong(1, t.variantId());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getInt(1) : 0;
            }
          }
        });
  }

  /** Updates the message shown on an unconfirmed variant (no state change). */
  void note(Target t, String kind, String message, String action, Instant now) {
    db.run(
        c -> {
          update(
              c,
              "UPDATE post_variant SET failure_message = ?, failure_action = ? WHERE id = ?",
              clip(message, 2000),
              clip(action, 1000),
              t.variantId());
          event(c, t, now, kind, message + (action == null ? "" : " " + action));
        });
  }

  void event(Target t, String kind, String message, Instant now) {
    db.run(c -> event(c, t, now, kind, message));
  }

  /**
   * The user asks to publish a failed variant again (back to scheduled, attempts from zero) or to
   * look again for an unconfirmed one. Returns the state it was in.
   */
  PostState retryByUser(long workspaceId, long variantId, Instant now) {
    return db.transaction(
        c -> {
          PostState state =
              stateIn(workspaceId, variantId)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "variant " + variantId + " is not in workspace " + workspaceId));
          String message;
          if (state == PostState.FAILED) {
            update(
                c,
                "UPDATE post_variant SET state = 'scheduled', dispatch_attempts = 0,"
                    + " dispatch_retried_at = ?, failure_message = NULL, failure_action = NULL,"
                    + " failed_at = NULL WHERE id = ? AND state = 'failed'",
                now,
                variantId);
            message = "Retry asked for; publishing again now.";
          } else if (state == PostState.UNCONFIRMED) {
            update(c, "UPDATE dispatch_outbox SET lookups = 0 WHERE variant_id = ?", variantId);
            message = "Retry asked for; looking on the platform first so it is not posted twice.";
          } else {
            throw new IllegalStateException(
                "only a failed or unconfirmed variant can be retried; this one is " + state.code());
          }
          update(
              c,
              "INSERT INTO dispatch_event (workspace_id, variant_id, at, kind, message)"
                  + " VALUES (?, ?, ?, 'retried_by_user', ?)",
              workspaceId,
              variantId,
              now,
              message);
          return state;
        });
  }

  /** Scheduled variants due before {@code before} that have no task: lost or never told. */
  List<long[]> dueWithoutTask(Instant before, int limit) {
    return ids(
        "SELECT v.id, v.workspace_id FROM post_variant v WHERE v.state = 'scheduled'"
            + " AND v.scheduled_at <= ? AND NOT EXISTS (SELECT 1 FROM scheduled_tasks t"
            + " WHERE t.task_name = '"
            + TASK
            + "' AND t.task_instance = CAST(v.id AS VARCHAR(100)))"
            + " ORDER BY v.scheduled_at FETCH FIRST "
            + limit
            + " ROWS ONLY",
        before);
  }

  /** Outbox records pending since before {@code before} whose task is gone. */
  List<long[]> stalePendingWithoutTask(Instant before, int limit) {
    return ids(
        "SELECT o.variant_id, o.workspace_id FROM dispatch_outbox o WHERE o.state = 'pending'"
            + " AND o.started_at <= ? AND NOT EXISTS (SELECT 1 FROM scheduled_tasks t"
            + " WHERE t.task_name = '"
            + TASK
            + "' AND t.task_instance = CAST(o.variant_id AS VARCHAR(100)))"
            + " FETCH FIRST "
            + limit
            + " ROWS ONLY",
        before);
  }

  /** Published variants of the channel since {@code since} (the platform's daily limit). */
  int publishedSince(long channelId, Instant since) {
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM post_variant WHERE channel_id = ? AND state IN"
                      + " ('published', 'publishing', 'unconfirmed') AND published_at >= ?")) {
            ps.setLong(1, channelId);
            ps.setObject(2, ts(since));
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  /**
   * Takes the channel's next publish slot, shared by all nodes: true when {@code now} is at or
   * after the stored slot (which then moves to {@code now + interval}); otherwise the stored slot
   * is returned through {@code nextSlot}.
   */
  boolean takeSlot(long channelId, Instant now, java.time.Duration interval, Instant[] nextSlot) {
    Optional<Instant> taken = trySlot(channelId, now, interval);
    if (taken.isEmpty()) {
      return true;
    }
    if (taken.get().equals(Instant.MIN)) {
      try {
        db.run(
            c ->
                update(
                    c,
                    "INSERT INTO dispatch_pace (channel_id, next_at) VALUES (?, ?)",
                    channelId,
                    now.plus(interval)));
        return true;
      } catch (dev.rapport.store.StoreException raced) {
        // Another node inserted the row first; its slot stands.
        taken = trySlot(channelId, now, interval);
        if (taken.isEmpty()) {
          return true;
        }
      }
    }
    nextSlot[0] = taken.get();
    return false;
  }

  /** Empty when the slot was taken; else the stored next slot, or Instant.MIN when no row. */
  private Optional<Instant> trySlot(long channelId, Instant now, java.time.Duration interval) {
    return db.transaction(
        c -> {
          int n =
              update(
                  c,
                  "UPDATE dispatch_pace SET next_at = ? WHERE channel_id = ? AND next_at <= ?",
                  now.plus(interval),
                  channelId,
                  now);
          if (n == 1) {
            return Optional.<Instant>empty();
          }
          try (PreparedStatement ps =
              c.prepareStatement("SELECT next_at FROM dispatch_pace WHERE channel_id = ?")) {
            ps.setLong(1, channelId);
            try (ResultSet rs = ps.executeQuery()) {
              return Optional.of(rs.next() ? time(rs, 1) : Instant.MIN);
            }
          }
        });
  }

  List<DispatchFailure> failures(long workspaceId) {
    return db.transaction(
        c -> {
          List<DispatchFailure> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT v.id, v.post_id, v.channel_id, ch.platform, ch.handle, v.state,"
                      + " v.failure_message, v.failure_action, v.scheduled_at, v.failed_at"
                      + " FROM post_variant v JOIN channel ch ON ch.id = v.channel_id"
                      + " WHERE v.workspace_id = ? AND v.state IN ('failed', 'unconfirmed')"
                      + " ORDER BY v.failed_at DESC, v.id DESC")) {
            ps.setLong(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new DispatchFailure(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        Platform.fromCode(rs.getString(4)),
                        rs.getString(5),
                        PostState.fromCode(rs.getString(6)),
                        rs.getString(7),
                        rs.getString(8),
                        time(rs, 9),
                        time(rs, 10)));
              }
            }
          }
          return out;
        });
  }

  List<DispatchEvent> history(long workspaceId, long variantId) {
    return db.transaction(
        c -> {
          List<DispatchEvent> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT variant_id, at, kind, message FROM dispatch_event"
                      + " WHERE workspace_id = ? AND variant_id = ? ORDER BY at, id")) {
            ps.setLong(1, workspaceId);
            ps.setLong(2, variantId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new DispatchEvent(
                        rs.getLong(1), time(rs, 2), rs.getString(3), rs.getString(4)));
              }
            }
          }
          return out;
        });
  }

  private List<long[]> ids(String sql, Instant before) {
    return db.transaction(
        c -> {
          List<long[]> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, ts(before));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new long[] {rs.getLong(1), rs.getLong(2)});
              }
            }
          }
          return out;
        });
  }

  private static void completeOutbox(Connection c, long variantId, String state, Instant now)
      throws SQLException {
    update(
        c,
        "UPDATE dispatch_outbox SET state = ?, completed_at = ? WHERE variant_id = ?",
        state,
        now,
        variantId);
  }

  private static void event(Connection c, Target t, Instant now, String kind, String message)
      throws SQLException {
    update(
        c,
        "INSERT INTO dispatch_event (workspace_id, variant_id, at, kind, message)"
            + " VALUES (?, ?, ?, ?, ?)",
        t.workspaceId(),
        t.variantId(),
        now,
        kind,
        clip(message, 2000));
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a instanceof Instant instant) {
          ps.setObject(i + 1, ts(instant));
        } else if (a == null) {
          ps.setNull(i + 1, Types.VARCHAR);
        } else {
          ps.setObject(i + 1, a);
        }
      }
      return ps.executeUpdate();
    }
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static OffsetDateTime ts(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  private static Instant time(ResultSet rs, int i) throws SQLException {
    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
