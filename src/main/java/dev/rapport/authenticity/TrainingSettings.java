package dev.rapport.authenticity;

/**
 * Hyper-parameters of the authenticity model, validated at construction. {@link #DEFAULTS} is what
 * the committed model was trained with.
 *
 * @param rounds boosting rounds (trees)
 * @param maxDepth maximum tree depth
 * @param eta learning rate
 * @param subsample share of rows per tree
 * @param colsampleByTree share of features per tree
 * @param minChildWeight minimum hessian sum in a leaf
 * @param lambda L2 regularisation of leaf values
 * @param seed seed for every random choice (folds, subsampling)
 * @param threads training threads
 * @param calibrationFolds inner folds whose held-out margins fit the calibration
 * @param threshold operating threshold on the calibrated bot probability
 */
public record TrainingSettings(
    int rounds,
    int maxDepth,
    double eta,
    double subsample,
    double colsampleByTree,
    double minChildWeight,
    double lambda,
    long seed,
    int threads,
    int calibrationFolds,
    double threshold) {

  public static final TrainingSettings DEFAULTS =
      new TrainingSettings(100, 4, 0.15, 0.8, 0.8, 1.0, 1.0, 20261126L, 2, 3, 0.5);

  public TrainingSettings {
    if (rounds < 1 || maxDepth < 1 || maxDepth > 12) {
      throw new IllegalArgumentException("rounds >= 1 and maxDepth in 1..12 required");
    }
    if (eta <= 0 || eta > 1 || subsample <= 0 || subsample > 1) {
      throw new IllegalArgumentException("eta and subsample must be in (0,1]");
    }
    if (colsampleByTree <= 0 || colsampleByTree > 1) {
      throw new IllegalArgumentException("colsampleByTree must be in (0,1]");
    }
    if (threads < 1 || calibrationFolds < 2) {
      throw new IllegalArgumentException("threads >= 1 and calibrationFolds >= 2 required");
    }
    if (threshold <= 0 || threshold >= 1) {
      throw new IllegalArgumentException("threshold must be in (0,1)");
    }
  }

  public TrainingSettings withSeed(long newSeed) {
    return new TrainingSettings(
        rounds,
        maxDepth,
        eta,
        subsample,
        colsampleByTree,
        minChildWeight,
        lambda,
        newSeed,
        threads,
        calibrationFolds,
        threshold);
  }
}
