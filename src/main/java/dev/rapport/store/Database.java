package dev.rapport.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * An open, migrated database: the connection pool, a Jdbi over it and the dialect. Thread-safe;
 * close it once at shutdown.
 */
public final class Database implements AutoCloseable {

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final DatabaseSettings settings;

  private Database(HikariDataSource dataSource, DatabaseSettings settings) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.dialect = settings.dialect();
    this.jdbi = Jdbi.create(dataSource);
  }

  /** Opens the pool and brings the schema up to date. */
  public static Database open(DatabaseSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setPoolName("rapport");
    config.setConnectionTimeout(10_000);
    if (settings.schema() != null) {
      config.setConnectionInitSql("SET search_path TO " + settings.schema());
    }
    if (settings.dialect() == Dialect.POSTGRESQL) {
      // Lets the driver rewrite batched inserts into multi-row statements.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    HikariDataSource ds;
    try {
      if (settings.schema() != null) {
        createSchema(settings);
      }
      ds = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException(
          "Cannot open the database at " + settings.safeUrl() + ": " + rootMessage(e), e);
    }
    try {
      migrate(ds, settings);
    } catch (RuntimeException e) {
      ds.close();
      throw new StoreException(
          "Cannot bring the database schema at "
              + settings.safeUrl()
              + " up to date: "
              + rootMessage(e),
          e);
    }
    return new Database(ds, settings);
  }

  private static void createSchema(DatabaseSettings settings) {
    try (var c =
            java.sql.DriverManager.getConnection(
                settings.url(), settings.user(), settings.password());
        var s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + settings.schema());
    } catch (java.sql.SQLException e) {
      throw new StoreException(
          "Cannot create schema " + settings.schema() + ": " + e.getMessage(), e);
    }
  }

  private static void migrate(DataSource ds, DatabaseSettings settings) {
    var flyway =
        Flyway.configure()
            .dataSource(ds)
            .locations("classpath:db/migration")
            .failOnMissingLocations(true);
    if (settings.schema() != null) {
      flyway.schemas(settings.schema()).defaultSchema(settings.schema());
    }
    flyway.load().migrate();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   * SQL failures surface as {@link StoreException}; argument and state exceptions pass through.
   */
  public <T> T transaction(SqlWork<T> work) {
    try {
      return jdbi.inTransaction(h -> work.run(h.getConnection()));
    } catch (java.sql.SQLException e) {
      throw new StoreException("database error: " + e.getMessage(), e);
    } catch (org.jdbi.v3.core.JdbiException e) {
      throw new StoreException("database error: " + rootMessage(e), e);
    }
  }

  /** {@link #transaction} for work with no result. */
  public void run(SqlAction action) {
    transaction(
        c -> {
          action.run(c);
          return null;
        });
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Dialect dialect() {
    return dialect;
  }

  public DatabaseSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
