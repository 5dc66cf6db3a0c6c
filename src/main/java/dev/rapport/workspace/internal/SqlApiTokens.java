package dev.rapport.workspace.internal;

import dev.rapport.store.Database;
import dev.rapport.workspace.ApiTokens;
import dev.rapport.workspace.Role;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** API tokens in the {@code api_token} table, keyed by the SHA-256 of the token. Thread-safe. */
public final class SqlApiTokens implements ApiTokens {

  private static final String COLUMNS = "id, workspace_id, user_id, name, role, created_at";

  private final Jdbi jdbi;
  private final Clock clock;
  private final Secrets secrets;

  public SqlApiTokens(Database db, Clock clock, SecureRandom random) {
    this.jdbi = db.jdbi();
    this.clock = clock;
    this.secrets = new Secrets(random);
  }

  @Override
  public Issued issue(long workspaceId, long userId, String name, Role role) {
    String label = name == null ? "" : name.strip();
    if (label.isEmpty() || label.length() > 100) {
      throw new IllegalArgumentException("a token needs a name of 1 to 100 characters");
    }
    String token = PREFIX + secrets.next();
    Instant now = clock.instant();
    long id =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO api_token (token_hash, workspace_id, user_id, name, role,"
                            + " created_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .bind(0, Secrets.sha256(token))
                    .bind(1, workspaceId)
                    .bind(2, userId)
                    .bind(3, label)
                    .bind(4, role.code())
                    .bind(5, SqlSessions.utc(now))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
    return new Issued(token, new ApiToken(id, workspaceId, userId, label, role, now));
  }

  @Override
  public Optional<ApiToken> find(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM api_token WHERE token_hash = ? AND revoked_at IS NULL")
                .bind(0, Secrets.sha256(token))
                .map((rs, ctx) -> token(rs))
                .findOne());
  }

  @Override
  public List<ApiToken> list(long workspaceId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM api_token WHERE workspace_id = ? AND revoked_at IS NULL"
                        + " ORDER BY id DESC")
                .bind(0, workspaceId)
                .map((rs, ctx) -> token(rs))
                .list());
  }

  @Override
  public boolean revoke(long workspaceId, long tokenId) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE api_token SET revoked_at = ? WHERE workspace_id = ? AND id = ?"
                            + " AND revoked_at IS NULL")
                    .bind(0, SqlSessions.utc(clock.instant()))
                    .bind(1, workspaceId)
                    .bind(2, tokenId)
                    .execute())
        > 0;
  }

  private static ApiToken token(ResultSet rs) throws SQLException {
    return new ApiToken(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getString(4),
        Role.fromCode(rs.getString(5)),
        rs.getObject(6, OffsetDateTime.class).toInstant());
  }
}
