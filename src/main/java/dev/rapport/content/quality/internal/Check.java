package dev.rapport.content.quality.internal;

import dev.rapport.content.quality.DimensionScore;
import dev.rapport.content.quality.Draft;

/** Scores one rubric dimension. Implementations are immutable and thread-safe. */
interface Check {
  DimensionScore assess(Draft draft, ScannedText scan);
}
