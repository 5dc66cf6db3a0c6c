package dev.rapport.imports.internal;

import dev.rapport.imports.ExportProgress;

/**
 * Reads one platform's export into a {@link Harvest}, recording every problem and writing nothing.
 * A problem that makes the rest unreadable is thrown as an {@link ExportRefusal}.
 */
interface ExportReader {

  Harvest read(ExportFiles files, ExportProblems problems, ExportProgress progress);

  /** Reports progress every few hundred elements. */
  static void tick(ExportProgress progress, int index) {
    if ((index + 1) % 500 == 0) {
      progress.done(index + 1L);
    }
  }
}
