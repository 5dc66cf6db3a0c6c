package dev.rapport.content.consistency.internal;

import dev.rapport.content.consistency.ConsistencyAlert;
import dev.rapport.content.consistency.ConsistencyReport;
import dev.rapport.content.consistency.ConsistencySettings;
import dev.rapport.content.consistency.Gap;
import dev.rapport.content.consistency.PeriodSummary;
import dev.rapport.content.consistency.PlanSlot;
import dev.rapport.content.consistency.PostingPlan;
import dev.rapport.content.consistency.PublishedPost;
import dev.rapport.content.consistency.ScheduledPost;
import dev.rapport.content.consistency.WeekRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Computes a channel's consistency report. Definitions (docs/content.md): weeks are whole weeks in
 * the workspace's zone; a week meets the plan when its posts at or above the quality bar are at
 * least the planned count; runway = future scheduled posts × planned spacing (7 / posts per week)
 * in days; regularity = population standard deviation / mean of the closed gaps. Stateless.
 */
public final class ConsistencyCalculator {

  static final long SLOT_TOLERANCE_MINUTES = 60;

  private ConsistencyCalculator() {}

  public static ConsistencyReport compute(
      PostingPlan plan,
      List<PublishedPost> published,
      List<ScheduledPost> scheduled,
      LocalDate from,
      Clock clock,
      ConsistencySettings s) {
    Instant now = clock.instant();
    LocalDate firstWeek = from.with(TemporalAdjusters.previousOrSame(s.weekStart()));
    Instant rangeStart = firstWeek.atStartOfDay(s.zone()).toInstant();
    List<PublishedPost> posts =
        published.stream()
            .filter(p -> p.channel().equals(plan.channel()))
            .filter(p -> !p.publishedAt().isBefore(rangeStart) && !p.publishedAt().isAfter(now))
            .sorted(Comparator.comparing(PublishedPost::publishedAt))
            .toList();

    List<WeekRecord> weeks = new ArrayList<>();
    for (LocalDate week = firstWeek; ; week = week.plusWeeks(1)) {
      Instant start = week.atStartOfDay(s.zone()).toInstant();
      Instant end = week.plusWeeks(1).atStartOfDay(s.zone()).toInstant();
      if (end.isAfter(now)) {
        break;
      }
      int count = 0;
      int metBar = 0;
      for (PublishedPost p : posts) {
        if (!p.publishedAt().isBefore(start) && p.publishedAt().isBefore(end)) {
          count++;
          if (p.qualityScore() >= s.qualityBar()) {
            metBar++;
          }
        }
      }
      weeks.add(
          new WeekRecord(week, plan.postsPerWeek(), count, metBar, metBar >= plan.postsPerWeek()));
    }

    int longestStreak = 0;
    int run = 0;
    for (WeekRecord w : weeks) {
      run = w.metPlan() ? run + 1 : 0;
      longestStreak = Math.max(longestStreak, run);
    }
    int currentStreak = run;

    List<Gap> closed = new ArrayList<>();
    for (int i = 1; i < posts.size(); i++) {
      closed.add(new Gap(posts.get(i - 1).publishedAt(), posts.get(i).publishedAt(), false));
    }
    Gap open =
        new Gap(
            posts.isEmpty() ? rangeStart : posts.get(posts.size() - 1).publishedAt(), now, true);
    Optional<Gap> longest =
        Stream.concat(closed.stream(), Stream.of(open)).max(Comparator.comparing(Gap::length));

    long future =
        scheduled.stream()
            .filter(p -> p.channel().equals(plan.channel()) && p.scheduledAt().isAfter(now))
            .count();
    double runway = future * plan.plannedGapDays();

    long weeksMet = weeks.stream().filter(WeekRecord::metPlan).count();
    double index = weeks.isEmpty() ? Double.NaN : (double) weeksMet / weeks.size();

    List<ConsistencyAlert> alerts = new ArrayList<>();
    if (runway < s.runwayAlertDays()) {
      alerts.add(new ConsistencyAlert.RunwayShort(runway, s.runwayAlertDays(), (int) future));
    }
    double allowed = s.gapAlertFactor() * plan.plannedGapDays();
    if (open.days() > allowed) {
      alerts.add(new ConsistencyAlert.GapExceedsPlan(open, allowed));
    }

    return new ConsistencyReport(
        plan.channel(),
        weeks,
        summarise(weeks, w -> w.weekStart().toString().substring(0, 7)),
        summarise(weeks, w -> String.valueOf(w.weekStart().getYear())),
        currentStreak,
        longestStreak,
        longest,
        coefficientOfVariation(closed),
        runway,
        index,
        slotAdherence(plan, posts, s),
        alerts);
  }

  private static List<PeriodSummary> summarise(
      List<WeekRecord> weeks, Function<WeekRecord, String> period) {
    Map<String, List<WeekRecord>> groups = new LinkedHashMap<>();
    weeks.forEach(w -> groups.computeIfAbsent(period.apply(w), k -> new ArrayList<>()).add(w));
    List<PeriodSummary> out = new ArrayList<>();
    groups.forEach(
        (key, ws) ->
            out.add(
                new PeriodSummary(
                    key,
                    ws.size(),
                    ws.stream().mapToInt(WeekRecord::planned).sum(),
                    ws.stream().mapToInt(WeekRecord::published).sum(),
                    ws.stream().mapToInt(WeekRecord::metBar).sum(),
                    (int) ws.stream().filter(WeekRecord::metPlan).count())));
    return out;
  }

  /** Share of posts published within {@value #SLOT_TOLERANCE_MINUTES} minutes of a slot. */
  static double slotAdherence(PostingPlan plan, List<PublishedPost> posts, ConsistencySettings s) {
    if (plan.preferredSlots().isEmpty() || posts.isEmpty()) {
      return Double.NaN;
    }
    int inSlot = 0;
    for (PublishedPost p : posts) {
      ZonedDateTime local = p.publishedAt().atZone(s.zone());
      for (PlanSlot slot : plan.preferredSlots()) {
        ZonedDateTime slotTime =
            local.with(TemporalAdjusters.previousOrSame(slot.day())).with(slot.time());
        long minutes = Math.abs(Duration.between(slotTime, local).toMinutes());
        long toNext = Math.abs(Duration.between(local, slotTime.plusWeeks(1)).toMinutes());
        if (Math.min(minutes, toNext) <= SLOT_TOLERANCE_MINUTES) {
          inSlot++;
          break;
        }
      }
    }
    return (double) inSlot / posts.size();
  }

  static double coefficientOfVariation(List<Gap> gaps) {
    if (gaps.size() < 2) {
      return Double.NaN;
    }
    double mean = gaps.stream().mapToDouble(Gap::days).average().orElseThrow();
    double variance =
        gaps.stream()
            .mapToDouble(g -> (g.days() - mean) * (g.days() - mean))
            .average()
            .orElseThrow();
    return mean == 0 ? Double.NaN : Math.sqrt(variance) / mean;
  }
}
