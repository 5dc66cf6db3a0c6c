package dev.rapport.authenticity;

/**
 * Turns a profile into a verdict. Implementations are pure functions of the profile and the time of
 * scoring ({@code now} is passed in, never read from a clock inside), and are thread-safe.
 */
public interface Scorer {

  /** Identifies the scorer and its version in stored verdicts, e.g. {@code rules-v1}. */
  String source();

  Verdict score(ProfileSnapshot profile, java.time.Instant now);
}
