package dev.rapport.cli;

import dev.rapport.app.Rapport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "migrate",
    description = "Create or update the database schema, then exit. Other commands do this too.")
final class MigrateCommand implements Callable<Integer> {

  @Mixin DatabaseOption db;

  @Override
  public Integer call() {
    var settings = db.settings();
    try (Rapport r = db.open()) {
      String version =
          r.database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT \"version\" FROM \"flyway_schema_history\" WHERE"
                                  + " \"success\" = TRUE AND \"version\" IS NOT NULL ORDER BY"
                                  + " \"installed_rank\" DESC FETCH FIRST 1 ROWS ONLY")
                          .mapTo(String.class)
                          .one());
      System.out.println(
          "Database " + settings.database().safeUrl() + " is at schema version " + version + ".");
    }
    return ExitCodes.OK;
  }
}
