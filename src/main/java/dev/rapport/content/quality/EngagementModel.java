package dev.rapport.content.quality;

/** A brand's fitted engagement model. Implementations are immutable and thread-safe. */
public interface EngagementModel {

  /** The engagement a planned post can expect, with an interval. */
  Forecast predict(PlannedPost post);

  ModelProvenance provenance();
}
