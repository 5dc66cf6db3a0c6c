package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of {@code samples/README.md}, in its order, on a fresh embedded database: what a
 * newcomer types to try every importer, the audit and the report before having data of their own.
 * Keep the two in step.
 */
class SamplesTest {

  static final Path SAMPLES = Path.of("samples");

  @TempDir Path dir;

  private CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--database-url");
    all.add(url());
    CliRun r = CliRun.of(all.toArray(String[]::new));
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  /** A command on its own (audit and lint print through picocli's writer, captured here). */
  private static String alone(Object command, String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cl = new picocli.CommandLine(command);
    cl.setOut(new java.io.PrintWriter(out));
    cl.setErr(new java.io.PrintWriter(err));
    int exit = cl.execute(args);
    assertThat(exit).as(String.join(" ", args) + "\n" + out + err).isZero();
    return out.toString();
  }

  private String url() {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
  }

  private static String sample(String path) {
    Path p = SAMPLES.resolve(path);
    assertThat(p).exists();
    return p.toString();
  }

  @Test
  void everySampleImportsAndTheReportShowsWhatTheyHold() throws Exception {
    String readme = Files.readString(SAMPLES.resolve("README.md"));
    run(
        "workspace",
        "create",
        "lyon-bakery",
        "Lyon Bakery",
        "--time-zone",
        "Europe/Paris",
        "--topics",
        "sourdough,pastry",
        "--places",
        "Lyon");
    run(
        "workspace",
        "add-channel",
        "lyon-bakery",
        "bluesky",
        "lyonbakery.bsky.social",
        "--followers",
        "2400");
    String[][] csv = {
      {"profiles", "10 rows, 10 new"},
      {"posts", "4 rows, 4 new"},
      {"engagements", "18 rows, 18 new"},
      {"conversions", "3 rows, 3 new"},
      {"people", "2 rows, 1 new, 1 already known"}
    };
    for (String[] c : csv) {
      assertThat(readme).contains("--kind " + c[0]);
      CliRun r =
          run("import", "csv", "--kind", c[0], "-w", "lyon-bakery", sample("csv/" + c[0] + ".csv"));
      assertThat(r.out()).contains(c[1]);
    }
    // Twice: nothing new.
    assertThat(
            run(
                    "import",
                    "csv",
                    "--kind",
                    "engagements",
                    "-w",
                    "lyon-bakery",
                    sample("csv/engagements.csv"))
                .out())
        .contains("0 new");

    assertThat(run("import", "x-archive", sample("exports/x"), "-w", "lyon-bakery").out())
        .contains("followers: 3 in the export, 3 new");
    assertThat(
            run("import", "mastodon-export", sample("exports/mastodon"), "-w", "lyon-bakery").out())
        .contains("Mastodon exports hold no follower list");
    assertThat(
            run("import", "instagram-export", sample("exports/instagram"), "-w", "lyon-bakery")
                .out())
        .contains("follow events: 3 in the export, 3 new");
    assertThat(
            run(
                    "import",
                    "linkedin-export",
                    sample("exports/linkedin"),
                    "-w",
                    "lyon-bakery",
                    "--channel",
                    "lyon-bakery")
                .out())
        .contains("LinkedIn exports have no engagement counts");

    assertThat(
            alone(new AuditCommand(), sample("followers/twitter-followers.jsonl"), "--no-progress"))
        .contains("8 followers checked")
        .contains("Most suspicious accounts");
    assertThat(
            alone(
                new AuditCommand(),
                sample("followers/bluesky-followers.json"),
                "-w",
                "lyon-bakery",
                "--channel",
                "lyonbakery.bsky.social",
                "--no-progress",
                "--database-url",
                url()))
        .contains("followers checked");
    assertThat(run("audits", "-w", "lyon-bakery").out()).contains("bluesky-followers.json");

    String report = run("report", "-w", "lyon-bakery").out();
    assertThat(report)
        .contains("Followers the platforms show")
        .contains("Big news!!!")
        .contains("Revenue credited to posts")
        .contains("Top buyers")
        .contains("Inès Roux")
        .contains("Focus today")
        .doesNotContain("the follower count when the post went out is not known");
    assertThat(run("focus", "-w", "lyon-bakery").out()).isNotBlank();
    assertThat(
            alone(
                new LintCommand(),
                "Big news!!! Amazing things coming soon, stay tuned!!!",
                "--channel",
                "bluesky"))
        .contains("vague_superlative");
  }
}
