package dev.rapport.cli;

/** What the {@code rapport} command's exit status means; scripts may rely on these. */
public final class ExitCodes {
  public static final int OK = 0;

  /** Something unexpected failed (database unreachable, bug); the message says what. */
  public static final int FAILURE = 1;

  /** The command line was wrong (picocli's own code). */
  public static final int USAGE = 2;

  /** The input data was refused (an import with problems); nothing was written. */
  public static final int REJECTED = 3;

  /** Something named on the command line does not exist (workspace, channel, file). */
  public static final int NOT_FOUND = 4;

  private ExitCodes() {}
}
