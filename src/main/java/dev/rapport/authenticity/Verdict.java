package dev.rapport.authenticity;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of scoring one profile.
 *
 * @param category what the account is judged to be
 * @param probability the scorer's confidence that the category is right, 0–1
 * @param coverage share of the scorer's inputs that the profile actually carried, 0–1
 * @param reasons the top reasons, in plain words, most important first
 * @param source which scorer decided, e.g. {@code rules-v1}
 */
public record Verdict(
    Category category, double probability, double coverage, List<String> reasons, String source) {

  public Verdict {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(source, "source");
    reasons = List.copyOf(reasons);
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("probability out of [0,1]: " + probability);
    }
    if (coverage < 0 || coverage > 1) {
      throw new IllegalArgumentException("coverage out of [0,1]: " + coverage);
    }
  }
}
