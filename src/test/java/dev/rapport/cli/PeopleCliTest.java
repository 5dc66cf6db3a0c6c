package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rapport people … and rapport focus … end to end on an embedded database. */
class PeopleCliTest {

  @TempDir Path dir;

  CliRun run(String... args) {
    return CliRun.of(args);
  }

  String url() {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
  }

  @Test
  void mergeUndoNotesTagsShowExportAndFocus() throws Exception {
    run("workspace", "create", "shop", "My Shop", "--database-url", url());
    run("workspace", "add-channel", "shop", "bluesky", "shop.test", "--database-url", url());
    Path profiles = dir.resolve("profiles.csv");
    Files.writeString(
        profiles,
        "platform,user_id,handle,observed_at,followers,following,follows_channel\n"
            + "bluesky,did:plc:a,jo.bsky.social,2026-06-01,120,90,shop.test\n"
            + "mastodon,1,jo@mastodon.social,2026-06-01,20,30,\n");
    assertThat(
            run(
                    "import",
                    "csv",
                    "--kind",
                    "profiles",
                    "-w",
                    "shop",
                    profiles.toString(),
                    "--database-url",
                    url())
                .exit())
        .isZero();
    CliRun suggest = run("people", "suggest", "-w", "shop", "--database-url", url());
    assertThat(suggest.out())
        .contains("same handle 'jo' on bluesky and mastodon")
        .contains("rapport people merge -w shop 1 2");
    CliRun merge = run("people", "merge", "-w", "shop", "1", "2", "--database-url", url());
    assertThat(merge.exit()).as(merge.err()).isZero();
    assertThat(merge.out()).contains("merge #1, 1 identities moved");
    CliRun again = run("people", "merge", "-w", "shop", "3", "2", "--database-url", url());
    assertThat(again.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(run("people", "undo", "-w", "shop", "1", "--database-url", url()).out())
        .contains("person 2 is back");
    assertThat(
            run("people", "note", "-w", "shop", "1", "Met at the market", "--database-url", url())
                .exit())
        .isZero();
    assertThat(run("people", "tag", "-w", "shop", "1", "Market", "--database-url", url()).exit())
        .isZero();
    CliRun show = run("people", "show", "-w", "shop", "1", "--database-url", url());
    assertThat(show.out()).contains("tags: market").contains("note: Met at the market");
    CliRun json =
        run("people", "show", "-w", "shop", "1", "--format", "json", "--database-url", url());
    assertThat(json.out()).contains("\"tags\" : [ \"market\" ]");
    CliRun export = run("people", "export", "-w", "shop", "--database-url", url());
    assertThat(export.out())
        .startsWith("person_id,display_name,email,stage,identities,tags")
        .contains("bluesky:jo.bsky.social,market");
    CliRun focus = run("focus", "-w", "shop", "--database-url", url());
    assertThat(focus.exit()).as(focus.err()).isZero();
    assertThat(focus.out()).contains("Nobody waiting on you today.");
    CliRun done =
        run(
            "focus",
            "done",
            "-w",
            "shop",
            "1",
            "--reason",
            "thank_advocate",
            "--action",
            "thanked",
            "--database-url",
            url());
    assertThat(done.out()).contains("Recorded on the timeline");
    assertThat(run("people", "stages", "-w", "shop", "--database-url", url()).out())
        .contains("Looked at 2 persons");
    assertThat(run("focus", "response-times", "-w", "shop", "--database-url", url()).out())
        .contains("bluesky (shop.test): 0 answered, median —");
  }
}
