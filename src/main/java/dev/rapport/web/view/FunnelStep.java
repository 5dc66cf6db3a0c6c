package dev.rapport.web.view;

/**
 * One bar of the vanity-to-truth funnel.
 *
 * @param share the step's count as a share of the first bar (the platform's follower count); NaN
 *     when that is zero
 * @param barWidth the bar's length in whole percent of the longest bar (at least 1 when non-zero)
 * @param vanity whether this is a vanity number (shown as such)
 */
public record FunnelStep(
    String key,
    String label,
    String meaning,
    long count,
    double share,
    int barWidth,
    boolean vanity) {

  public String percent() {
    return Figures.percent(share);
  }
}
