package dev.rapport.authenticity.internal;

import dev.rapport.authenticity.ProfileSnapshot;
import java.time.Instant;

/**
 * A trained bot model: features (with the handle bigrams learned in training), trees, calibration
 * and the operating threshold. Immutable and thread-safe; the per-thread {@link Kernel} does the
 * work without allocating.
 */
public record AuthenticityModel(
    String version,
    FeatureExtractor features,
    TreeEnsemble trees,
    Platt calibration,
    double threshold) {

  /** Calibrated probability that the profile is a bot, fake or purchased account. */
  public double botProbability(ProfileSnapshot p, Instant now) {
    return calibration.probability(trees.margin(features.extract(p, now)));
  }

  public Kernel kernel() {
    return new Kernel(this);
  }

  /** Scratch space for one thread: features, margin, and SHAP on demand. Not thread-safe. */
  public static final class Kernel {
    private final AuthenticityModel model;
    private final float[] x = new float[Feature.COUNT];
    private final double[] phi = new double[Feature.COUNT];
    private final TreeShap shap;

    Kernel(AuthenticityModel model) {
      this.model = model;
      this.shap = new TreeShap(model.trees());
    }

    /** Extracts the features of {@code p} and returns the calibrated bot probability. */
    public double score(ProfileSnapshot p, Instant now) {
      model.features().extract(p, now, x);
      return model.calibration().probability(model.trees().margin(x));
    }

    /** Contributions of each feature to the margin for the last scored profile. */
    public double[] explainLast() {
      shap.contributions(x, phi);
      return phi;
    }

    /** The feature vector of the last scored profile. */
    public float[] lastFeatures() {
      return x;
    }
  }
}
