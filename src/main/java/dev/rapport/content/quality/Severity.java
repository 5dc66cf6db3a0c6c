package dev.rapport.content.quality;

/**
 * How much a finding matters. {@code STRENGTH} is evidence in the draft's favour; {@code BLOCKER}
 * means the platform would refuse the post as it stands.
 */
public enum Severity {
  STRENGTH,
  ADVICE,
  PROBLEM,
  BLOCKER
}
