package dev.rapport.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rapport.content.quality.Audience;
import dev.rapport.content.quality.DimensionScore;
import dev.rapport.content.quality.Draft;
import dev.rapport.content.quality.Finding;
import dev.rapport.content.quality.Platform;
import dev.rapport.content.quality.Rubric;
import dev.rapport.content.quality.RubricReport;
import dev.rapport.content.quality.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rapport lint}: the quality rubric on a draft, as text or JSON. Exit code 0 when the post
 * can be published, 1 when a platform would refuse it (a blocker), 2 on bad input.
 */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = "Check a draft against the quality rubric and the platform's rules.")
public final class LintCommand implements Callable<Integer> {

  /** Output formats. */
  public enum Format {
    text,
    json
  }

  static final class Source {
    @Parameters(index = "0", paramLabel = "TEXT", description = "The draft's text.")
    String text;

    @Option(
        names = {"-f", "--file"},
        paramLabel = "FILE",
        description = "Read the draft from a UTF-8 file.")
    Path file;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(
      names = {"-c", "--channel"},
      paramLabel = "PLATFORM",
      description =
          "mastodon, bluesky, x, instagram, facebook, threads or linkedin (default: all of them).")
  String channel;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--audience", description = "The workspace's target audience, in plain words.")
  String audience = "";

  @Option(
      names = "--topic",
      description = "A declared topic of the workspace (repeatable).",
      paramLabel = "TOPIC")
  List<String> topics = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String text;
    List<Platform> platforms;
    try {
      text =
          source.file != null
              ? Files.readString(source.file, StandardCharsets.UTF_8).strip()
              : source.text;
      platforms = channel == null ? List.of(Platform.values()) : List.of(Platform.parse(channel));
    } catch (IllegalArgumentException | IOException e) {
      err.println("lint: " + e.getMessage());
      return 2;
    }
    Rubric rubric = Rubric.forAudience(new Audience(audience, topics, List.of()));
    List<RubricReport> reports = new ArrayList<>();
    for (Platform platform : platforms) {
      reports.add(rubric.assess(Draft.of(text, platform)));
    }
    if (format == Format.json) {
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out.println(json.writeValueAsString(reports.size() == 1 ? reports.get(0) : reports));
    } else {
      reports.forEach(r -> printText(out, r));
    }
    out.flush();
    return reports.stream().anyMatch(RubricReport::blocked) ? 1 : 0;
  }

  private static void printText(PrintWriter out, RubricReport report) {
    out.printf(
        "%s: overall %d/100%s%n",
        report.platform().id(),
        report.overall(),
        report.blocked() ? " (blocked: the platform would refuse it)" : "");
    for (DimensionScore d : report.dimensions()) {
      out.printf("  %-13s %3d%n", d.dimension().id(), d.score());
      for (Finding f : d.findings()) {
        String where =
            f.start() < 0 ? "" : " \"" + f.words() + "\" [" + f.start() + "-" + f.end() + "]";
        out.printf("    %s %s%s: %s%n", mark(f.severity()), f.code(), where, f.message());
        if (!f.suggestion().isEmpty()) {
          out.printf("      -> %s%n", f.suggestion());
        }
      }
    }
  }

  private static String mark(Severity severity) {
    return switch (severity) {
      case STRENGTH -> "+";
      case ADVICE -> "~";
      case PROBLEM -> "!";
      case BLOCKER -> "X";
    };
  }
}
