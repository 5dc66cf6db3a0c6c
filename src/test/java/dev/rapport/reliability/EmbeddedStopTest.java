package dev.rapport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.cli.SimulateCommand;
import dev.rapport.store.Database;
import dev.rapport.store.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a command (SIGTERM, as Ctrl-C or a service manager does) while it writes to the embedded
 * database leaves a file that opens again, with every committed batch and rollups in step: the
 * database closes itself on the way out. Before, a process stopped in the middle of H2 writing its
 * pages could leave a file H2 refused to open.
 */
class EmbeddedStopTest {

  /**
   * A progress line of the ledger phase with a positive count, e.g. "engagements 1% [..] 10000/".
   */
  private static final java.util.regex.Pattern WRITING =
      java.util.regex.Pattern.compile("engagements\\s+\\d+% \\[[^\\]]*\\]\\s+[1-9]\\d*/");

  @Test
  void stoppingAWritingCommandLeavesADatabaseThatOpensAndIsConsistent(@TempDir Path dir)
      throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("rapport") + ";DB_CLOSE_ON_EXIT=FALSE";
    Path log = dir.resolve("simulate.log");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                SimulateCommand.class.getName(),
                "--people",
                "20000",
                "--engagements",
                "2000000",
                "--seed",
                "3",
                "--as-of",
                "2026-06-01",
                "--workspace",
                "stop",
                "--database-url",
                url,
                "--format",
                "json")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      // Until the ledger holds a first batch and more are being written: the progress bar of
      // the ledger phase counts the stored engagements. (Waiting a fixed time after the phase
      // began was not enough on a loaded machine: nothing was committed yet.)
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (System.nanoTime() < deadline
          && p.isAlive()
          && !(Files.exists(log) && WRITING.matcher(Files.readString(log)).find())) {
        Thread.sleep(200);
      }
      Thread.sleep(1_000);
      assertThat(p.isAlive()).as("still writing when stopped; log:%n%s", read(log)).isTrue();
    } finally {
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    try (Rapport r =
        Rapport.on(
            Database.open(new DatabaseSettings(url, "sa", "", 2, null)), Clock.systemUTC())) {
      long ws = r.workspaces().bySlug("stop").orElseThrow().id();
      assertThat(r.ledger().count(ws)).isPositive();
      var check = r.rollups().check(ws);
      assertThat(check.consistent()).as("rollups after the stop: %s", check).isTrue();
    }
  }

  private static String read(Path log) throws java.io.IOException {
    return Files.exists(log) ? Files.readString(log) : "(no log)";
  }
}
