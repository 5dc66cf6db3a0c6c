package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.RuleBaseline;
import dev.rapport.imports.CsvImporter;
import dev.rapport.imports.ImportKind;
import dev.rapport.imports.ImportOutcome;
import dev.rapport.imports.ImportProblem;
import dev.rapport.workspace.Workspace;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "import",
    description = "Import data into a workspace.",
    subcommands = {
      ImportCommand.Csv.class,
      ImportExportCommand.XArchive.class,
      ImportExportCommand.MastodonExport.class,
      ImportExportCommand.InstagramExport.class,
      ImportExportCommand.LinkedInExport.class
    })
final class ImportCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "csv",
      description = {
        "Import a CSV file with a header row (columns are listed in the README).",
        "The whole file is checked first: if any row has a problem, every problem is listed with"
            + " its line and column and nothing is written. Importing the same file again creates"
            + " no duplicates."
      })
  static final class Csv implements Callable<Integer> {
    @Mixin DatabaseOption db;

    @Option(
        names = "--kind",
        required = true,
        description =
            "What the file holds: people, profiles, posts, engagements, conversions or"
                + " facebook-posts (Graph API page posts with reaction totals)")
    String kind;

    @Option(
        names = {"-w", "--workspace"},
        required = true,
        description = "Workspace slug")
    String workspace;

    @Option(
        names = "--format",
        defaultValue = "text",
        description = "text or json (default ${DEFAULT-VALUE})")
    OutputFormat format;

    @Option(
        names = "--local-zone",
        defaultValue = "UTC",
        description =
            "Time zone of date-times written without an offset (default ${DEFAULT-VALUE}),"
                + " e.g. the scrape_time of Facebook exports")
    String localZone;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
      ImportKind k;
      try {
        k = ImportKind.fromCode(kind);
      } catch (IllegalArgumentException e) {
        throw new CliException(
            ExitCodes.USAGE,
            "unknown kind '"
                + kind
                + "' (people, profiles, posts, engagements, conversions, facebook-posts)");
      }
      try (Rapport r = db.open()) {
        Workspace w = DatabaseOption.workspace(r, workspace);
        CsvImporter importer =
            new CsvImporter(
                r.database(),
                r.workspaces(),
                r.people(),
                r.posts(),
                r.ledger(),
                r.conversions(),
                new RuleBaseline(),
                r.clock(),
                java.time.ZoneId.of(localZone));
        ImportOutcome out;
        try (Progress progress = Progress.start("Importing " + file.getFileName(), -1, "rows")) {
          out = importer.importFile(w.id(), k, file, progress::stepTo);
        }
        if (format == OutputFormat.json) {
          System.out.println(Json.write(out));
        } else {
          print(out);
        }
        return out instanceof ImportOutcome.Imported ? ExitCodes.OK : ExitCodes.REJECTED;
      }
    }

    private void print(ImportOutcome out) {
      if (out instanceof ImportOutcome.Imported i) {
        System.out.printf(
            "Imported %s from %s: %,d rows, %,d new, %,d already known.%n",
            i.kind().code(), file, i.rows(), i.created(), i.unchanged());
        i.notes().forEach(n -> System.out.println("Note: " + n));
      } else if (out instanceof ImportOutcome.Rejected j) {
        System.err.printf(
            "Refused %s: %,d problem(s); nothing was written.%n", file, j.totalProblems());
        for (ImportProblem p : j.problems()) {
          System.err.println("  " + p);
        }
        if (j.totalProblems() > j.problems().size()) {
          System.err.printf("  ... and %,d more.%n", j.totalProblems() - j.problems().size());
        }
      }
    }
  }
}
