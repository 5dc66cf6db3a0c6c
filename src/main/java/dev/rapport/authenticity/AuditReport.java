package dev.rapport.authenticity;

import java.util.List;
import java.util.Map;

/**
 * The outcome of an audit. Definitions (docs/authenticity.md):
 *
 * <ul>
 *   <li><b>authentic followers</b>: verdict real person or influencer/brand;
 *   <li><b>real reach</b>: the expected number of real, active people among them — the sum over
 *       authentic followers of the model's probability that the account is not a bot;
 *   <li><b>authentic share</b>: authentic followers / followers with a verdict other than unknown;
 *   <li><b>audience quality score</b> (0–100): {@code 100 × (0.60 × authentic share + 0.25 ×
 *       engaged share of authentic followers + 0.15 × (1 − bot-engagement share))}; an ingredient
 *       the audit does not know is left out and the weights of the others are scaled up to sum to
 *       one ({@link #qualityBasis()} says which were used);
 *   <li><b>flagged / flaggedExplained</b>: suspicious accounts, and how many of them were explained
 *       (all, unless the audit sampled; reasons and the accounts shown come from those);
 *   <li><b>target fit</b>: authentic followers matching the target audience / authentic followers
 *       that could be judged.
 * </ul>
 */
public record AuditReport(
    String source,
    String scorer,
    long followers,
    Map<Category, Long> byCategory,
    long authentic,
    double authenticShare,
    double realReach,
    double meanCoverage,
    double qualityScore,
    String qualityBasis,
    List<ReasonCount> topReasons,
    List<Audit.Flagged> mostSuspicious,
    TargetAudience target,
    long targetMatches,
    long targetJudged,
    long flagged,
    long flaggedExplained,
    long badRecords) {

  public static final double WEIGHT_AUTHENTIC = 0.60;
  public static final double WEIGHT_ENGAGED = 0.25;
  public static final double WEIGHT_CLEAN_ENGAGEMENT = 0.15;

  /** How often a reason (numbers and names taken out) was given for a flagged account. */
  public record ReasonCount(String reason, long count) {}

  public AuditReport {
    byCategory = Map.copyOf(byCategory);
    topReasons = List.copyOf(topReasons);
    mostSuspicious = List.copyOf(mostSuspicious);
  }

  static AuditReport of(
      String source,
      String scorer,
      long followers,
      Map<Category, Long> byCategory,
      double realReach,
      double meanCoverage,
      List<ReasonCount> topReasons,
      List<Audit.Flagged> flagged,
      TargetAudience target,
      long targetMatches,
      long targetJudged,
      long flaggedCount,
      long explainedCount,
      long badRecords,
      EngagementSummary engagement) {
    long authentic = 0;
    for (Map.Entry<Category, Long> e : byCategory.entrySet()) {
      authentic += e.getKey().authentic() ? e.getValue() : 0;
    }
    long judged = followers - byCategory.getOrDefault(Category.UNKNOWN, 0L);
    double authenticShare = judged == 0 ? 0 : authentic / (double) judged;
    double score = WEIGHT_AUTHENTIC * authenticShare;
    double weights = WEIGHT_AUTHENTIC;
    String basis = "authentic share";
    if (engagement != null) {
      if (authentic > 0) {
        score += WEIGHT_ENGAGED * Math.min(1, engagement.engagedAuthentic() / (double) authentic);
        weights += WEIGHT_ENGAGED;
        basis += ", engaged share";
      }
      if (engagement.engagements() > 0) {
        score +=
            WEIGHT_CLEAN_ENGAGEMENT
                * (1 - engagement.botEngagements() / (double) engagement.engagements());
        weights += WEIGHT_CLEAN_ENGAGEMENT;
        basis += ", bot-engagement share";
      }
    }
    return new AuditReport(
        source,
        scorer,
        followers,
        byCategory,
        authentic,
        authenticShare,
        realReach,
        meanCoverage,
        100 * score / weights,
        basis,
        topReasons,
        flagged,
        target,
        targetMatches,
        targetJudged,
        flaggedCount,
        explainedCount,
        badRecords);
  }

  public long count(Category c) {
    return byCategory.getOrDefault(c, 0L);
  }

  public double share(Category c) {
    return followers == 0 ? 0 : count(c) / (double) followers;
  }

  /** Share of judged authentic followers who match the target; NaN when none could be judged. */
  public double targetFit() {
    return targetJudged == 0 ? Double.NaN : targetMatches / (double) targetJudged;
  }
}
