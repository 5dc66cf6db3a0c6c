package dev.rapport.content.quality;

import java.util.Objects;

/** A published post and the authentic (weighted) engagement it earned. */
public record PastPost(PlannedPost post, double engagement) {

  public PastPost {
    Objects.requireNonNull(post);
    if (!(engagement >= 0)) {
      throw new IllegalArgumentException("engagement must be ≥ 0: " + engagement);
    }
  }
}
