package dev.rapport.content;

import java.time.Instant;

/**
 * Engagement totals as a platform reports them for one post variant, at one moment: vanity numbers
 * with no engager identities (exports and page APIs give only these). Null = not reported.
 */
public record ReportedCounts(Long reactions, Long shares, Long comments, Instant reportedAt) {

  /** Reactions + shares + comments, counting the missing ones as absent; null if all missing. */
  public Long total() {
    if (reactions == null && shares == null && comments == null) {
      return null;
    }
    return (reactions == null ? 0 : reactions)
        + (shares == null ? 0 : shares)
        + (comments == null ? 0 : comments);
  }
}
