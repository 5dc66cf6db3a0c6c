package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.store.Database;
import dev.rapport.store.DatabaseSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer runs {@code rapport report} while {@code rapport demo} is serving: the embedded
 * database is held by the server, and the command must say why it cannot open it and what to do.
 */
class EmbeddedInUseTest {

  @Test
  void aSecondProcessIsToldTheServerHoldsTheDatabaseAndHowToGoOn(@TempDir Path home)
      throws Exception {
    try (Database held = Database.open(DatabaseSettings.embedded(home))) {
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              System.getProperty("java.class.path"),
              RapportCommand.class.getName(),
              "workspace",
              "list");
      pb.environment().put("RAPPORT_HOME", home.toString());
      pb.environment().remove("RAPPORT_DATABASE_URL");
      Path err = Files.createTempFile(home, "err", ".txt");
      pb.redirectErrorStream(true).redirectOutput(err.toFile());
      Process p = pb.start();
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String said = Files.readString(err, StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(said).isNotZero();
      assertThat(said)
          .contains("Another Rapport process (rapport serve or rapport demo)")
          .contains("stop that one first")
          .contains("use PostgreSQL")
          .doesNotContain("Exception");
    }
  }
}
