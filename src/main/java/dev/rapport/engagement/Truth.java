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
}
