package dev.rapport.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rapport} command: one entry point, one subcommand per task. */
@Command(
    name = "rapport",
    mixinStandardHelpOptions = true,
    version = "rapport 0.1.0",
    description = "Rapport: real audiences, honest engagement, consistent quality.",
    subcommands = {CommandLine.HelpCommand.class})
public final class RapportCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new RapportCommand()).execute(args));
  }
}
