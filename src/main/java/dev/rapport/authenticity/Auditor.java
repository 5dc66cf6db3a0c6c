package dev.rapport.authenticity;

import dev.rapport.authenticity.internal.ParallelAudit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Audits follower files of any size: streams them (JSON Lines are cut into blocks that several
 * threads parse and score at once; other formats are parsed on one thread and scored on several),
 * feeds every verdict to an {@link AuditSink} and aggregates an {@link Audit}. Thread-safe; one run
 * at a time per call.
 *
 * @param scorer the scorer ({@link ModelScorer} explains only the accounts it flags, for speed)
 * @param threads worker threads
 * @param read reading options (bad-record budget, observation time for records without one)
 * @param target the workspace's target audience, or {@link TargetAudience#none()}
 * @param now the time of the audit
 */
public record Auditor(
    Scorer scorer, int threads, ReadOptions read, TargetAudience target, Instant now) {

  /** What a run produced: the aggregate and the bad records met. */
  public record Outcome(Audit audit, long badRecords, List<String> badRecordDetails) {}

  public Auditor {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
  }

  /**
   * @param progress called with the number of bytes read so far, for a progress bar
   */
  public Outcome run(List<Path> files, AuditSink sink, LongConsumer progress) {
    return new ParallelAudit(this).run(files, sink, progress);
  }

  /** Scores one profile the way audits do. */
  public Verdict verdict(ProfileSnapshot p) {
    return scorer instanceof ModelScorer m ? m.score(p, now, false) : scorer.score(p, now);
  }
}
