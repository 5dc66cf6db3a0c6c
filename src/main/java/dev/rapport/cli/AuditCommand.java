package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.AuditReport;
import dev.rapport.authenticity.AuditReports;
import dev.rapport.authenticity.AuditSink;
import dev.rapport.authenticity.Auditor;
import dev.rapport.authenticity.MalformedProfileException;
import dev.rapport.authenticity.ModelScorer;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.ReadOptions;
import dev.rapport.authenticity.SuspiciousExport;
import dev.rapport.authenticity.TargetAudience;
import dev.rapport.authenticity.Verdict;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rapport audit}: the authenticity audit of a follower file. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Audit the followers (or engagers) in profile files: counts and shares per category,"
          + " authentic followers, real reach, audience quality score, the most common reasons,"
          + " the most suspicious accounts, and target fit.",
      "Files: Twitter/X user objects (v1.1 or v2; JSON array or JSON Lines), Mastodon accounts,"
          + " Bluesky profile views, or CSV with Twitter user-object columns."
    })
public final class AuditCommand implements Callable<Integer> {

  /** Output formats of the report. */
  enum Format {
    text,
    json,
    csv
  }

  /**
   * Files smaller than this (about 150,000 profiles) always have every flagged account explained.
   */
  static final long EXPLAIN_ALL_BELOW_BYTES = 64L << 20;

  @Spec CommandSpec spec;

  @Mixin DatabaseOption db;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Profile files")
  List<Path> files;

  @Option(
      names = "--format",
      description = "text, json or csv (default: ${DEFAULT-VALUE})",
      defaultValue = "text")
  Format format;

  @Option(names = "--no-store", description = "Do not store verdicts or the audit")
  boolean noStore;

  @Option(
      names = {"-w", "--workspace"},
      paramLabel = "W",
      description =
          "Workspace the audience belongs to: verdicts, profiles and the audit are stored there"
              + " (unless --no-store)")
  String workspace;

  @Option(
      names = "--channel",
      paramLabel = "HANDLE",
      description = "The workspace's channel these accounts follow (recorded as its followers)")
  String channel;

  @Option(
      names = "--max-errors",
      paramLabel = "N",
      description = "Skip and count up to N bad records (default: ${DEFAULT-VALUE})",
      defaultValue = "0")
  long maxErrors;

  @Option(
      names = "--observed-at",
      paramLabel = "DATE",
      description = "When the profiles were fetched (ISO date; default: now)")
  LocalDate observedAt;

  @Option(
      names = "--suspicious",
      paramLabel = "FILE",
      description =
          "Write every suspicious account with its reasons (.csv, or .json for JSON Lines)")
  Path suspicious;

  @Option(names = "--topics", paramLabel = "LIST", description = "Target topics, comma-separated")
  String topics;

  @Option(names = "--languages", paramLabel = "LIST", description = "Target languages, e.g. fr,en")
  String languages;

  @Option(names = "--places", paramLabel = "LIST", description = "Target places, e.g. Lyon")
  String places;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (default: all cores)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--explain-all",
      description =
          "Explain every suspicious account (implied by --suspicious and by storing); otherwise"
              + " files of 64 MiB and more have a sample of one in 8 explained for the reasons"
              + " shown")
  boolean explainAll;

  @Option(names = "--no-progress", description = "No progress bar")
  boolean noProgress;

  private final Clock clock;

  public AuditCommand() {
    this(Clock.systemUTC());
  }

  public AuditCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws IOException {
    if (noStore || workspace == null) {
      return audit(AuditSink.NONE);
    }
    try (Rapport r = db.open()) {
      Workspace w = DatabaseOption.workspace(r, workspace);
      Long channelId = null;
      if (channel != null) {
        String wanted = channel.strip().replaceFirst("^@", "");
        channelId =
            r.workspaces().channels(w.id()).stream()
                .filter(c -> c.handle().replaceFirst("^@", "").equalsIgnoreCase(wanted))
                .map(Channel::id)
                .findFirst()
                .orElseThrow(
                    () ->
                        new CliException(
                            ExitCodes.NOT_FOUND,
                            "workspace '"
                                + workspace
                                + "' has no channel '"
                                + channel
                                + "'; see rapport workspace channels"));
      }
      return audit(r.audits().start(w.id(), channelId));
    }
  }

  private int audit(AuditSink storing) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant now = clock.instant();
    Instant observed =
        observedAt == null ? now : observedAt.atStartOfDay(ZoneOffset.UTC).toInstant();
    TargetAudience target =
        new TargetAudience(
            TargetAudience.list(topics),
            TargetAudience.list(languages),
            TargetAudience.list(places));
    ModelScorer scorer = ModelScorer.load();
    long size = 0;
    for (Path f : files) {
      size += Files.size(f);
    }
    Auditor auditor =
        new Auditor(
            scorer,
            threads,
            new ReadOptions(maxErrors, observed),
            target,
            observed,
            suspicious != null
                || storing != AuditSink.NONE
                || explainAll
                || size < EXPLAIN_ALL_BELOW_BYTES);
    Writer exportWriter =
        suspicious == null ? null : Files.newBufferedWriter(suspicious, StandardCharsets.UTF_8);
    AuditSink export =
        exportWriter == null
            ? AuditSink.NONE
            : new SuspiciousExport(
                exportWriter,
                suspicious.toString().toLowerCase(Locale.ROOT).endsWith(".json")
                    ? SuspiciousExport.Format.JSON
                    : SuspiciousExport.Format.CSV);
    AuditSink sink = both(export, storing);
    Auditor.Outcome outcome;
    try (ProgressBar bar = noProgress ? null : bar(size, err)) {
      outcome = auditor.run(files, sink, bytes -> step(bar, bytes));
    } catch (MalformedProfileException e) {
      if (exportWriter != null) {
        exportWriter.close();
      }
      err.println("audit stopped: " + e.getMessage());
      err.flush();
      return 2;
    }
    String source =
        files.size() == 1 ? files.get(0).getFileName().toString() : files.size() + " files";
    if (workspace != null || channel != null) {
      source += " (workspace " + workspace + ", channel " + channel + ")";
    }
    AuditReport report =
        outcome.audit().report(source, scorer.source(), outcome.badRecords(), null);
    sink.completed(report);
    if (exportWriter != null) {
      exportWriter.close();
    }
    for (String d : outcome.badRecordDetails()) {
      err.println("skipped: " + d);
    }
    if (storing == AuditSink.NONE && !noStore) {
      err.println("not stored: give --workspace to keep the verdicts and the audit");
    } else if (storing != AuditSink.NONE) {
      err.println("stored in workspace '" + workspace + "': " + report.followers() + " verdicts");
    }
    err.flush();
    out.print(
        switch (format) {
          case text -> AuditReports.text(report);
          case json -> AuditReports.json(report);
          case csv -> AuditReports.csv(report);
        });
    out.flush();
    return 0;
  }

  private static ProgressBar bar(long size, PrintWriter err) {
    return new ProgressBarBuilder()
        .setTaskName("Auditing")
        .setInitialMax(size)
        .setUnit("MiB", 1 << 20)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true)))
        .build();
  }

  private static void step(ProgressBar bar, long bytes) {
    if (bar != null) {
      bar.stepTo(bytes);
    }
  }

  private static AuditSink both(AuditSink a, AuditSink b) {
    if (b == AuditSink.NONE) {
      return a;
    }
    return new AuditSink() {
      @Override
      public void verdict(ProfileSnapshot p, Verdict v) {
        a.verdict(p, v);
        b.verdict(p, v);
      }

      @Override
      public void completed(AuditReport r) {
        a.completed(r);
        b.completed(r);
      }
    };
  }
}
