package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.imports.ExportFormat;
import dev.rapport.imports.ExportImporter;
import dev.rapport.imports.ExportLimits;
import dev.rapport.imports.ExportOutcome;
import dev.rapport.imports.ExportProblem;
import dev.rapport.imports.ExportProgress;
import dev.rapport.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rapport import x-archive|mastodon-export|instagram-export|linkedin-export PATH}: the
 * platform exports users download, each a subcommand of {@code import}.
 */
abstract class ImportExportCommand implements Callable<Integer> {

  @Mixin DatabaseOption db;

  @Option(
      names = {"-w", "--workspace"},
      required = true,
      description = "Workspace slug")
  String workspace;

  @Option(
      names = "--channel",
      paramLabel = "HANDLE",
      description =
          "The channel to import into (created when missing). Default: the account the export"
              + " names, else the workspace's only channel on that platform")
  String channel;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default ${DEFAULT-VALUE})")
  OutputFormat format;

  @Option(
      names = "--max-file-mib",
      defaultValue = "512",
      description =
          "Refuse exports with a file larger than this, in MiB (default ${DEFAULT-VALUE})")
  long maxFileMib;

  @Parameters(
      paramLabel = "PATH",
      description = "The export: its folder, or the .zip as downloaded")
  Path path;

  abstract ExportFormat exportFormat();

  /** The zone of times written without one (LinkedIn only). */
  ZoneId zone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Integer call() {
    if (!Files.exists(path)) {
      throw new CliException(ExitCodes.NOT_FOUND, "no such file or directory: " + path);
    }
    if (maxFileMib <= 0) {
      throw new CliException(ExitCodes.USAGE, "--max-file-mib must be positive");
    }
    ExportLimits limits =
        new ExportLimits(
            maxFileMib << 20,
            Math.max(maxFileMib << 20, ExportLimits.DEFAULT.maxTotalBytes()),
            ExportLimits.DEFAULT.maxEntries());
    try (Rapport r = db.open()) {
      Workspace w = DatabaseOption.workspace(r, workspace);
      ExportImporter importer =
          new ExportImporter(
              r.database(), r.workspaces(), r.people(), r.posts(), r.ledger(), limits, zone());
      ExportOutcome out;
      try (Bars bars = new Bars()) {
        out = importer.importExport(w.id(), exportFormat(), path, channel, bars);
      }
      if (format == OutputFormat.json) {
        System.out.println(Json.write(out));
      } else {
        print(out);
      }
      return out instanceof ExportOutcome.Imported ? ExitCodes.OK : ExitCodes.REJECTED;
    }
  }

  private void print(ExportOutcome out) {
    if (out instanceof ExportOutcome.Imported i) {
      System.out.printf(
          "Imported the %s %s into %s%s.%n",
          i.format().code(), path, i.channel(), i.channelCreated() ? " (new channel)" : "");
      for (ExportOutcome.Count c : i.counts()) {
        if (c.kind().equals("reported counts")) {
          System.out.printf("  %s: stored for %,d posts%n", c.kind(), c.read());
        } else {
          System.out.printf(
              "  %s: %,d in the export, %,d new, %,d already known%n",
              c.kind(), c.read(), c.created(), c.known());
        }
      }
      if (!i.skipped().isEmpty()) {
        System.out.println("Skipped:");
        for (ExportOutcome.Skipped s : i.skipped()) {
          System.out.printf("  %s: %,d, %s%n", s.kind(), s.count(), s.reason());
        }
      }
      i.notes().forEach(n -> System.out.println("Note: " + n));
    } else if (out instanceof ExportOutcome.Rejected j) {
      System.err.printf(
          "Refused %s: %,d problem(s); nothing was written.%n", path, j.totalProblems());
      for (ExportProblem p : j.problems()) {
        System.err.println("  " + p);
      }
      if (j.totalProblems() > j.problems().size()) {
        System.err.printf("  ... and %,d more.%n", j.totalProblems() - j.problems().size());
      }
    }
  }

  /** One progress bar per phase (reading each file, then writing). */
  private static final class Bars implements ExportProgress, AutoCloseable {
    private Progress bar;

    @Override
    public void phase(String name, long total) {
      close();
      bar = Progress.start(name, total, "items");
    }

    @Override
    public void done(long items) {
      if (bar != null) {
        bar.stepTo(items);
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }

  @Command(
      name = "x-archive",
      description = {
        "Import an X (Twitter) archive: tweets become published posts with their like and"
            + " retweet totals, followers become people following the channel.",
        "Retweets, replies to other accounts, likes and the accounts followed are counted and"
            + " skipped. The whole archive is checked first; a problem refuses it all."
      })
  static final class XArchive extends ImportExportCommand {
    @Override
    ExportFormat exportFormat() {
      return ExportFormat.X_ARCHIVE;
    }
  }

  @Command(
      name = "mastodon-export",
      description = {
        "Import a Mastodon account export (outbox.json, actor.json, likes.json, bookmarks.json):"
            + " statuses become published posts.",
        "Boosts, replies to other accounts and direct messages are skipped; likes and bookmarks"
            + " are counted. The export holds no followers."
      })
  static final class MastodonExport extends ImportExportCommand {
    @Override
    ExportFormat exportFormat() {
      return ExportFormat.MASTODON_EXPORT;
    }
  }

  @Command(
      name = "instagram-export",
      description = {
        "Import an Instagram data download in JSON: posts (captions repaired from Instagram's"
            + " encoding) and followers with the time they followed.",
        "The brand's own comments and likes, and the accounts it follows, are counted and skipped."
      })
  static final class InstagramExport extends ImportExportCommand {
    @Override
    ExportFormat exportFormat() {
      return ExportFormat.INSTAGRAM_EXPORT;
    }
  }

  @Command(
      name = "linkedin-export",
      description = {
        "Import a LinkedIn data export: Shares.csv becomes published posts; Comments.csv (the"
            + " brand's own comments) is counted and skipped.",
        "The export names no account: give --channel unless the workspace has one LinkedIn"
            + " channel."
      })
  static final class LinkedInExport extends ImportExportCommand {
    @Option(
        names = "--zone",
        defaultValue = "UTC",
        description =
            "Time zone of the export's dates, which carry none (default ${DEFAULT-VALUE})")
    String zoneName;

    @Override
    ExportFormat exportFormat() {
      return ExportFormat.LINKEDIN_EXPORT;
    }

    @Override
    ZoneId zone() {
      try {
        return ZoneId.of(zoneName);
      } catch (DateTimeException e) {
        throw new CliException(ExitCodes.USAGE, "unknown time zone '" + zoneName + "'");
      }
    }
  }
}
