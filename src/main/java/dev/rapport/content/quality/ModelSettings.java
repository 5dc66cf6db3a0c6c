package dev.rapport.content.quality;

import java.util.List;

/**
 * Settings of the per-brand engagement model, validated at construction.
 *
 * @param lambdas ridge penalties tried; the one with the lowest rolling-origin error in time order
 *     (fit on the first 60/70/80/90%, score the next tenth) wins
 * @param minPosts below this many posts the history is too thin to learn from
 * @param minGroup an insight needs at least this many posts on each side of the comparison
 * @param intervalCoverage the share of posts the interval should hold (0.8: 10th to 90th)
 * @param features which features to use
 */
public record ModelSettings(
    List<Double> lambdas,
    int minPosts,
    int minGroup,
    double intervalCoverage,
    FeatureSet features) {

  public static final List<Double> DEFAULT_LAMBDAS = List.of(1.0, 10.0, 100.0, 1000.0, 10000.0);
  public static final int DEFAULT_MIN_POSTS = 30;
  public static final int DEFAULT_MIN_GROUP = 10;
  public static final double DEFAULT_COVERAGE = 0.8;

  public static final ModelSettings DEFAULTS =
      new ModelSettings(
          DEFAULT_LAMBDAS, DEFAULT_MIN_POSTS, DEFAULT_MIN_GROUP, DEFAULT_COVERAGE, FeatureSet.FULL);

  public ModelSettings {
    lambdas = List.copyOf(lambdas);
    if (lambdas.isEmpty() || lambdas.stream().anyMatch(l -> !(l > 0))) {
      throw new IllegalArgumentException("lambdas must be positive: " + lambdas);
    }
    if (minPosts < 10 || minGroup < 2) {
      throw new IllegalArgumentException("minPosts ≥ 10 and minGroup ≥ 2 required");
    }
    if (!(intervalCoverage > 0 && intervalCoverage < 1)) {
      throw new IllegalArgumentException("coverage must be in (0,1): " + intervalCoverage);
    }
  }

  public ModelSettings withFeatures(FeatureSet set) {
    return new ModelSettings(lambdas, minPosts, minGroup, intervalCoverage, set);
  }
}
