package dev.rapport.imports;

import dev.rapport.authenticity.Scorer;
import dev.rapport.content.Posts;
import dev.rapport.engagement.Conversions;
import dev.rapport.engagement.Ledger;
import dev.rapport.imports.internal.CsvImport;
import dev.rapport.people.People;
import dev.rapport.store.Database;
import dev.rapport.workspace.Workspaces;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.LongConsumer;

/**
 * The generic CSV import: header-based, validated in full before anything is written, then written
 * in one transaction, idempotent (a re-import creates no duplicates). Thread-safe.
 */
public final class CsvImporter {

  /** Problems listed in a rejection; the rest are counted. */
  public static final int MAX_LISTED_PROBLEMS = 100;

  private final CsvImport work;

  public CsvImporter(
      Database database,
      Workspaces workspaces,
      People people,
      Posts posts,
      Ledger ledger,
      Conversions conversions,
      Scorer scorer,
      Clock clock) {
    this(
        database,
        workspaces,
        people,
        posts,
        ledger,
        conversions,
        scorer,
        clock,
        java.time.ZoneOffset.UTC);
  }

  /**
   * @param localZone the zone of date-times written without an offset (such as the scrape_time of
   *     some Facebook exports)
   */
  public CsvImporter(
      Database database,
      Workspaces workspaces,
      People people,
      Posts posts,
      Ledger ledger,
      Conversions conversions,
      Scorer scorer,
      Clock clock,
      java.time.ZoneId localZone) {
    this.work =
        new CsvImport(
            database, workspaces, people, posts, ledger, conversions, scorer, clock, localZone);
  }

  /**
   * Imports one file into a workspace.
   *
   * @param progress told the number of data rows read so far, for progress bars
   */
  public ImportOutcome importFile(
      long workspaceId, ImportKind kind, Path file, LongConsumer progress) {
    return work.run(workspaceId, kind, file, progress, MAX_LISTED_PROBLEMS);
  }
}
