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
  // What the application borrows from: the pool itself, or on H2 the pool counting what is lent
  // (the exit hook lets that work finish before it shuts H2 down).
  private final DataSource lending;
  private final LentConnections lent;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final DatabaseSettings settings;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Database.class);

  /** How long an H2 connection waits for a row lock before giving up. */
  static final int H2_LOCK_TIMEOUT_MS = 60_000;

  private final ThreadLocal<java.sql.Connection> current = new ThreadLocal<>();
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Thread closeOnExit;

  /** How long the exit hook waits for an owner's orderly close before it closes the file itself. */
  static final long OWNER_EXIT_GRACE_MS = 30_000;

  private volatile boolean ownerClosesAtExit;

  /** How long the exit hook waits for work in flight to finish (an ingest batch at scale). */
  static final long EXIT_DRAIN_MS = 30_000;

  private Database(HikariDataSource dataSource, DatabaseSettings settings) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.dialect = settings.dialect();
    this.lent = dialect == Dialect.H2 ? new LentConnections(dataSource) : null;
    this.lending = lent == null ? dataSource : lent;
    this.jdbi = Jdbi.create(lending);
    if (dialect == Dialect.H2) {
      // The embedded file must be closed by H2 itself, whatever the process is doing when it is
      // told to stop (Ctrl-C, SIGTERM from a service manager): a process that exits in the middle
      // of H2 writing its pages left a file H2 could not open again ("File corrupted ...
      // Inconsistent occupancy info", H2 2.3.232). H2's own exit hook (DB_CLOSE_ON_EXIT) stays
      // off so that the server's hook can stop serving before the database goes.
      this.closeOnExit = new Thread(this::shutDownEmbedded, "rapport-h2-close");
      Runtime.getRuntime().addShutdownHook(closeOnExit);
    } else {
      this.closeOnExit = null;
    }
  }

  /**
   * SHUTDOWN through a connection of its own (the pool may be exhausted by the work being
   * interrupted): H2 rolls back open transactions, writes its pages and closes the file.
   */
  void shutDownEmbedded() {
    // Exit hooks run all at once: give the owner's hook (a server finishing its requests and
    // writing what waits) the time to close this database first.
    long deadline = System.nanoTime() + OWNER_EXIT_GRACE_MS * 1_000_000;
    while (ownerClosesAtExit && !closed.get() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (closed.get()) {
      return;
    }
    // Work in flight (an ingest batch, an import) finishes or fails on its own thread first: H2
    // closing a session another thread is using can commit half of that thread's transaction.
    try {
      int still = lent.drain(EXIT_DRAIN_MS);
      if (still > 0) {
        LOG.warn("closing the embedded database with {} connection(s) still in use", still);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closed.getAndSet(true)) {
      return;
    }
    try (var c =
            java.sql.DriverManager.getConnection(
                settings.url(), settings.user(), settings.password());
        var st = c.createStatement()) {
      st.execute("SHUTDOWN");
    } catch (java.sql.SQLException e) {
      LOG.warn("closing the embedded database at exit failed: {}", e.getMessage());
    }
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
    if (settings.dialect() == Dialect.H2
        && settings.schema() == null
        && !settings.url().toUpperCase(java.util.Locale.ROOT).contains("LOCK_TIMEOUT")) {
      // H2 gives up a lock wait after 2 s. Writers of one workspace queue for its row (ledger
      // ingest, imports, verdict changes; ADR 3), and an ingest batch into a large ledger takes
      // several seconds: wait as PostgreSQL does, only longer than any batch.
      config.setConnectionInitSql("SET LOCK_TIMEOUT " + H2_LOCK_TIMEOUT_MS);
    }
    if (settings.dialect() == Dialect.POSTGRESQL) {
      // Lets the driver rewrite batched inserts into multi-row statements.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      // Plan each execution with its parameters and the table's current size. A bulk load grows
      // tables from empty inside one session; a generic plan cached while a table was empty
      // turns primary-key updates into sequential scans (an audit of 200,000 followers went from
      // minutes to hours).
      if (!settings.url().contains("plan_cache_mode")) {
        config.addDataSourceProperty("options", "-c plan_cache_mode=force_custom_plan");
      }
    }
    HikariDataSource ds;
    try {
      if (settings.schema() != null) {
        createSchema(settings);
      }
      ds = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException(
          "Cannot open the database at "
              + settings.safeUrl()
              + ": "
              + rootMessage(e)
              + inUseHint(settings, e),
          e);
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

  /**
   * The embedded database is one file that one process opens at a time (H2's shared mode would open
   * a TCP port to other hosts, so it stays off); say what that means for a person who runs a
   * command while {@code rapport serve} or {@code demo} runs.
   */
  private static String inUseHint(DatabaseSettings settings, RuntimeException e) {
    String why = rootMessage(e);
    if (settings.dialect() != Dialect.H2 || why == null || !why.contains("locked")) {
      return "";
    }
    return ". Another Rapport process (rapport serve or rapport demo) has the embedded database"
        + " open, and only one process can use it at a time: stop that one first, or do the same"
        + " in the web app or through the REST API while it runs. To run commands beside a server,"
        + " use PostgreSQL (README, Configuration).";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. A
   * call made while this thread is already inside a transaction joins it, so that an import can
   * make several capabilities' writes all-or-nothing. SQL failures surface as {@link
   * StoreException}; argument and state exceptions pass through unchanged.
   */
  public <T> T transaction(SqlWork<T> work) {
    java.sql.Connection joined = current.get();
    if (joined != null) {
      try {
        return work.run(joined);
      } catch (java.sql.SQLException e) {
        throw new StoreException("database error: " + e.getMessage(), e);
      }
    }
    try (java.sql.Connection c = lending.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      current.set(c);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (java.sql.SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        current.remove();
        c.setAutoCommit(autoCommit);
      }
    } catch (java.sql.SQLException e) {
      throw new StoreException("database error: " + e.getMessage(), e);
    }
  }

  /**
   * {@link #transaction}, run again (up to {@code attempts} times in all) when the database gives
   * it up for a conflict with a concurrent transaction: a deadlock, a serialization failure, or a
   * unique key that another transaction inserted first (two batches creating the same new
   * identity). Only for work that is all-or-nothing, so that a rolled-back attempt left nothing; a
   * call inside a transaction joins it and is not retried here (the outermost caller decides).
   */
  public <T> T transactionRetrying(int attempts, SqlWork<T> work) {
    if (current.get() != null) {
      return transaction(work);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction(work);
      } catch (RuntimeException e) {
        if (attempt >= attempts || !concurrencyConflict(e)) {
          throw e;
        }
        LOG.info("transaction conflict, attempt {} of {}: {}", attempt, attempts, e.getMessage());
        try {
          // A short, random pause so that the two conflicting batches do not meet again.
          Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Deadlock (40P01), serialization failure (40001) or unique violation (23505), anywhere. */
  static boolean concurrencyConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLException sql) {
        for (java.sql.SQLException s = sql; s != null; s = s.getNextException()) {
          String state = s.getSQLState();
          if ("40P01".equals(state) || "40001".equals(state) || "23505".equals(state)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** True while this thread is inside {@link #transaction}. */
  public boolean inTransaction() {
    return current.get() != null;
  }

  private static void rollbackQuietly(java.sql.Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (java.sql.SQLException e) {
      cause.addSuppressed(e);
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

  /**
   * Refreshes the planner's statistics of every table (ANALYZE). After a bulk load the statistics
   * describe tables far smaller than they are and the planner picks poor plans until autovacuum
   * (PostgreSQL) or the next automatic analysis (H2) catches up; the simulator calls this once its
   * workspace is written.
   */
  public void refreshStatistics() {
    jdbi.useHandle(h -> h.execute("ANALYZE"));
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return lending;
  }

  public Dialect dialect() {
    return dialect;
  }

  public DatabaseSettings settings() {
    return settings;
  }

  /**
   * The caller's own exit hook closes this database after its work stops (the server: its last
   * requests answered, its queued clicks written). The embedded database's exit hook then waits for
   * that close, up to {@link #OWNER_EXIT_GRACE_MS}, instead of closing the file under it.
   */
  public void closedByOwnerAtExit() {
    ownerClosesAtExit = true;
  }

  /** Whether {@link #close} was called (or the exit hook closed it). */
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (closeOnExit != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(closeOnExit);
      } catch (IllegalStateException exiting) {
        // Called from a shutdown hook: the exit hook runs (or ran) and closes the file.
      }
    }
    dataSource.close();
    closed.set(true);
  }
}
