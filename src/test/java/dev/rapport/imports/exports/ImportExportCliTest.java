package dev.rapport.imports.exports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.cli.RapportCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rapport import x-archive ...} end to end: the summary, re-import, refusal, exit codes. */
class ImportExportCliTest {

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int code = RapportCommand.commandLine().execute(args);
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  String url() {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
  }

  @Test
  void importsAnArchivePrintsWhatItDidAndRefusesABrokenOne() {
    assertThat(run("workspace", "create", "rose", "Rose Bakery", "--database-url", url()).exit())
        .isZero();
    Path archive = Fixtures.copy("x", dir);

    Run first =
        run("import", "x-archive", archive.toString(), "-w", "rose", "--database-url", url());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("Imported the x-archive " + archive + " into x:rosebakery (new channel).")
        .contains("  posts: 3 in the export, 3 new, 0 already known")
        .contains("  followers: 3 in the export, 3 new, 0 already known")
        .contains("  reported counts: stored for 3 posts")
        .contains("Skipped:")
        .contains("  likes: 2, posts the brand liked are its own actions");

    Run again =
        run("import", "x-archive", archive.toString(), "-w", "rose", "--database-url", url());
    assertThat(again.exit()).isZero();
    assertThat(again.out())
        .contains("into x:rosebakery.")
        .contains("  posts: 3 in the export, 0 new, 3 already known");

    Run json =
        run(
            "import",
            "x-archive",
            archive.toString(),
            "-w",
            "rose",
            "--format",
            "json",
            "--database-url",
            url());
    assertThat(json.out()).contains("\"channel\" : \"x:rosebakery\"").contains("\"created\" : 0");

    Fixtures.replace(archive.resolve("data/like.js"), "\"9002\"", "\"nine\"");
    Run refused =
        run("import", "x-archive", archive.toString(), "-w", "rose", "--database-url", url());
    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.err())
        .contains("1 problem(s); nothing was written.")
        .contains("data/like.js, line 9, [1].like.tweetId: is not a numeric id: 'nine'");

    assertThat(
            run(
                    "import",
                    "linkedin-export",
                    dir.resolve("nope").toString(),
                    "-w",
                    "rose",
                    "--database-url",
                    url())
                .exit())
        .isEqualTo(4);
    assertThat(
            run(
                    "import",
                    "mastodon-export",
                    archive.toString(),
                    "-w",
                    "nobody",
                    "--database-url",
                    url())
                .exit())
        .isEqualTo(4);
  }
}
