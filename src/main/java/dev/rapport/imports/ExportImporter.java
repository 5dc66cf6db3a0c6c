package dev.rapport.imports;

import dev.rapport.content.Posts;
import dev.rapport.engagement.Ledger;
import dev.rapport.imports.internal.ExportImport;
import dev.rapport.people.People;
import dev.rapport.store.Database;
import dev.rapport.workspace.Workspaces;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Imports the data exports users download from X, Mastodon, Instagram and LinkedIn into one channel
 * of a workspace: the brand's published posts, its followers (as people following the channel) and
 * follow events where the export dates them. Each export, from a directory or a .zip, is read and
 * validated in full before anything is written (a malformed export is refused with the file, line
 * and place of every problem), then written in one transaction; importing it again creates nothing
 * new. What an export holds that is not engagement with the brand (its own likes, comments, whom it
 * follows, boosts, direct messages) is counted and skipped with the reason. Thread-safe.
 */
public final class ExportImporter {

  /** Problems listed in a rejection; the rest are counted. */
  public static final int MAX_LISTED_PROBLEMS = 100;

  private final ExportImport work;

  public ExportImporter(
      Database database, Workspaces workspaces, People people, Posts posts, Ledger ledger) {
    this(database, workspaces, people, posts, ledger, ExportLimits.DEFAULT, ZoneOffset.UTC);
  }

  /**
   * @param limits bounds on file sizes, against zip bombs and runaway files
   * @param linkedInZone the zone of LinkedIn's times, which carry none (LinkedIn writes UTC)
   */
  public ExportImporter(
      Database database,
      Workspaces workspaces,
      People people,
      Posts posts,
      Ledger ledger,
      ExportLimits limits,
      ZoneId linkedInZone) {
    this.work =
        new ExportImport(
            database, workspaces, people, posts, ledger, limits, linkedInZone, MAX_LISTED_PROBLEMS);
  }

  /**
   * Imports one export.
   *
   * @param source the export's directory or .zip file
   * @param channelHandle the channel to import into, or null to take the account the export names
   *     (X, Mastodon) or the workspace's only channel on that platform; created when missing
   */
  public ExportOutcome importExport(
      long workspaceId,
      ExportFormat format,
      Path source,
      String channelHandle,
      ExportProgress progress) {
    return work.run(
        workspaceId,
        format,
        source,
        channelHandle,
        progress == null ? ExportProgress.NONE : progress);
  }
}
