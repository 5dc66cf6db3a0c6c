package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.engagement.Rollups;
import dev.rapport.workspace.Workspace;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rapport check}: the stored rollups against a recomputation from the ledger. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Recompute every rollup the truth metrics read (engagements per post and verdict, weeks"
          + " engaged per person, each person's engagement count and dates, the audience by"
          + " verdict and following, current follows and verdicts) from the ledger and the"
          + " people, and compare with the stored ones. Run it after a crash or a restore.",
      "Exit status 0 when everything agrees, 1 when a difference is found."
    })
public final class CheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DatabaseOption db;

  @Option(
      names = {"-w", "--workspace"},
      paramLabel = "W",
      description = "Workspace to check (default: every workspace)")
  String workspace;

  @Override
  public Integer call() {
    PrintWriter out = new PrintWriter(System.out, false, java.nio.charset.StandardCharsets.UTF_8);
    try (Rapport r = db.open()) {
      List<Workspace> workspaces =
          workspace == null
              ? r.workspaces().all()
              : List.of(DatabaseOption.workspace(r, workspace));
      long differences = 0;
      for (Workspace w : workspaces) {
        Rollups.RollupCheck check = r.rollups().check(w.id());
        differences += check.differences();
        out.printf(
            Locale.ROOT,
            "%s: %s%n",
            w.slug(),
            check.consistent() ? "every rollup equals its recomputation" : "DIFFERENCES FOUND");
        for (Rollups.Part p : check.parts()) {
          out.printf(
              Locale.ROOT,
              "  %-28s %,10d rows  %s%n",
              p.rollup(),
              p.rows(),
              p.differences() == 0
                  ? "ok"
                  : String.format(Locale.ROOT, "%,d differ", p.differences()));
          for (String e : p.examples()) {
            out.println("      " + e);
          }
        }
      }
      if (differences > 0) {
        out.println(
            "The truth metrics of these workspaces are off by the differences above: please report"
                + " it with this output.");
      }
      out.flush();
      return differences == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }
}
