package dev.rapport.simulation;

import dev.rapport.authenticity.Category;

/**
 * What a simulated account really is: the generator's ground truth. The verdicts that feed the
 * metrics come from a scorer reading the generated profiles, never from this.
 */
public enum AccountKind {
  /** A person who reads, likes, replies; heavy-tailed engagement. */
  REAL_PERSON(Category.REAL_PERSON, 0.55),
  /** A creator or brand with a large following of its own. */
  INFLUENCER(Category.INFLUENCER, 0.01),
  /** Follows thousands of accounts; rarely engages. */
  MASS_FOLLOWER(Category.MASS_FOLLOWER, 0.08),
  /** Automated account that likes and comments. */
  BOT(Category.SUSPICIOUS, 0.06),
  /** Bought follower; arrives in bursts, never engages. */
  PURCHASED_FAKE(Category.SUSPICIOUS, 0.15),
  /** A real account that stopped using the platform. */
  INACTIVE(Category.INACTIVE, 0.15);

  private final Category expected;
  private final double defaultShare;

  AccountKind(Category expected, double defaultShare) {
    this.expected = expected;
    this.defaultShare = defaultShare;
  }

  /** The verdict a perfect scorer would give (bots may also say they are bots). */
  public Category expected() {
    return expected;
  }

  /** Share of the simulated population of this kind; the shares sum to 1. */
  public double defaultShare() {
    return defaultShare;
  }

  /** True when a scorer's verdict matches this kind. */
  public boolean agrees(Category verdict) {
    return verdict == expected || (this == BOT && verdict == Category.SELF_DECLARED_BOT);
  }
}
