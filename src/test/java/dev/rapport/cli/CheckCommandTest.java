package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rapport check: silent agreement after a stored audit, a named difference after tampering. */
class CheckCommandTest {

  @TempDir Path dir;

  String url() {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
  }

  @Test
  void agreesAfterAnAuditAndNamesATamperedRollup() throws Exception {
    CliRun.of("workspace", "create", "bakery", "Bakery", "--database-url", url());
    CliRun.of("workspace", "add-channel", "bakery", "x", "bakery", "--database-url", url());
    CliRun audit =
        CliRun.of(
            "audit",
            StoredAuditCliTest.fixture("audience.jsonl").toString(),
            "-w",
            "bakery",
            "--channel",
            "@bakery",
            "--no-progress",
            "--database-url",
            url());
    assertThat(audit.exit()).as(audit.err()).isZero();

    CliRun ok = CliRun.of("check", "-w", "bakery", "--database-url", url());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out())
        .contains("bakery: every rollup equals its recomputation")
        .containsPattern("audience_count +\\d+ rows +ok");

    try (var c = DriverManager.getConnection(url(), "", "");
        var s = c.createStatement()) {
      s.execute(
          "UPDATE audience_count SET n = n + 1 WHERE follows = TRUE AND verdict = 'real_person'");
    }
    CliRun bad = CliRun.of("check", "--database-url", url());
    assertThat(bad.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(bad.out())
        .contains("bakery: DIFFERENCES FOUND")
        .containsPattern("audience_count +\\d+ rows +1 differ")
        .containsPattern("real_person following: stored (\\d+), recomputed (?!\\1)\\d+");

    CliRun missing = CliRun.of("check", "-w", "nope", "--database-url", url());
    assertThat(missing.exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }
}
