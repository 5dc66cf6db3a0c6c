package dev.rapport.cli;

/** A failure the CLI reports as one plain line and an exit code, without a stack trace. */
final class CliException extends RuntimeException {
  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
