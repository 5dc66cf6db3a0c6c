package dev.rapport.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The real databases storage tests run against: embedded H2 always, PostgreSQL whenever {@code
 * RAPPORT_TEST_POSTGRES_URL} is set (CI sets it). Each opened database is fresh: a new H2 file, or
 * a new PostgreSQL schema that is dropped again on close, since the server outlives test runs.
 */
public final class TestDatabases {

  public static final String POSTGRES_URL_ENV = "RAPPORT_TEST_POSTGRES_URL";

  private TestDatabases() {}

  /** A way to get a fresh database, named for test reports. */
  public interface Kind {
    Database open();
  }

  /** For {@code @MethodSource("dev.rapport.store.TestDatabases#kinds")}. */
  public static Stream<Named<Kind>> kinds() {
    List<Named<Kind>> kinds = new ArrayList<>();
    kinds.add(Named.of("H2", TestDatabases::h2));
    if (postgresUrl() != null) {
      kinds.add(Named.of("PostgreSQL", TestDatabases::postgres));
    }
    return kinds.stream();
  }

  public static String postgresUrl() {
    String url = System.getenv(POSTGRES_URL_ENV);
    return url == null || url.isBlank() ? null : url;
  }

  public static Database h2() {
    try {
      Path dir = Files.createTempDirectory("rapport-test-h2");
      return Database.open(DatabaseSettings.embedded(dir));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static DatabaseSettings h2Settings() {
    try {
      return DatabaseSettings.embedded(Files.createTempDirectory("rapport-test-h2"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh schema on the test server; dropped soon after the returned database is closed. */
  public static Database postgres() {
    DatabaseSettings s = postgresSettings();
    Database db = Database.open(s);
    OPEN.add(new Opened(db, s));
    startJanitorOnce();
    return db;
  }

  private record Opened(Database db, DatabaseSettings settings) {}

  private static final java.util.Queue<Opened> OPEN =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private static final AtomicBoolean JANITOR = new AtomicBoolean();

  /**
   * Drops each schema once its database is closed, one at a time on a daemon thread, and at exit
   * those left. Dropping them all in exit hooks (one per schema, all at once) did not finish in the
   * 30 s Surefire gives the JVM, so every CI run left some 80 schemas on the shared server; and the
   * concurrent DROP ... CASCADEs, each locking every object of its schema, could fill the server's
   * lock table ("out of shared memory") for whatever else used it then.
   */
  private static void startJanitorOnce() {
    if (!JANITOR.compareAndSet(false, true)) {
      return;
    }
    Thread janitor =
        new Thread(
            () -> {
              while (true) {
                try {
                  Thread.sleep(2_000);
                } catch (InterruptedException e) {
                  return;
                }
                dropClosed(false);
              }
            },
            "drop-test-schemas");
    janitor.setDaemon(true);
    janitor.start();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> dropClosed(true), "drop-test-schemas-at-exit"));
  }

  private static synchronized void dropClosed(boolean all) {
    for (var it = OPEN.iterator(); it.hasNext(); ) {
      Opened o = it.next();
      if (all || o.db().isClosed()) {
        it.remove();
        dropSchema(o.settings());
      }
    }
  }

  /** Settings of a fresh H2 database, and of a fresh PostgreSQL schema when one is configured. */
  public static List<DatabaseSettings> freshSettings() {
    return postgresUrl() == null
        ? List.of(h2Settings())
        : List.of(h2Settings(), postgresSettings());
  }

  /**
   * Brings a fresh database up to schema version {@code version} only, as a release of that time
   * left it, and opens a connection to it: migration tests write old-shaped rows there, then open
   * the database with the current code and check what the upgrade made of them.
   */
  public static java.sql.Connection migratedTo(DatabaseSettings s, String version)
      throws java.sql.SQLException {
    var flyway =
        org.flywaydb.core.Flyway.configure()
            .dataSource(s.url(), s.user(), s.password())
            .locations("classpath:db/migration")
            .target(version);
    if (s.schema() != null) {
      flyway.schemas(s.schema()).defaultSchema(s.schema());
    }
    flyway.load().migrate();
    java.sql.Connection c = DriverManager.getConnection(s.url(), s.user(), s.password());
    if (s.schema() != null) {
      try (var st = c.createStatement()) {
        st.execute("SET search_path TO " + s.schema());
      }
    }
    return c;
  }

  public static DatabaseSettings postgresSettings() {
    String url = postgresUrl();
    if (url == null) {
      throw new IllegalStateException(POSTGRES_URL_ENV + " is not set");
    }
    dropStaleSchemasOnce(url);
    // The creation time in the name lets a later run recognise what an earlier one left behind.
    String schema =
        "rapport_test_"
            + Instant.now().getEpochSecond()
            + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    return new DatabaseSettings(url, "", "", 4, schema);
  }

  private static final AtomicBoolean SWEPT = new AtomicBoolean();
  private static final Duration STALE = Duration.ofHours(6);
  private static final Pattern TEST_SCHEMA =
      Pattern.compile("rapport_test_(?:(\\d{10})_[0-9a-f]{8}|[0-9a-f]{16})");

  /**
   * Drops the test schemas that earlier runs left on the shared server: the shutdown hooks that
   * drop them do not all finish when the test JVM is stopped (Surefire gives it 30 s), and a killed
   * run leaves all of its own. A schema counts as stale when its name says it was made more than
   * {@link #STALE} ago (longer than any run) or when it has the older name without a time.
   */
  private static void dropStaleSchemasOnce(String url) {
    if (!SWEPT.compareAndSet(false, true)) {
      return;
    }
    long now = Instant.now().getEpochSecond();
    List<String> stale = new ArrayList<>();
    try (var c = DriverManager.getConnection(url);
        var st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rapport\\_test\\_%'")) {
      while (rs.next()) {
        Matcher m = TEST_SCHEMA.matcher(rs.getString(1));
        if (m.matches()
            && (m.group(1) == null || now - Long.parseLong(m.group(1)) > STALE.toSeconds())) {
          stale.add(rs.getString(1));
        }
      }
      for (String schema : stale) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    } catch (java.sql.SQLException e) {
      System.err.println("could not drop stale test schemas: " + e.getMessage());
    }
  }

  public static void dropSchema(DatabaseSettings s) {
    try (var c = DriverManager.getConnection(s.url(), s.user(), s.password());
        var st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + s.schema() + " CASCADE");
    } catch (java.sql.SQLException e) {
      // The schema name is random; a leftover is harmless and reported for the curious.
      System.err.println("could not drop test schema " + s.schema() + ": " + e.getMessage());
    }
  }
}
