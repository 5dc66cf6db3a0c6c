package dev.rapport.simulation.internal;

import dev.rapport.simulation.AccountKind;
import dev.rapport.simulation.SimulationSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The simulated audience as plain per-person arrays (a few bytes per person, nothing per event), in
 * the order people started to follow. Purchased fakes arrive in a few dense bursts; everyone else
 * arrives steadily, about a third of them before the simulated history begins. Not thread-safe.
 */
public final class Population {

  /** Share of purchased fakes that arrive in bursts (the rest trickle in). */
  static final double BURST_SHARE = 0.85;

  /** Where in the history the bursts land, as fractions of it. */
  static final double[] BURST_AT = {0.35, 0.6, 0.85};

  static final Duration BURST_LENGTH = Duration.ofHours(36);

  /** Share of the audience already following when the history starts. */
  static final double EARLY_SHARE = 0.3;

  static final Duration EARLY_SPAN = Duration.ofDays(365);

  /** Share of real people who engage without following (they found a post through a repost). */
  static final double NON_FOLLOWER_SHARE = 0.06;

  private static final AccountKind[] KINDS = AccountKind.values();

  final int size;
  final byte[] kind;
  final byte[] channel;
  final long[] arrival;
  final boolean[] follows;
  final float[] propensity;
  final boolean[] regular;
  final long[] identity;
  final byte[] verdict;

  private Population(int size) {
    this.size = size;
    kind = new byte[size];
    channel = new byte[size];
    arrival = new long[size];
    follows = new boolean[size];
    propensity = new float[size];
    regular = new boolean[size];
    identity = new long[size];
    verdict = new byte[size];
  }

  public int size() {
    return size;
  }

  public boolean follows(int i) {
    return follows[i];
  }

  public int channel(int i) {
    return channel[i];
  }

  public AccountKind kind(int i) {
    return KINDS[kind[i]];
  }

  public static Population generate(
      SimulationSettings s, Instant historyStart, SplittableRandom r) {
    int n = s.people();
    Population p = new Population(n);
    long start = historyStart.getEpochSecond();
    long span = s.asOf().getEpochSecond() - start;
    long fakes = Math.round(n * AccountKind.PURCHASED_FAKE.defaultShare());
    int burst = (int) Math.round(fakes * BURST_SHARE);
    int organic = n - burst;
    double[] organicWeights = new double[KINDS.length];
    for (AccountKind k : KINDS) {
      organicWeights[k.ordinal()] =
          k == AccountKind.PURCHASED_FAKE ? (fakes - burst) / (double) n : k.defaultShare();
    }
    AliasTable organicKinds = new AliasTable(organicWeights);
    double[] channelWeights = new double[s.platforms().size()];
    for (int c = 0; c < channelWeights.length; c++) {
      channelWeights[c] = 1.0 / (c + 1);
    }
    AliasTable channels = new AliasTable(channelWeights);
    int nch = channelWeights.length;
    int i = 0;
    int nextBurst = 0;
    for (int j = 0; j < organic; j++) {
      double x = (j + 0.5) / organic;
      long t =
          x < EARLY_SHARE
              ? start - Math.round((EARLY_SHARE - x) / EARLY_SHARE * EARLY_SPAN.toSeconds())
              : start + Math.round((x - EARLY_SHARE) / (1 - EARLY_SHARE) * span);
      while (nextBurst < BURST_AT.length && start + BURST_AT[nextBurst] * span <= t) {
        i = addBurst(p, i, nextBurst, burst, start + Math.round(BURST_AT[nextBurst] * span), nch);
        nextBurst++;
      }
      AccountKind k = KINDS[organicKinds.draw(r)];
      p.set(
          i++, k, channels.draw(r), Math.min(t + r.nextLong(6 * 3600), s.asOf().getEpochSecond()));
    }
    while (nextBurst < BURST_AT.length) {
      i = addBurst(p, i, nextBurst, burst, start + Math.round(BURST_AT[nextBurst] * span), nch);
      nextBurst++;
    }
    for (int k = 0; k < n; k++) {
      AccountKind kind = p.kind(k);
      p.follows[k] = !(kind == AccountKind.REAL_PERSON && Draw.chance(r, NON_FOLLOWER_SHARE));
      p.propensity[k] = (float) propensity(kind, r);
    }
    chooseRegulars(p, s, r);
    return p;
  }

  /** Purchased followers arrive together, on one channel, within a day and a half. */
  private static int addBurst(
      Population p, int i, int which, int burstTotal, long at, int channels) {
    int size = burstTotal / BURST_AT.length + (which == 0 ? burstTotal % BURST_AT.length : 0);
    int channel = which % channels;
    long step = Math.max(1, BURST_LENGTH.toSeconds() / Math.max(1, size));
    for (int k = 0; k < size; k++) {
      p.set(i++, AccountKind.PURCHASED_FAKE, channel, at + k * step);
    }
    return i;
  }

  private void set(int i, AccountKind k, int ch, long at) {
    kind[i] = (byte) k.ordinal();
    channel[i] = (byte) ch;
    arrival[i] = at;
  }

  /**
   * How readily a person engages, relative to the others. Heavy-tailed for real people (a few are
   * far more active than most); bots like and comment steadily; fakes and inactive accounts never.
   */
  private static double propensity(AccountKind kind, SplittableRandom r) {
    return switch (kind) {
      case REAL_PERSON -> Draw.lognormal(r, 0, 1.4);
      case INFLUENCER -> 0.5 * Draw.lognormal(r, 0, 1.0);
      case MASS_FOLLOWER -> 0.15 * Draw.lognormal(r, 0, 1.0);
      case BOT -> 3 * Draw.lognormal(r, 0, 0.6);
      case PURCHASED_FAKE, INACTIVE -> 0;
    };
  }

  /**
   * Regulars: authentic followers who arrived at least 20 weeks before the end and will engage
   * nearly every week from then on. Chosen by selection sampling (Knuth's algorithm S).
   */
  private static void chooseRegulars(Population p, SimulationSettings s, SplittableRandom r) {
    long cutoff = s.asOf().minus(Duration.ofDays(140)).getEpochSecond();
    int eligible = 0;
    for (int i = 0; i < p.size; i++) {
      eligible += p.eligibleRegular(i, cutoff) ? 1 : 0;
    }
    int wanted = Math.min(s.regulars(), eligible);
    for (int i = 0; i < p.size && wanted > 0; i++) {
      if (p.eligibleRegular(i, cutoff)) {
        if (r.nextInt(eligible) < wanted) {
          p.regular[i] = true;
          wanted--;
        }
        eligible--;
      }
    }
  }

  private boolean eligibleRegular(int i, long cutoff) {
    AccountKind k = kind(i);
    return (k == AccountKind.REAL_PERSON || k == AccountKind.INFLUENCER)
        && follows[i]
        && arrival[i] < cutoff;
  }
}
