package dev.rapport.simulation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The brand's posting history: a steady cadence on each channel (mostly weekdays, office hours), a
 * few silent weeks, and one spray-and-pray period in which volume triples while each post is far
 * less appealing. Cross-posts put one post on every channel. Immutable once built.
 */
public final class Schedule {

  /** Planned posts per channel and week outside the spray period. */
  public static final int POSTS_PER_WEEK = 4;

  static final double SPRAY_VOLUME = 3;

  /** Appeal of a spray-period post relative to a normal one. */
  static final double SPRAY_APPEAL = 0.35;

  static final double CROSS_POST_SHARE = 0.25;

  /** Relative chance of posting on Monday … Sunday. */
  private static final double[] WEEKDAY = {1.0, 1.0, 1.0, 1.0, 0.9, 0.35, 0.25};

  /** One post as published on one channel. */
  public record Slot(int post, int channel, long publishedAt, double appeal, boolean spray) {}

  private final List<Slot> slots;
  private final int posts;
  private final int sprayFrom;
  private final int sprayTo;

  private Schedule(List<Slot> slots, int posts, int sprayFrom, int sprayTo) {
    this.slots = List.copyOf(slots);
    this.posts = posts;
    this.sprayFrom = sprayFrom;
    this.sprayTo = sprayTo;
  }

  /** Slots in order of publication. */
  public List<Slot> slots() {
    return slots;
  }

  public int posts() {
    return posts;
  }

  public int sprayWeeks() {
    return sprayTo - sprayFrom;
  }

  /** Week index (from the history start) of the first spray week, and one past the last. */
  public int sprayFrom() {
    return sprayFrom;
  }

  public int sprayTo() {
    return sprayTo;
  }

  /** {@code start} is a Monday 00:00 UTC; {@code weeks} weeks later is the week of asOf. */
  public static Schedule plan(
      Instant start, int weeks, int channels, Instant asOf, SplittableRandom r) {
    int sprayFrom = weeks / 2;
    int sprayTo = sprayFrom + Math.max(8, weeks / 6);
    int gapA = weeks / 5;
    int gapB = weeks * 4 / 5;
    AliasTable days = new AliasTable(WEEKDAY);
    List<Slot> out = new ArrayList<>();
    int post = 0;
    long end = asOf.getEpochSecond();
    for (int w = 0; w <= weeks; w++) {
      if (w == gapA || w == gapA + 1 || w == gapB) {
        continue; // holidays and a busy spell: no posts at all
      }
      boolean spray = w >= sprayFrom && w < sprayTo;
      long weekStart = start.plus(Duration.ofDays(7L * w)).getEpochSecond();
      for (int c = 0; c < channels; c++) {
        int n = Draw.poisson(r, POSTS_PER_WEEK * (spray ? SPRAY_VOLUME : 1));
        for (int k = 0; k < n; k++) {
          double hour = Math.max(7, Math.min(21.5, 12.5 + 3 * r.nextGaussian()));
          long at = weekStart + days.draw(r) * 86_400L + Math.round(hour * 3600);
          if (at >= end) {
            continue;
          }
          double appeal = Draw.lognormal(r, 0, 0.7) * (spray ? SPRAY_APPEAL : 1);
          if (c == 0 && channels > 1 && Draw.chance(r, CROSS_POST_SHARE)) {
            for (int d = 0; d < channels; d++) {
              out.add(new Slot(post, d, at, appeal, spray));
            }
          } else {
            out.add(new Slot(post, c, at, appeal, spray));
          }
          post++;
        }
      }
    }
    out.sort(Comparator.comparingLong(Slot::publishedAt).thenComparingInt(Slot::post));
    return new Schedule(out, post, sprayFrom, sprayTo);
  }
}
