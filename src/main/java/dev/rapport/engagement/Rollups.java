package dev.rapport.engagement;

import java.util.List;

/**
 * Checks the rollups that the truth metrics read (kept in step by ingest, follows and verdict
 * changes) against a full recomputation from the base tables: the ledger, the identities, their
 * follows and verdicts. What a user runs after a crash or a restore ({@code rapport check}) and
 * what the crash test runs after every kill. Thread-safe.
 */
public interface Rollups {

  /** Examples of differences kept per rollup; the rest are counted. */
  int MAX_EXAMPLES = 10;

  /**
   * Recomputes every rollup of one workspace in one consistent read of the database and compares it
   * with the stored one. Costs a scan of the workspace's ledger and identities.
   */
  RollupCheck check(long workspaceId);

  /** One rollup compared: rows (keys) compared, how many differ, the first few differences. */
  record Part(String rollup, long rows, long differences, List<String> examples) {

    public Part {
      examples = List.copyOf(examples);
    }
  }

  /** The outcome for one workspace. */
  record RollupCheck(long workspaceId, List<Part> parts) {

    public RollupCheck {
      parts = List.copyOf(parts);
    }

    /** True when every rollup equals its recomputation. */
    public boolean consistent() {
      return parts.stream().allMatch(p -> p.differences() == 0);
    }

    public long differences() {
      return parts.stream().mapToLong(Part::differences).sum();
    }
  }
}
