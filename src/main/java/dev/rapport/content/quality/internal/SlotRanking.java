package dev.rapport.content.quality.internal;

import dev.rapport.content.quality.BestTimes;
import dev.rapport.content.quality.PastPost;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks weekday × 4-hour slots by the mean log1p engagement of the posts published in them, shrunk
 * towards the channel's mean with {@value #PRIOR_POSTS} pseudo-posts so that one lucky post does
 * not make a slot. Uses the last 16 weeks when they hold at least {@value #MIN_RECENT} posts, else
 * the whole history when it holds at least {@value #MIN_ANY}, else a stated default (Tuesday to
 * Thursday, 08–12). Stateless.
 */
public final class SlotRanking {

  public static final int TOP = 3;
  static final Duration WINDOW = Duration.ofDays(16 * 7);
  static final int MIN_RECENT = 24;
  static final int MIN_ANY = 12;
  static final int BLOCK_HOURS = 4;
  static final double PRIOR_POSTS = 3;
  static final int MIN_SLOT_POSTS = 2;

  private SlotRanking() {}

  public static BestTimes rank(List<PastPost> history, Clock clock, ZoneId zone) {
    Instant now = clock.instant();
    Instant since = now.minus(WINDOW);
    List<PastPost> recent =
        history.stream()
            .filter(p -> !p.post().publishedAt().toInstant().isBefore(since))
            .filter(p -> !p.post().publishedAt().toInstant().isAfter(now))
            .toList();
    if (recent.size() >= MIN_RECENT) {
      return ranked(recent, zone, BestTimes.Source.LAST_16_WEEKS);
    }
    List<PastPost> all =
        history.stream().filter(p -> !p.post().publishedAt().toInstant().isAfter(now)).toList();
    if (all.size() >= MIN_ANY) {
      return ranked(all, zone, BestTimes.Source.ALL_HISTORY);
    }
    List<BestTimes.Slot> defaults =
        List.of(
            new BestTimes.Slot(DayOfWeek.TUESDAY, 8, 12, Double.NaN, 0),
            new BestTimes.Slot(DayOfWeek.WEDNESDAY, 8, 12, Double.NaN, 0),
            new BestTimes.Slot(DayOfWeek.THURSDAY, 8, 12, Double.NaN, 0));
    return new BestTimes(BestTimes.Source.DEFAULT_TOO_THIN, all.size(), defaults);
  }

  private static BestTimes ranked(List<PastPost> posts, ZoneId zone, BestTimes.Source source) {
    int blocks = 24 / BLOCK_HOURS;
    double[][] sum = new double[7][blocks];
    int[][] count = new int[7][blocks];
    double total = 0;
    for (PastPost p : posts) {
      ZonedDateTime at = p.post().publishedAt().withZoneSameInstant(zone);
      int d = at.getDayOfWeek().getValue() - 1;
      int b = at.getHour() / BLOCK_HOURS;
      double y = Math.log1p(p.engagement());
      sum[d][b] += y;
      count[d][b]++;
      total += y;
    }
    double mean = total / posts.size();
    List<BestTimes.Slot> slots = new ArrayList<>();
    for (int d = 0; d < 7; d++) {
      for (int b = 0; b < blocks; b++) {
        if (count[d][b] >= MIN_SLOT_POSTS) {
          double shrunk = (sum[d][b] + PRIOR_POSTS * mean) / (count[d][b] + PRIOR_POSTS);
          slots.add(
              new BestTimes.Slot(
                  DayOfWeek.of(d + 1),
                  b * BLOCK_HOURS,
                  (b + 1) * BLOCK_HOURS,
                  Math.expm1(shrunk),
                  count[d][b]));
        }
      }
    }
    slots.sort(Comparator.comparingDouble(BestTimes.Slot::typicalEngagement).reversed());
    return new BestTimes(source, posts.size(), slots.subList(0, Math.min(TOP, slots.size())));
  }
}
