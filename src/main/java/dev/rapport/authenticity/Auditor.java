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
 * @param explainEveryFlagged compute reasons for every suspicious account (needed when an export or
 *     a store receives the verdicts); otherwise only a deterministic sample of one in {@link
 *     #SAMPLE} flagged accounts (by id hash) is explained, for the reason tally and the accounts
 *     shown — exact TreeSHAP is the costliest step of an audit
 */
public record Auditor(
    Scorer scorer,
    int threads,
    ReadOptions read,
    TargetAudience target,
    Instant now,
    boolean explainEveryFlagged) {

  public static final int SAMPLE = 8;

  /** An audit that explains every flagged account. */
  public Auditor(Scorer scorer, int threads, ReadOptions read, TargetAudience target, Instant now) {
    this(scorer, threads, read, target, now, true);
  }

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

  static boolean sampled(ProfileSnapshot p) {
    String id = p.platformUserId() != null ? p.platformUserId() : p.handle();
    return id == null || Math.floorMod(id.hashCode(), SAMPLE) == 0;
  }

  /** Scores one profile the way audits do. */
  public Verdict verdict(ProfileSnapshot p) {
    if (scorer instanceof ModelScorer m) {
      return m.score(p, now, false, explainEveryFlagged || sampled(p));
    }
    return scorer.score(p, now);
  }
}
