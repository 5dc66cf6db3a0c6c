package dev.rapport.cli;

import dev.rapport.content.quality.EngagementValidation;
import dev.rapport.content.quality.ValidationReport;
import dev.rapport.content.quality.ValidationSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rapport validate-content}: the time-ordered validation of the engagement model on the
 * Facebook news posts; prints the Spearman table as Markdown.
 */
@Command(
    name = "validate-content",
    mixinStandardHelpOptions = true,
    description =
        "Validate the per-brand engagement model on real posts (learn earlier, predict later).")
public final class ValidateContentCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      description = "The shared data directory (default: $RAPPORT_DATA_DIR or ../shared/data).")
  Path dataDir;

  @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples.")
  int bootstrap;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = dataDir;
    if (dir == null) {
      String env = System.getenv("RAPPORT_DATA_DIR");
      dir = Path.of(env != null ? env : "../shared/data");
    }
    if (!Files.isDirectory(dir.resolve(EngagementValidation.FACEBOOK_NEWS))) {
      spec.commandLine()
          .getErr()
          .println("validate-content: no " + EngagementValidation.FACEBOOK_NEWS + " under " + dir);
      return 2;
    }
    ValidationReport report =
        EngagementValidation.facebookNews(
            dir, ValidationSettings.DEFAULTS.withBootstrap(bootstrap));
    out.print(report.toMarkdown());
    out.flush();
    return 0;
  }
}
