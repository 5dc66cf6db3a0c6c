package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.app.Settings;
import dev.rapport.store.DatabaseSettings;
import dev.rapport.store.SecretBox;
import dev.rapport.workspace.Workspace;
import java.time.Clock;
import picocli.CommandLine.Option;

/** The options every data command shares: where the database is. */
final class DatabaseOption {

  @Option(
      names = "--database-url",
      paramLabel = "JDBC_URL",
      description =
          "Database to use (default: $RAPPORT_DATABASE_URL, else the embedded database in"
              + " ~/.rapport). Example: jdbc:postgresql://localhost:5432/rapport?user=rapport")
  String databaseUrl;

  Settings settings() {
    Settings s = Settings.load(System.getenv());
    if (databaseUrl != null) {
      s =
          s.withDatabase(
              new DatabaseSettings(
                  databaseUrl, null, null, DatabaseSettings.DEFAULT_POOL_SIZE, null));
    }
    return s;
  }

  Rapport open() {
    return open(settings());
  }

  /** Opens Rapport on the settings' database, with the secret key kept in its home. */
  static Rapport open(Settings s) {
    return Rapport.open(s.database(), Clock.systemUTC(), SecretBox.load(s.home(), System.getenv()));
  }

  static Workspace workspace(Rapport r, String slug) {
    return r.workspaces()
        .bySlug(slug)
        .orElseThrow(
            () ->
                new CliException(
                    ExitCodes.NOT_FOUND,
                    "no workspace '"
                        + slug
                        + "' (create one with: rapport workspace create "
                        + slug
                        + " \"Name\")"));
  }
}
