package dev.rapport.publishing;

import dev.rapport.imports.ImportOutcome;
import java.nio.file.Path;

/**
 * Bulk import of planned posts from CSV: one row per post and channel, validated in full (columns,
 * channels, times, blocked dates and, when posts go straight into the schedule, the quality gates)
 * before anything is written, then written in one transaction. Re-importing the same file adds
 * nothing. Columns are in docs/publishing.md. Thread-safe.
 */
public interface PlanImport {

  /** Most data rows in one file; a plan is weeks of posts, not an archive. */
  int MAX_ROWS = 10_000;

  /**
   * Imports a file as {@code actor}. When the workspace requires approval the posts are created in
   * review with their times kept as planned times; otherwise they are scheduled (and dispatch is
   * told).
   */
  ImportOutcome importFile(long actor, long workspaceId, Path file);
}
