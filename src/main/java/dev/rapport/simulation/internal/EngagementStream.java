package dev.rapport.simulation.internal;

import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.simulation.AccountKind;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Produces the engagement events batch by batch, so that memory does not grow with their number.
 * First the regulars' habit (most weeks, one or two of that week's posts on their channel), then
 * the crowd: each event picks a post in proportion to its appeal and audience, and an engager of
 * that channel in proportion to their propensity (heavy-tailed), who must have followed by then
 * unless they engage without following. Not thread-safe.
 */
public final class EngagementStream {

  /** Chance that a regular engages in a given week. */
  static final double REGULAR_WEEKLY = 0.7;

  /** At most this share of all events comes from the regulars' habit. */
  static final double REGULAR_BUDGET = 0.3;

  /** Mean delay between a post and an engagement with it. */
  static final double MEAN_DELAY_SECONDS = 8 * 3600;

  private static final long WEEK = 7 * 86_400L;
  private static final EngagementKind[] KIND = EngagementKind.values();

  private final Population people;
  private final List<Schedule.Slot> slots;
  private final long[] variantIds;
  private final long[] channelIds;
  private final long start;
  private final long end;
  private final long total;
  private final SplittableRandom r;
  private final AliasTable posts;
  private final AliasTable[] engagers;
  private final int[][] members;
  private final int[][] weekIndex;
  private final int[][] byChannel;
  private final AliasTable[] kinds = new AliasTable[AccountKind.values().length];
  private final AliasTable regularKinds;
  private final int[] regulars;
  private final double regularWeekly;
  private final byte[] engaged;

  private long produced;
  private long fromRegulars;
  private int regularCursor;
  private int regularWeek = -1;

  public EngagementStream(
      Population people,
      Schedule schedule,
      long[] variantIds,
      long[] followersAtPublish,
      long[] channelIds,
      Instant start,
      Instant asOf,
      long total,
      SplittableRandom r) {
    this.people = people;
    this.slots = schedule.slots();
    this.variantIds = variantIds;
    this.channelIds = channelIds;
    this.start = start.getEpochSecond();
    this.end = asOf.getEpochSecond();
    this.total = total;
    this.r = r;
    this.engaged = new byte[people.size];
    double[] postWeights = new double[slots.size()];
    for (int i = 0; i < postWeights.length; i++) {
      postWeights[i] = slots.get(i).appeal() * (followersAtPublish[i] + 10);
    }
    this.posts = new AliasTable(postWeights);
    int channels = channelIds.length;
    this.members = new int[channels][];
    this.engagers = new AliasTable[channels];
    int[] counts = new int[channels];
    for (int i = 0; i < people.size; i++) {
      counts[people.channel[i]]++;
    }
    for (int c = 0; c < channels; c++) {
      members[c] = new int[counts[c]];
    }
    int[] fill = new int[channels];
    for (int i = 0; i < people.size; i++) {
      int c = people.channel[i];
      members[c][fill[c]++] = i;
    }
    for (int c = 0; c < channels; c++) {
      double[] w = new double[members[c].length];
      double sum = 0;
      for (int k = 0; k < w.length; k++) {
        w[k] = people.propensity[members[c][k]];
        sum += w[k];
      }
      if (!(sum > 0)) {
        java.util.Arrays.fill(w, 1);
      }
      engagers[c] = w.length == 0 ? null : new AliasTable(w);
    }
    int weeks = (int) ((end - this.start) / WEEK) + 2;
    this.byChannel = new int[channels][];
    this.weekIndex = new int[channels][weeks + 1];
    int[] perChannel = new int[channels];
    for (Schedule.Slot s : slots) {
      perChannel[s.channel()]++;
    }
    for (int c = 0; c < channels; c++) {
      byChannel[c] = new int[perChannel[c]];
    }
    int[] at = new int[channels];
    for (int i = 0; i < slots.size(); i++) {
      Schedule.Slot s = slots.get(i);
      byChannel[s.channel()][at[s.channel()]++] = i;
    }
    for (int c = 0; c < channels; c++) {
      int k = 0;
      for (int w = 0; w <= weeks; w++) {
        long weekEnd = this.start + w * WEEK;
        while (k < byChannel[c].length && slots.get(byChannel[c][k]).publishedAt() < weekEnd) {
          k++;
        }
        weekIndex[c][w] = k;
      }
    }
    int n = 0;
    long regularWeeks = 0;
    for (int i = 0; i < people.size; i++) {
      if (people.regular[i]) {
        n++;
        regularWeeks += weeks - firstWeek(i);
      }
    }
    this.regulars = new int[n];
    n = 0;
    for (int i = 0; i < people.size; i++) {
      if (people.regular[i]) {
        regulars[n++] = i;
      }
    }
    // 1.4 events per active week on average (one or two posts).
    this.regularWeekly =
        Math.min(REGULAR_WEEKLY, REGULAR_BUDGET * total / Math.max(1.0, 1.4 * regularWeeks));
    kinds[AccountKind.REAL_PERSON.ordinal()] = mix(0.68, 0.10, 0.10, 0.03, 0.09);
    kinds[AccountKind.INFLUENCER.ordinal()] = mix(0.50, 0.05, 0.30, 0.15, 0);
    kinds[AccountKind.MASS_FOLLOWER.ordinal()] = mix(0.90, 0, 0.10, 0, 0);
    kinds[AccountKind.BOT.ordinal()] = mix(0.75, 0.25, 0, 0, 0);
    kinds[AccountKind.PURCHASED_FAKE.ordinal()] = mix(1, 0, 0, 0, 0);
    kinds[AccountKind.INACTIVE.ordinal()] = mix(1, 0, 0, 0, 0);
    regularKinds = mix(0.45, 0.30, 0.10, 0.05, 0.10);
  }

  /** Weights for like, reply, repost, quote, click. */
  private static AliasTable mix(
      double like, double reply, double repost, double quote, double click) {
    double[] w = new double[KIND.length];
    w[EngagementKind.LIKE.ordinal()] = like;
    w[EngagementKind.REPLY.ordinal()] = reply;
    w[EngagementKind.REPOST.ordinal()] = repost;
    w[EngagementKind.QUOTE.ordinal()] = quote;
    w[EngagementKind.CLICK.ordinal()] = click;
    return new AliasTable(w);
  }

  private int firstWeek(int person) {
    return (int) Math.max(0, Math.floorDiv(people.arrival[person] - start, WEEK) + 1);
  }

  public long produced() {
    return produced;
  }

  public long fromRegulars() {
    return fromRegulars;
  }

  /** How often each person engaged (saturates at 127): the conversions draw on it. */
  public int engaged(int person) {
    return engaged[person];
  }

  /** Clears {@code batch} and fills it with up to {@code max} events; false when all are out. */
  public boolean next(List<Engagement> batch, int max) {
    batch.clear();
    while (batch.size() < max && produced < total) {
      if (!nextRegular(batch)) {
        crowd(batch);
      }
    }
    return !batch.isEmpty();
  }

  private boolean nextRegular(List<Engagement> batch) {
    while (regularCursor < regulars.length) {
      int person = regulars[regularCursor];
      if (regularWeek < 0) {
        regularWeek = firstWeek(person);
      }
      int c = people.channel[person];
      if (regularWeek >= weekIndex[c].length - 1) {
        regularCursor++;
        regularWeek = -1;
        continue;
      }
      int w = regularWeek++;
      int from = weekIndex[c][w];
      int to = weekIndex[c][w + 1];
      if (to == from || !Draw.chance(r, regularWeekly)) {
        continue;
      }
      int n = Draw.chance(r, 0.4) ? 2 : 1;
      for (int k = 0; k < n && produced < total; k++) {
        int slot = byChannel[c][from + r.nextInt(to - from)];
        emit(batch, person, slot, regularKinds);
        fromRegulars++;
      }
      return true;
    }
    return false;
  }

  private void crowd(List<Engagement> batch) {
    int slot = posts.draw(r);
    Schedule.Slot s = slots.get(slot);
    AliasTable table = engagers[s.channel()];
    if (table == null) {
      return;
    }
    int[] m = members[s.channel()];
    int person = m[table.draw(r)];
    for (int tries = 0;
        tries < 4 && people.follows[person] && people.arrival[person] > s.publishedAt();
        tries++) {
      person = m[table.draw(r)];
    }
    emit(batch, person, slot, kinds[people.kind[person]]);
  }

  private void emit(List<Engagement> batch, int person, int slot, AliasTable kindTable) {
    Schedule.Slot s = slots.get(slot);
    long at =
        Math.min(end - 60, s.publishedAt() + Math.round(Draw.exponential(r, MEAN_DELAY_SECONDS)));
    EngagementKind kind = KIND[kindTable.draw(r)];
    batch.add(
        new Engagement(
            people.identity[person],
            channelIds[s.channel()],
            variantIds[slot],
            kind,
            Instant.ofEpochSecond(at),
            "simulator",
            "sim:" + produced));
    produced++;
    if (engaged[person] < Byte.MAX_VALUE) {
      engaged[person]++;
    }
  }
}
