package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rapport command end to end on an embedded database: exit codes and what a person reads. */
class CliTest {

  @TempDir Path dir;

  CliRun run(String... args) {
    return CliRun.of(args);
  }

  String url() {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
  }

  @Test
  void aNewcomersPathFromWorkspaceToReport() throws IOException {
    assertThat(run("workspace", "create", "shop", "My Shop", "--database-url", url()).exit())
        .isZero();
    assertThat(
            run(
                    "workspace",
                    "add-channel",
                    "shop",
                    "bluesky",
                    "shop.test",
                    "--followers",
                    "40",
                    "--database-url",
                    url())
                .exit())
        .isZero();
    Path profiles = dir.resolve("profiles.csv");
    Files.writeString(
        profiles,
        "platform,user_id,handle,observed_at,followers,following,follows_channel\n"
            + "bluesky,did:plc:a,a.test,2026-06-01,120,90,shop.test\n"
            + "bluesky,did:plc:b,b.test,2026-06-01,2,3900,shop.test\n");
    CliRun imported =
        run(
            "import",
            "csv",
            "--kind",
            "profiles",
            "-w",
            "shop",
            profiles.toString(),
            "--database-url",
            url());
    assertThat(imported.exit()).isZero();
    assertThat(imported.out()).contains("Imported profiles").contains("2 rows, 2 new");

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "platform,user_id,observed_at,followers\nbluesky,x,2026-06-01,lots\n");
    CliRun refused =
        run(
            "import",
            "csv",
            "--kind",
            "profiles",
            "-w",
            "shop",
            bad.toString(),
            "--database-url",
            url());
    assertThat(refused.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(refused.err())
        .contains("nothing was written")
        .contains("line 2, column followers: not a whole number: 'lots'");

    CliRun report = run("report", "-w", "shop", "--database-url", url());
    assertThat(report.exit()).isZero();
    assertThat(report.out())
        .contains("Followers the platforms show")
        .containsPattern("Authentic followers\\s+1\\s+50\\.0%");
    // Nobody in this small shop engaged in 3 of the last 12 weeks.
    assertThat(report.out()).contains("The core: nobody yet");
    CliRun json = run("report", "-w", "shop", "--format", "json", "--database-url", url());
    assertThat(json.out()).contains("\"vanityFollowers\" : 40");
    assertThat(json.out()).contains("\"core\" : [ ]");

    CliRun missing = run("report", "-w", "nope", "--database-url", url());
    assertThat(missing.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.err()).contains("no workspace 'nope'");
  }

  @Test
  void helpExplainsTheCommands() {
    String usage = RapportCommand.commandLine().getUsageMessage();
    assertThat(usage).contains("import").contains("report").contains("workspace");
    assertThat(run("--version").exit()).isZero();
  }
}
