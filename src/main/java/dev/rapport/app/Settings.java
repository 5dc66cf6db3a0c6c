package dev.rapport.app;

import dev.rapport.store.DatabaseSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Rapport's settings, read once at start-up from (highest first) the environment, a properties file
 * ({@code RAPPORT_CONFIG}, default {@code ~/.rapport/rapport.properties}) and defaults.
 *
 * @param home the data directory (embedded database, keys); {@code RAPPORT_HOME}, default {@code
 *     ~/.rapport}
 * @param database where the data lives; {@code RAPPORT_DATABASE_URL} (+ {@code
 *     RAPPORT_DATABASE_USER}, {@code RAPPORT_DATABASE_PASSWORD}), default embedded H2 under home
 * @param port HTTP port; {@code RAPPORT_PORT}, default 8080
 * @param bindAddress interface to listen on; {@code RAPPORT_BIND}, default 127.0.0.1
 */
public record Settings(Path home, DatabaseSettings database, int port, String bindAddress) {

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_BIND = "127.0.0.1";

  public Settings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, got " + port);
    }
  }

  public static Settings load(Map<String, String> env) {
    Path home =
        Path.of(
            env.getOrDefault(
                "RAPPORT_HOME", Path.of(System.getProperty("user.home"), ".rapport").toString()));
    Properties file = new Properties();
    Path config =
        Path.of(env.getOrDefault("RAPPORT_CONFIG", home.resolve("rapport.properties").toString()));
    if (Files.isRegularFile(config)) {
      try (Reader r = Files.newBufferedReader(config)) {
        file.load(r);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read config file " + config + ": " + e.getMessage(), e);
      }
    }
    String url = pick(env, file, "RAPPORT_DATABASE_URL", "database.url", null);
    DatabaseSettings db =
        url == null
            ? DatabaseSettings.embedded(home)
            : new DatabaseSettings(
                url,
                pick(env, file, "RAPPORT_DATABASE_USER", "database.user", ""),
                pick(env, file, "RAPPORT_DATABASE_PASSWORD", "database.password", ""),
                DatabaseSettings.DEFAULT_POOL_SIZE,
                null);
    int port;
    String p = pick(env, file, "RAPPORT_PORT", "port", String.valueOf(DEFAULT_PORT));
    try {
      port = Integer.parseInt(p.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("RAPPORT_PORT must be a number, got '" + p + "'");
    }
    return new Settings(home, db, port, pick(env, file, "RAPPORT_BIND", "bind", DEFAULT_BIND));
  }

  public Settings withDatabase(DatabaseSettings d) {
    return new Settings(home, d, port, bindAddress);
  }

  public Settings withPort(int p) {
    return new Settings(home, database, p, bindAddress);
  }

  private static String pick(
      Map<String, String> env, Properties file, String envKey, String fileKey, String dflt) {
    String v = env.get(envKey);
    if (v != null && !v.isBlank()) {
      return v;
    }
    v = file.getProperty(fileKey);
    return v != null && !v.isBlank() ? v : dflt;
  }
}
