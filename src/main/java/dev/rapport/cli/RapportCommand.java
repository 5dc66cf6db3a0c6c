package dev.rapport.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rapport} command: one entry point, one subcommand per task. */
@Command(
    name = "rapport",
    mixinStandardHelpOptions = true,
    version = "rapport 0.1.0",
    description = "Rapport: real audiences, honest engagement, consistent quality.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      SimulateCommand.class,
      WorkspaceCommand.class,
      ChannelCommand.class,
      ImportCommand.class,
      PostCommand.class,
      ReportCommand.class,
      InsightsCommand.class,
      SyncCommand.class,
      AuditCommand.class,
      AuditsCommand.class,
      CheckCommand.class,
      EvalCommand.class,
      TrainCommand.class,
      AnalyzeCommand.class,
      PeopleCommand.class,
      FocusCommand.class,
      LintCommand.class,
      ValidateContentCommand.class,
      MigrateCommand.class,
      CommandLine.HelpCommand.class
    })
public final class RapportCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with Rapport's error handling: plain messages, meaningful exit codes. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new RapportCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, line, parse) -> {
          if (ex instanceof CliException e) {
            System.err.println("rapport: " + e.getMessage());
            return e.exitCode();
          }
          if (ex instanceof dev.rapport.store.StoreException e) {
            System.err.println("rapport: " + e.getMessage());
            return ExitCodes.FAILURE;
          }
          if (ex instanceof IllegalArgumentException) {
            System.err.println("rapport: " + ex.getMessage());
            return ExitCodes.USAGE;
          }
          throw ex;
        });
    return cl;
  }
}
