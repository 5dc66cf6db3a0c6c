package dev.rapport.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

  /** A fresh schema on the test server; dropped when the returned database is closed. */
  public static Database postgres() {
    DatabaseSettings s = postgresSettings();
    Database db = Database.open(s);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(s)));
    return db;
  }

  public static DatabaseSettings postgresSettings() {
    String url = postgresUrl();
    if (url == null) {
      throw new IllegalStateException(POSTGRES_URL_ENV + " is not set");
    }
    String schema =
        "rapport_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    return new DatabaseSettings(url, "", "", 4, schema);
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
