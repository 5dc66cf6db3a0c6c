package dev.rapport.engagement;

/**
 * Where the redirect hands its clicks: it records them without making the visitor wait for the
 * database. Thread-safe.
 */
public interface ClickRecorder extends AutoCloseable {

  /**
   * Takes a click to be stored. It returns before the click is written unless too many clicks are
   * already waiting, when it writes the click itself (the visitor waits rather than a click being
   * lost). A click that cannot be written is logged as an error, never dropped silently.
   */
  void record(Click click);

  /** Writes every click taken so far, then stops; later clicks are written by their caller. */
  @Override
  void close();
}
