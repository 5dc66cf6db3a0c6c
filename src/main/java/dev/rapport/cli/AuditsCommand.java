package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.Category;
import dev.rapport.people.Audits;
import dev.rapport.workspace.Workspace;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rapport audits}: the history of stored audits of a workspace. */
@Command(
    name = "audits",
    mixinStandardHelpOptions = true,
    description = "The workspace's stored audits, newest first, with their category counts.")
public final class AuditsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DatabaseOption db;

  @Option(
      names = {"-w", "--workspace"},
      required = true,
      paramLabel = "W")
  String workspace;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20")
  int limit;

  @Override
  public Integer call() {
    PrintWriter out = new PrintWriter(System.out, false, java.nio.charset.StandardCharsets.UTF_8);
    try (Rapport r = db.open()) {
      Workspace w = DatabaseOption.workspace(r, workspace);
      var history = r.audits().history(w.id(), limit);
      if (history.isEmpty()) {
        out.println(
            "No stored audits in '" + workspace + "' yet: rapport audit -w " + workspace + " FILE");
      }
      for (Audits.StoredAudit a : history) {
        out.printf(
            Locale.ROOT,
            "#%d  %s  %s  %,d profiles, %,d authentic (%.1f%%), quality %s  [%s]%n",
            a.id(),
            a.finishedAt() == null ? a.startedAt() : a.finishedAt(),
            a.subject(),
            a.profiles(),
            a.authentic(),
            a.profiles() == 0 ? 0.0 : 100.0 * a.authentic() / a.profiles(),
            a.qualityScore() == null ? "-" : String.format(Locale.ROOT, "%.0f", a.qualityScore()),
            a.scorer());
        StringBuilder line = new StringBuilder("      ");
        for (Category c : Category.values()) {
          long n = a.byCategory().getOrDefault(c, 0L);
          if (n > 0) {
            line.append(c.label()).append(' ').append(String.format(Locale.ROOT, "%,d", n));
            line.append("  ");
          }
        }
        out.println(line.toString().stripTrailing());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
