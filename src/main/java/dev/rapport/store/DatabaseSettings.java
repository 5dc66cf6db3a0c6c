package dev.rapport.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the data lives. Validated at construction.
 *
 * @param url a JDBC URL: {@code jdbc:h2:file:...} (embedded, the default) or {@code
 *     jdbc:postgresql://...}
 * @param user database user, may be empty
 * @param password database password, may be empty
 * @param maxPoolSize connections in the pool
 * @param schema for PostgreSQL, the schema to work in (created if missing); null for the default
 */
public record DatabaseSettings(
    String url, String user, String password, int maxPoolSize, String schema) {

  public static final int DEFAULT_POOL_SIZE = 10;

  public DatabaseSettings {
    Objects.requireNonNull(url, "url");
    Dialect.of(url);
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be at least 1");
    }
    if (schema != null && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("schema must be a lower-case SQL identifier: " + schema);
    }
  }

  /** The embedded database in a file under {@code dir}. */
  public static DatabaseSettings embedded(Path dir) {
    String file = dir.toAbsolutePath().resolve("rapport").toString();
    return new DatabaseSettings(
        "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", DEFAULT_POOL_SIZE, null);
  }

  public DatabaseSettings withSchema(String s) {
    return new DatabaseSettings(url, user, password, maxPoolSize, s);
  }

  public Dialect dialect() {
    return Dialect.of(url);
  }

  /** The URL with any password removed, for logs and messages. */
  public String safeUrl() {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
