package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rapport audit -w stores verdicts, follows and the audit; rapport audits lists the history. */
class StoredAuditCliTest {

  @TempDir Path dir;

  String url() {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
  }

  static Path fixture(String name) throws Exception {
    return Path.of(
        StoredAuditCliTest.class.getResource("/dev/rapport/authenticity/" + name).toURI());
  }

  @Test
  void storesEveryVerdictAndTheAuditHistory() throws Exception {
    CliRun.of("workspace", "create", "bakery", "Bakery", "--database-url", url());
    CliRun.of("workspace", "add-channel", "bakery", "x", "bakery", "--database-url", url());
    CliRun none = CliRun.of("audits", "-w", "bakery", "--database-url", url());
    assertThat(none.out()).as(none.exit() + " " + none.err()).contains("No stored audits");

    Path audience = fixture("audience.jsonl");
    CliRun audit =
        CliRun.of(
            "audit",
            audience.toString(),
            "-w",
            "bakery",
            "--channel",
            "@bakery",
            "--no-progress",
            "--database-url",
            url());
    assertThat(audit.exit()).as(audit.err()).isZero();
    long lines =
        java.nio.file.Files.readAllLines(audience).stream().filter(l -> !l.isBlank()).count();

    try (var c = DriverManager.getConnection(url(), "", "");
        var s = c.createStatement()) {
      assertThat(count(s.executeQuery("SELECT COUNT(*) FROM identity"))).isEqualTo(lines);
      assertThat(count(s.executeQuery("SELECT COUNT(*) FROM identity WHERE verdict <> 'unknown'")))
          .isEqualTo(lines);
      assertThat(count(s.executeQuery("SELECT COUNT(*) FROM follow"))).isEqualTo(lines);
      assertThat(count(s.executeQuery("SELECT COUNT(*) FROM audit"))).isEqualTo(1);
    }

    // A second audit of the same file keeps one identity per account and adds to the history.
    CliRun again =
        CliRun.of(
            "audit", audience.toString(), "-w", "bakery", "--no-progress", "--database-url", url());
    assertThat(again.exit()).as(again.err()).isZero();
    CliRun history = CliRun.of("audits", "-w", "bakery", "--database-url", url());
    assertThat(history.out()).contains("#2 ").contains("#1 ").contains(lines + " profiles");
    assertThat(history.out()).containsPattern("real person \\d+");
    try (var c = DriverManager.getConnection(url(), "", "");
        var s = c.createStatement()) {
      assertThat(count(s.executeQuery("SELECT COUNT(*) FROM identity"))).isEqualTo(lines);
    }
  }

  @Test
  void anUnknownChannelIsNamed() throws Exception {
    CliRun.of("workspace", "create", "bakery", "Bakery", "--database-url", url());
    CliRun audit =
        CliRun.of(
            "audit",
            fixture("audience.jsonl").toString(),
            "-w",
            "bakery",
            "--channel",
            "nope",
            "--no-progress",
            "--database-url",
            url());
    assertThat(audit.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(audit.err()).contains("has no channel 'nope'");
  }

  private static long count(ResultSet rs) throws Exception {
    try (rs) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
