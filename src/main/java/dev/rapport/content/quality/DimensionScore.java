package dev.rapport.content.quality;

import java.util.List;

/** One dimension's score (0–100) and the findings behind it. */
public record DimensionScore(Dimension dimension, int score, List<Finding> findings) {

  public DimensionScore {
    if (score < 0 || score > 100) {
      throw new IllegalArgumentException("score out of 0..100: " + score);
    }
    findings = List.copyOf(findings);
  }
}
