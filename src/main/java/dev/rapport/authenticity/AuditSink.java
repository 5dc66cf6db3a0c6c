package dev.rapport.authenticity;

/**
 * Receives every verdict of an audit as it is made, and the report at the end; a store implements
 * it to keep verdicts and audit history per workspace and channel. Called from several threads at
 * once: implementations must be thread-safe.
 */
public interface AuditSink {

  /** Keeps nothing. */
  AuditSink NONE =
      new AuditSink() {
        @Override
        public void verdict(ProfileSnapshot profile, Verdict verdict) {}

        @Override
        public void completed(AuditReport report) {}
      };

  void verdict(ProfileSnapshot profile, Verdict verdict);

  void completed(AuditReport report);
}
