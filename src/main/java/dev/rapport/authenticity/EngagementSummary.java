package dev.rapport.authenticity;

/**
 * What the engagement ledger knows about the audited audience, for the audience quality score.
 *
 * @param engagedAuthentic authentic followers with at least one engagement in the window
 * @param engagements all engagements in the window
 * @param botEngagements engagements from suspicious identities in the window
 */
public record EngagementSummary(long engagedAuthentic, long engagements, long botEngagements) {

  public EngagementSummary {
    if (engagedAuthentic < 0 || engagements < 0 || botEngagements < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    if (botEngagements > engagements) {
      throw new IllegalArgumentException("botEngagements > engagements");
    }
  }
}
