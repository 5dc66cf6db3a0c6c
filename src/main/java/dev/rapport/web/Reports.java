package dev.rapport.web;

import dev.rapport.content.consistency.ConsistencyOverview;
import dev.rapport.content.consistency.ConsistencyOverview.ChannelStanding;
import dev.rapport.content.consistency.PeriodSummary;
import dev.rapport.engagement.Cohort;
import dev.rapport.engagement.QualityPoint;
import dev.rapport.engagement.Retention;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.WeekTruth;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The series behind the reports page, the reports exports and the metrics API, computed the same
 * way for all three: plan adherence by month, the truth metrics by week, the audience quality score
 * by month and the retention cohorts. Thread-safe.
 */
final class Reports {

  /** How far back the page and the default exports look. */
  static final int MONTHS = 12;

  static final int WEEKS = 52;

  private final ConsistencyOverview consistency;
  private final Truth truth;
  private final Retention retention;

  Reports(ConsistencyOverview consistency, Truth truth, Retention retention) {
    this.consistency = consistency;
    this.truth = truth;
    this.retention = retention;
  }

  /**
   * One channel's adherence to its posting plan in one month.
   *
   * @param adherence published posts at or above the bar / planned posts (NaN when none planned)
   */
  record Adherence(
      long channelId,
      String platform,
      String handle,
      String month,
      int weeks,
      int planned,
      int published,
      int metBar,
      int weeksMet,
      double adherence) {}

  List<ChannelStanding> standings(long workspaceId) {
    return consistency.of(workspaceId);
  }

  static List<Adherence> adherence(List<ChannelStanding> standings) {
    List<Adherence> out = new ArrayList<>();
    for (ChannelStanding s : standings) {
      if (s.consistency() == null) {
        continue;
      }
      for (PeriodSummary m : s.consistency().months()) {
        out.add(
            new Adherence(
                s.channelId(),
                s.platform(),
                s.handle(),
                m.period(),
                m.weeks(),
                m.planned(),
                m.published(),
                m.metBar(),
                m.weeksMet(),
                m.planned() == 0 ? Double.NaN : Math.min(1.0, m.metBar() / (double) m.planned())));
      }
    }
    return out;
  }

  List<WeekTruth> weeks(long workspaceId, Instant from, Instant to) {
    return truth.weeks(workspaceId, from, to);
  }

  List<QualityPoint> quality(long workspaceId, Instant from, Instant to) {
    return retention.quality(workspaceId, from, to, Period.ofMonths(1), Truth.DEFAULT_WINDOW);
  }

  List<Cohort> cohorts(long workspaceId, Instant asOf) {
    return retention.cohorts(workspaceId, asOf);
  }

  /** The default range of the monthly series: the first of the month, {@link #MONTHS} ago. */
  static Instant monthsAgo(Instant now, int months) {
    return ZonedDateTime.ofInstant(now, ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.DAYS)
        .withDayOfMonth(1)
        .minusMonths(months)
        .toInstant();
  }

  static Instant weeksAgo(Instant now, int weeks) {
    return now.minus(weeks * 7L, ChronoUnit.DAYS);
  }

  /** A share or a rate for CSV: six decimals, empty when undefined. */
  static String number(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
  }

  /** A percentage for charts (null when undefined, as JSON has no NaN). */
  static Double percent(double share) {
    return Double.isNaN(share) || Double.isInfinite(share) ? null : share * 100;
  }
}
