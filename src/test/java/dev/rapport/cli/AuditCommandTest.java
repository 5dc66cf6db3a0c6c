package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuditCommandTest {

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new AuditCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String fixture(String name) throws Exception {
    return Path.of(AuditCommandTest.class.getResource("/dev/rapport/authenticity/" + name).toURI())
        .toString();
  }

  @Test
  void printsTheTextReport() throws Exception {
    Run r =
        run(
            fixture("audience.jsonl"),
            "--no-store",
            "--no-progress",
            "--observed-at",
            "2024-01-10");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("8 followers checked.").contains("Most suspicious accounts");
  }

  @Test
  void printsJsonAndExportsTheSuspiciousList() throws Exception {
    Path export = dir.resolve("suspicious.csv");
    Run r =
        run(
            fixture("audience.jsonl"),
            "--no-store",
            "--no-progress",
            "--observed-at",
            "2024-01-10",
            "--format",
            "json",
            "--suspicious",
            export.toString(),
            "--topics",
            "boulang",
            "--places",
            "Lyon");
    assertThat(r.exit()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("followers").asLong()).isEqualTo(8);
    assertThat(json.path("categories").path("suspicious").path("count").asLong()).isEqualTo(2);
    assertThat(json.path("targetFit").path("matches").asLong()).isEqualTo(1);
    List<String> lines = Files.readAllLines(export);
    assertThat(lines.get(0)).isEqualTo("id,handle,category,bot_probability,reasons");
    assertThat(lines).hasSize(3).anyMatch(l -> l.startsWith("5,xk7d2q9f3,suspicious,"));
  }

  @Test
  void csvFormatListsCategories() throws Exception {
    Run r = run(fixture("audience.jsonl"), "--no-store", "--no-progress", "--format", "csv");
    assertThat(r.out()).startsWith("metric,value,share\n").contains("\nsuspicious,2,0.250000\n");
  }

  @Test
  void badRecordsStopTheAuditUnlessAllowed() throws Exception {
    Run strict = run(fixture("twitter-v1.jsonl"), "--no-store", "--no-progress");
    assertThat(strict.exit()).isEqualTo(2);
    assertThat(strict.err()).contains("twitter-v1.jsonl line 3");

    Run lenient =
        run(fixture("twitter-v1.jsonl"), "--no-store", "--no-progress", "--max-errors", "5");
    assertThat(lenient.exit()).isZero();
    assertThat(lenient.err()).contains("skipped: twitter-v1.jsonl line 3");
    assertThat(lenient.out())
        .contains("2 followers checked")
        .contains("1 records could not be read and were skipped");
  }

  @Test
  void readsCsvAndJsonDocumentsToo() throws Exception {
    Run r =
        run(
            fixture("cresci-order-a.users.csv"),
            fixture("mastodon.json"),
            "--no-store",
            "--no-progress",
            "--format",
            "csv");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("followers,4,").contains("self_declared_bot,1,");
  }
}
