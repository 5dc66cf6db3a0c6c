package dev.rapport.engagement;

/**
 * The metric definitions of docs/metrics.md as plain arithmetic, free of storage, so that the same
 * code serves the database queries, the simulator's checks and batch jobs. Undefined values (a rate
 * over zero followers) are {@link Double#NaN}, shown as "—".
 */
public final class TruthFormulas {

  /** Share of authentic followers engaged in the window that earns full marks in the score. */
  public static final double ENGAGED_SHARE_FOR_FULL_MARKS = 0.20;

  public static final double WEIGHT_AUTHENTIC_SHARE = 0.5;
  public static final double WEIGHT_ENGAGED_SHARE = 0.3;
  public static final double WEIGHT_CLEAN_ENGAGEMENT = 0.2;

  /** Weeks of the last 12 in which a person must engage to be in the core. */
  public static final int CORE_MIN_WEEKS = 3;

  public static final int CORE_WINDOW_WEEKS = 12;

  private TruthFormulas() {}

  /** Engagements per follower; NaN when there are no followers. */
  public static double rate(long engagements, long followers) {
    return followers <= 0 ? Double.NaN : engagements / (double) followers;
  }

  /** part / whole; NaN when whole is zero. */
  public static double share(long part, long whole) {
    return whole <= 0 ? Double.NaN : part / (double) whole;
  }

  /**
   * Audience quality score, 0–100: 50 points for the authentic share of followers, 30 for the
   * engaged share of authentic followers (full marks at 20% engaged in the window), 20 for the
   * share of engagement that does not come from bots. A missing ingredient (no followers, no
   * engagement) counts as zero for that part, except a bot share with no engagement at all, which
   * counts as clean.
   */
  public static double audienceQualityScore(
      long followers, long authenticFollowers, long engagedAudience, double botShare) {
    double authentic = followers <= 0 ? 0 : authenticFollowers / (double) followers;
    double engaged =
        authenticFollowers <= 0
            ? 0
            : Math.min(
                1.0,
                (engagedAudience / (double) authenticFollowers) / ENGAGED_SHARE_FOR_FULL_MARKS);
    double clean = Double.isNaN(botShare) ? 1.0 : 1.0 - botShare;
    double score =
        100
            * (WEIGHT_AUTHENTIC_SHARE * authentic
                + WEIGHT_ENGAGED_SHARE * engaged
                + WEIGHT_CLEAN_ENGAGEMENT * clean);
    return Math.max(0, Math.min(100, score));
  }
}
