package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rapport channel list / connect / disconnect on an embedded database. */
class ChannelCliTest {

  @TempDir Path dir;

  String url() {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
  }

  @Test
  void connectSealsSecretsAndListShowsTheState() throws Exception {
    CliRun.of("workspace", "create", "shop", "Shop", "--database-url", url());
    CliRun.of(
        "workspace", "add-channel", "shop", "mastodon", "@shop@m.social", "--database-url", url());
    CliRun before = CliRun.of("channel", "list", "-w", "shop", "--database-url", url());
    assertThat(before.out()).contains("@shop@m.social").contains("not connected");

    CliRun connect =
        CliRun.of(
            "channel",
            "connect",
            "-w",
            "shop",
            "shop@m.social",
            "--service",
            "https://m.social",
            "--account-id",
            "42",
            "--secret",
            "access_token=tok-very-secret",
            "--database-url",
            url());
    assertThat(connect.exit()).as(connect.err()).isZero();
    assertThat(connect.out()).contains("1 secret sealed");
    try (var c = DriverManager.getConnection(url(), "", "");
        var rs = c.createStatement().executeQuery("SELECT secrets FROM channel_connection")) {
      rs.next();
      assertThat(rs.getString(1)).doesNotContain("tok-very-secret");
    }
    assertThat(CliRun.of("channel", "list", "-w", "shop", "--database-url", url()).out())
        .contains("connected to https://m.social");

    CliRun bad =
        CliRun.of(
            "channel",
            "connect",
            "-w",
            "shop",
            "nope",
            "--service",
            "https://m.social",
            "--database-url",
            url());
    assertThat(bad.exit()).isEqualTo(ExitCodes.NOT_FOUND);

    CliRun off =
        CliRun.of("channel", "disconnect", "-w", "shop", "@shop@m.social", "--database-url", url());
    assertThat(off.exit()).isZero();
    assertThat(CliRun.of("channel", "list", "-w", "shop", "--database-url", url()).out())
        .contains("not connected");
  }
}
