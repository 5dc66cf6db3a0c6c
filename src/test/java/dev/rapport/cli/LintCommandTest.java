package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LintCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new LintCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void printsFindingsAsText() {
    int code = run("AMAZING news!!! Book now.", "--channel", "mastodon");
    assertThat(code).isZero();
    assertThat(out.toString())
        .startsWith("mastodon: overall ")
        .contains("! shouting \"AMAZING\" [0-7]")
        .contains("+ call_to_action \"Book\"")
        .contains("-> ");
  }

  @Test
  void printsOneJsonReportForOneChannel() throws Exception {
    int code = run("Fresh rye at 8am. Reserve yours.", "-c", "x", "--format", "json");
    assertThat(code).isZero();
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertThat(report.get("platform").asText()).isEqualTo("X");
    assertThat(report.get("dimensions")).hasSize(6);
    assertThat(report.get("overall").asInt()).isBetween(0, 100);
  }

  @Test
  void lintsAFileForEveryPlatformWhenNoChannelIsGiven(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("draft.txt");
    Files.writeString(file, "Our new menu is online: https://bakery.example/menu\n");
    int code = run("--file", file.toString(), "--format", "json");
    JsonNode reports = new ObjectMapper().readTree(out.toString());
    assertThat(reports).hasSize(7);
    assertThat(code).as("instagram needs media: a blocker").isEqualTo(1);
  }

  @Test
  void rejectsAnUnknownPlatform() {
    int code = run("Hello", "--channel", "myspace");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("unknown platform: myspace");
  }
}
