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

  static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
