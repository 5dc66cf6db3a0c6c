package dev.rapport.content.quality;

import java.util.List;
import java.util.Locale;

/**
 * The rubric's verdict on one draft.
 *
 * @param overall the overall score 0–100 (see docs/content.md for the formula)
 * @param dimensions one score per dimension, in {@link Dimension} order
 */
public record RubricReport(Platform platform, int overall, List<DimensionScore> dimensions) {

  public RubricReport {
    dimensions = List.copyOf(dimensions);
  }

  public int score(Dimension dimension) {
    return dimension(dimension).score();
  }

  public DimensionScore dimension(Dimension dimension) {
    return dimensions.stream()
        .filter(d -> d.dimension() == dimension)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no score for " + dimension));
  }

  public List<Finding> findings() {
    return dimensions.stream().flatMap(d -> d.findings().stream()).toList();
  }

  public boolean has(String code) {
    String key = code.toLowerCase(Locale.ROOT);
    return findings().stream().anyMatch(f -> f.code().equals(key));
  }

  public boolean blocked() {
    return findings().stream().anyMatch(f -> f.severity() == Severity.BLOCKER);
  }
}
