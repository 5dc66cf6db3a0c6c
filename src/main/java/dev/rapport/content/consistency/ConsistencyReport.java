package dev.rapport.content.consistency;

import java.util.List;
import java.util.Optional;

/**
 * Consistency of one channel over a range of whole weeks.
 *
 * @param currentStreak weeks meeting the plan, counting back from the last complete week
 * @param longestStreak the longest run of weeks meeting the plan
 * @param longestGap the longest gap between posts (including the open gap to now)
 * @param regularity coefficient of variation of the closed gaps between posts (NaN below 2 gaps)
 * @param runwayDays days of content already scheduled, at the planned cadence
 * @param consistentQualityIndex the share of weeks that met the plan with posts above the bar
 * @param slotAdherence the share of published posts within an hour of a preferred slot (NaN when
 *     the plan has no slots or nothing was published)
 */
public record ConsistencyReport(
    String channel,
    List<WeekRecord> weeks,
    List<PeriodSummary> months,
    List<PeriodSummary> years,
    int currentStreak,
    int longestStreak,
    Optional<Gap> longestGap,
    double regularity,
    double runwayDays,
    double consistentQualityIndex,
    double slotAdherence,
    List<ConsistencyAlert> alerts) {

  public ConsistencyReport {
    weeks = List.copyOf(weeks);
    months = List.copyOf(months);
    years = List.copyOf(years);
    alerts = List.copyOf(alerts);
  }
}
