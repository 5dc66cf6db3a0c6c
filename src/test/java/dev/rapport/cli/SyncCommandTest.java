package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.app.Settings;
import dev.rapport.workspace.Channel;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rapport sync end to end on an embedded database. */
class SyncCommandTest {

  @TempDir Path dir;

  String url() {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
  }

  @Test
  void saysWhatIsMissingThenShowsTheErrorOfARefusedHost() {
    CliRun.of("workspace", "create", "shop", "My Shop", "--database-url", url());
    CliRun.of("workspace", "add-channel", "shop", "bluesky", "shop.test", "--database-url", url());

    CliRun none = CliRun.of("sync", "-w", "shop", "--database-url", url());
    assertThat(none.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(none.err()).contains("no connected channels");
    assertThat(CliRun.of("sync", "-w", "shop", "--channel", "@nope", "--database-url", url()).err())
        .contains("no channel '@nope'");

    // A channel connected to a PDS on this machine: the default policy refuses private hosts.
    DatabaseOption option = new DatabaseOption();
    option.databaseUrl = url();
    Settings settings = option.settings();
    try (Rapport r = DatabaseOption.open(settings)) {
      long ws = r.workspaces().bySlug("shop").orElseThrow().id();
      Channel ch = r.workspaces().channels(ws).get(0);
      r.connections()
          .connect(
              ws,
              ch.id(),
              URI.create("http://127.0.0.1:9"),
              "did:plc:shop",
              "shop.test",
              Map.of("appPassword", "aaaa-bbbb-cccc-dddd"));
    }
    CliRun sync =
        CliRun.of("sync", "-w", "shop", "--channel", "@shop.test", "--database-url", url());
    assertThat(sync.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(sync.out())
        .contains("bluesky @shop.test: 0 new of 0 engagements")
        .contains("private or local address");

    CliRun status =
        CliRun.of("sync", "-w", "shop", "--status", "--format", "json", "--database-url", url());
    assertThat(status.exit()).isZero();
    assertThat(status.out())
        .contains("\"lastError\"")
        .contains("private or local address")
        .contains("\"runs\" : [ ]");
  }
}
