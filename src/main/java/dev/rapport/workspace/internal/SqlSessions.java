package dev.rapport.workspace.internal;

import dev.rapport.store.Database;
import dev.rapport.workspace.Sessions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Sessions in the {@code web_session} table, keyed by the SHA-256 of the token. Thread-safe. */
public final class SqlSessions implements Sessions {

  private static final Duration RENEW_STEP = Duration.ofMinutes(1);

  private final Jdbi jdbi;
  private final Clock clock;
  private final Secrets secrets;

  public SqlSessions(Database db, Clock clock, SecureRandom random) {
    this.jdbi = db.jdbi();
    this.clock = clock;
    this.secrets = new Secrets(random);
  }

  @Override
  public Opened open(long userId, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a session must last some time, got " + ttl);
    }
    String token = secrets.next();
    String csrf = secrets.next();
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO web_session (id, user_id, csrf_token, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .bind(0, Secrets.sha256(token))
                .bind(1, userId)
                .bind(2, csrf)
                .bind(3, utc(now))
                .bind(4, utc(expires))
                .execute());
    return new Opened(token, new Session(userId, csrf, expires));
  }

  @Override
  public Optional<Session> find(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT user_id, csrf_token, expires_at FROM web_session"
                        + " WHERE id = ? AND expires_at > ?")
                .bind(0, Secrets.sha256(token))
                .bind(1, utc(clock.instant()))
                .map(
                    (rs, ctx) ->
                        new Session(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant()))
                .findOne());
  }

  @Override
  public Optional<Session> resume(String token, Duration idle, Duration absolute) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    String id = Secrets.sha256(token);
    Instant now = clock.instant();
    return jdbi.inTransaction(
        h -> {
          Optional<Stored> found =
              h.createQuery(
                      "SELECT user_id, csrf_token, created_at, expires_at FROM web_session"
                          + " WHERE id = ? AND expires_at > ?")
                  .bind(0, id)
                  .bind(1, utc(now))
                  .map(
                      (rs, ctx) ->
                          new Stored(
                              rs.getLong(1),
                              rs.getString(2),
                              rs.getObject(3, OffsetDateTime.class).toInstant(),
                              rs.getObject(4, OffsetDateTime.class).toInstant()))
                  .findOne();
          if (found.isEmpty()) {
            return Optional.empty();
          }
          Stored s = found.get();
          Instant end = s.createdAt().plus(absolute);
          if (!end.isAfter(now)) {
            return Optional.empty();
          }
          Instant expires = s.expiresAt();
          Instant wanted = now.plus(idle).isBefore(end) ? now.plus(idle) : end;
          // Not a write per request: only when the idle deadline moved by a minute or more.
          if (wanted.isAfter(expires.plus(RENEW_STEP)) || wanted.isBefore(expires)) {
            h.createUpdate("UPDATE web_session SET expires_at = ? WHERE id = ?")
                .bind(0, utc(wanted))
                .bind(1, id)
                .execute();
            expires = wanted;
          }
          return Optional.of(new Session(s.userId(), s.csrfToken(), expires));
        });
  }

  @Override
  public java.util.List<Active> active(long userId, String current) {
    String currentId = current == null || current.isBlank() ? null : Secrets.sha256(current);
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, created_at, expires_at FROM web_session"
                        + " WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC, id")
                .bind(0, userId)
                .bind(1, utc(clock.instant()))
                .map(
                    (rs, ctx) ->
                        new Active(
                            handle(rs.getString(1)),
                            rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getString(1).equals(currentId)))
                .list());
  }

  @Override
  public boolean close(long userId, String handle) {
    if (handle == null || handle.isBlank()) {
      return false;
    }
    return jdbi.withHandle(
        h -> {
          // A person has a handful of sessions: find the one by its handle among them.
          java.util.List<String> ids =
              h.createQuery("SELECT id FROM web_session WHERE user_id = ?")
                  .bind(0, userId)
                  .mapTo(String.class)
                  .list();
          for (String id : ids) {
            if (handle(id).equals(handle)) {
              return h.createUpdate("DELETE FROM web_session WHERE id = ? AND user_id = ?")
                      .bind(0, id)
                      .bind(1, userId)
                      .execute()
                  == 1;
            }
          }
          return false;
        });
  }

  private static String handle(String storedId) {
    return Secrets.sha256(storedId).substring(0, 24);
  }

  @Override
  public int closeAll(long userId) {
    return jdbi.withHandle(
        h -> h.createUpdate("DELETE FROM web_session WHERE user_id = ?").bind(0, userId).execute());
  }

  @Override
  public void close(String token) {
    if (token == null || token.isBlank()) {
      return;
    }
    jdbi.useHandle(
        h ->
            h.createUpdate("DELETE FROM web_session WHERE id = ?")
                .bind(0, Secrets.sha256(token))
                .execute());
  }

  @Override
  public int closeExpired() {
    return jdbi.withHandle(
        h ->
            h.createUpdate("DELETE FROM web_session WHERE expires_at <= ?")
                .bind(0, utc(clock.instant()))
                .execute());
  }

  private record Stored(long userId, String csrfToken, Instant createdAt, Instant expiresAt) {}

  static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
