package dev.rapport.content.consistency;

import java.util.List;

/** A spray-and-pray warning: what was seen and the numbers that show it. Never a bare label. */
public record SprayWarning(Kind kind, String message, List<String> evidence) {

  /** The patterns the check looks for. */
  public enum Kind {
    /** More posts, but the extra posts add almost nothing to total authentic engagement. */
    EXTRA_POSTS_ADD_NOTHING,
    /** More posts while the authentic engaged audience shrinks. */
    AUDIENCE_ERODING,
    /** The same text posted to several channels. */
    IDENTICAL_CROSS_POSTS,
    /** Many posts without a concrete detail. */
    LOW_SPECIFICITY
  }

  public SprayWarning {
    evidence = List.copyOf(evidence);
    if (evidence.isEmpty()) {
      throw new IllegalArgumentException("a warning needs its evidence");
    }
  }
}
