package dev.rapport.simulation;

import dev.rapport.workspace.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to simulate. Validated at construction; the same settings and seed give the same workspace.
 *
 * @param people audience members (followers and a few non-following engagers)
 * @param engagements engagement events on posts to generate and ingest
 * @param seed the seed of every random draw
 * @param asOf the end of the simulated history ("today" in the simulated world)
 * @param historyWeeks weeks of posting history before {@code asOf}
 * @param platforms one brand channel per platform; the first one has the largest audience
 * @param batchSize people and events written per batch (memory stays flat, whatever the size)
 * @param regulars people who engage across many weeks (the core); 0 picks {@link
 *     #defaultRegulars(int)}
 */
public record SimulationSettings(
    int people,
    long engagements,
    long seed,
    Instant asOf,
    int historyWeeks,
    List<Platform> platforms,
    int batchSize,
    int regulars) {

  /** Demo size: every kind, a core and a visible spray period, at a small fraction of the cost. */
  public static final int DEMO_PEOPLE = 3_000;

  public static final long DEMO_ENGAGEMENTS = 36_000;
  public static final long DEFAULT_SEED = 20_240_601L;

  /** 18 months: long enough to show consistency, a spray-and-pray period and retention. */
  public static final int DEFAULT_HISTORY_WEEKS = 78;

  public static final List<Platform> DEFAULT_PLATFORMS =
      List.of(Platform.INSTAGRAM, Platform.BLUESKY, Platform.MASTODON);

  /**
   * Large enough that each batch's rollup rows absorb many events (a regular's identity-week row is
   * written once per batch, not once per ten thousand events): at a million people 100,000 ingests
   * 2.1× faster than 10,000 on H2 and 1.1× on PostgreSQL (1.4× at 100,000 people;
   * docs/benchmarks.md); still a few tens of megabytes per batch in flight.
   */
  public static final int DEFAULT_BATCH_SIZE = 100_000;

  /** "A few hundred" regulars at most, however large the audience. */
  public static final int MAX_DEFAULT_REGULARS = 400;

  public static final int MIN_PEOPLE = 100;
  public static final int MIN_HISTORY_WEEKS = 26;

  public SimulationSettings {
    if (people < MIN_PEOPLE) {
      throw new IllegalArgumentException("people must be at least " + MIN_PEOPLE);
    }
    if (engagements < 0) {
      throw new IllegalArgumentException("engagements must not be negative");
    }
    Objects.requireNonNull(asOf, "asOf");
    if (historyWeeks < MIN_HISTORY_WEEKS) {
      throw new IllegalArgumentException(
          "historyWeeks must be at least " + MIN_HISTORY_WEEKS + " (the spray period needs room)");
    }
    platforms = List.copyOf(platforms);
    if (platforms.isEmpty() || platforms.size() != platforms.stream().distinct().count()) {
      throw new IllegalArgumentException("platforms must be distinct and not empty");
    }
    if (batchSize < 100 || batchSize > 1_000_000) {
      throw new IllegalArgumentException("batchSize must be within 100..1000000");
    }
    if (regulars < 0 || regulars > people / 4) {
      throw new IllegalArgumentException("regulars must be within 0..people/4");
    }
    if (regulars == 0) {
      regulars = defaultRegulars(people);
    }
  }

  /** One regular per 30 people, at least 10, at most {@link #MAX_DEFAULT_REGULARS}. */
  public static int defaultRegulars(int people) {
    return Math.max(10, Math.min(MAX_DEFAULT_REGULARS, people / 30));
  }

  /** A workspace of the given size with every other parameter at its default. */
  public static SimulationSettings of(int people, long engagements, long seed, Instant asOf) {
    return new SimulationSettings(
        people,
        engagements,
        seed,
        asOf,
        DEFAULT_HISTORY_WEEKS,
        DEFAULT_PLATFORMS,
        DEFAULT_BATCH_SIZE,
        0);
  }

  /** The demo workspace: {@value #DEMO_PEOPLE} people, {@value #DEMO_ENGAGEMENTS} engagements. */
  public static SimulationSettings demo(Instant asOf) {
    return of(DEMO_PEOPLE, DEMO_ENGAGEMENTS, DEFAULT_SEED, asOf);
  }

  public SimulationSettings withBatchSize(int size) {
    return new SimulationSettings(
        people, engagements, seed, asOf, historyWeeks, platforms, size, regulars);
  }
}
