package dev.rapport.content.quality;

import java.time.Instant;

/** Where a fitted engagement model came from: data, trainer, chosen penalty, version. */
public record ModelProvenance(
    int posts,
    Instant firstPost,
    Instant lastPost,
    FeatureSet features,
    double lambda,
    int featureCount,
    String trainer) {

  public static final String TRAINER = "ridge regression on log1p(engagement), v1";
}
