package dev.rapport.engagement;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The truth metrics of a workspace, computed from the rollups (cost grows with people and posts,
 * never with the length of the ledger). Thread-safe.
 */
public interface Truth {

  Duration DEFAULT_WINDOW = Duration.ofDays(90);

  TruthSummary summary(long workspaceId, Instant asOf, Duration window);

  /** Published post variants in [from, to), newest first. */
  List<PostTruth> posts(long workspaceId, Instant from, Instant to, int limit);

  /** One row per week with posts in [from, to), oldest first. */
  List<WeekTruth> weeks(long workspaceId, Instant from, Instant to);

  /**
   * The core as people: at most {@code limit} of them, the most constant first (most weeks engaged
   * in the window, then the most recent), for the same definition as {@link TruthSummary#core()}.
   */
  List<CoreMember> core(long workspaceId, Instant asOf, int limit);
}
