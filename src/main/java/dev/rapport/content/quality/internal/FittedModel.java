package dev.rapport.content.quality.internal;

import dev.rapport.content.quality.EngagementModel;
import dev.rapport.content.quality.Forecast;
import dev.rapport.content.quality.ModelProvenance;
import dev.rapport.content.quality.PlannedPost;
import dev.rapport.content.quality.Rubric;

/**
 * A fitted per-brand model: the rubric (with the brand's good posts), the feature map, the ridge
 * coefficients and the leave-one-out residual quantiles for the interval. Immutable; thread-safe.
 */
record FittedModel(
    Rubric rubric,
    PostFeatures features,
    Ridge ridge,
    double lowResidual,
    double highResidual,
    double coverage,
    ModelProvenance provenance)
    implements EngagementModel {

  @Override
  public Forecast predict(PlannedPost post) {
    double log = ridge.predict(features.row(post, rubric.assess(post.draft())));
    double typical = Math.max(0, Math.expm1(log));
    double low = Math.max(0, Math.expm1(log + lowResidual));
    double high = Math.max(typical, Math.expm1(log + highResidual));
    return new Forecast(typical, Math.min(low, typical), high, coverage);
  }

  /** The predicted log1p engagement (for rank-based validation). */
  double score(PlannedPost post) {
    return ridge.predict(features.row(post, rubric.assess(post.draft())));
  }
}
