package dev.rapport.content.consistency;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Settings of the consistency metrics.
 *
 * @param qualityBar a post meets the bar when its overall rubric score is at least this
 * @param runwayAlertDays alert when the runway falls under this many days
 * @param gapAlertFactor alert when the open gap exceeds this many planned spacings
 * @param zone the workspace's time zone (weeks, months and years are counted in it)
 * @param weekStart the first day of a week
 */
public record ConsistencySettings(
    int qualityBar,
    double runwayAlertDays,
    double gapAlertFactor,
    ZoneId zone,
    DayOfWeek weekStart) {

  public static final int DEFAULT_QUALITY_BAR = 70;
  public static final double DEFAULT_RUNWAY_ALERT_DAYS = 7;
  public static final double DEFAULT_GAP_ALERT_FACTOR = 2;

  public ConsistencySettings {
    Objects.requireNonNull(zone);
    Objects.requireNonNull(weekStart);
    if (qualityBar < 0 || qualityBar > 100 || runwayAlertDays < 0 || gapAlertFactor < 1) {
      throw new IllegalArgumentException("bar in 0..100, runway ≥ 0, gap factor ≥ 1");
    }
  }

  public static ConsistencySettings defaults(ZoneId zone) {
    return new ConsistencySettings(
        DEFAULT_QUALITY_BAR,
        DEFAULT_RUNWAY_ALERT_DAYS,
        DEFAULT_GAP_ALERT_FACTOR,
        zone,
        DayOfWeek.MONDAY);
  }
}
