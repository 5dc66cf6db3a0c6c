package dev.rapport.simulation;

import dev.rapport.authenticity.Scorer;
import dev.rapport.content.Posts;
import dev.rapport.engagement.Conversions;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.IngestResult;
import dev.rapport.engagement.Ledger;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.people.People;
import dev.rapport.simulation.internal.AudienceWriter;
import dev.rapport.simulation.internal.Buyers;
import dev.rapport.simulation.internal.EngagementStream;
import dev.rapport.simulation.internal.LedgerWriters;
import dev.rapport.simulation.internal.Population;
import dev.rapport.simulation.internal.PostWriter;
import dev.rapport.simulation.internal.Schedule;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds a realistic simulated workspace through the capabilities' public APIs — the same path as
 * real imports — for the demo and the benchmarks (never for training or evaluating the authenticity
 * model). Same settings and seed, same workspace. Memory grows with people, not with engagements.
 * Thread-safe as long as each call uses its own workspace slug.
 */
public final class Simulator {

  private final Workspaces workspaces;
  private final People people;
  private final Posts posts;
  private final Ledger ledger;
  private final Conversions conversions;
  private final Truth truth;
  private final Scorer scorer;

  public Simulator(
      Workspaces workspaces,
      People people,
      Posts posts,
      Ledger ledger,
      Conversions conversions,
      Truth truth,
      Scorer scorer) {
    this.workspaces = workspaces;
    this.people = people;
    this.posts = posts;
    this.ledger = ledger;
    this.conversions = conversions;
    this.truth = truth;
    this.scorer = scorer;
  }

  /** Simulates into a new workspace {@code slug}; refuses a slug that already exists. */
  public SimulationReport run(String slug, SimulationSettings s, SimulationProgress progress) {
    if (workspaces.bySlug(slug).isPresent()) {
      throw new IllegalArgumentException(
          "workspace '" + slug + "' already exists; simulate into a new slug");
    }
    long started = System.nanoTime();
    SplittableRandom root = new SplittableRandom(s.seed());
    SplittableRandom audienceRandom = root.split();
    SplittableRandom postRandom = root.split();
    SplittableRandom engagementRandom = root.split();
    SplittableRandom buyerRandom = root.split();
    Instant start = historyStart(s);

    Workspace ws =
        workspaces.create(
            slug,
            "Simulated bakery",
            ZoneId.of("UTC"),
            new TargetAudience(
                "home bakers and food lovers near the shop",
                List.of("sourdough", "pastry", "baking"),
                List.of("en", "fr"),
                List.of("Lyon")));
    long[] channelIds = new long[s.platforms().size()];
    for (int c = 0; c < channelIds.length; c++) {
      Platform p = s.platforms().get(c);
      Channel ch = workspaces.addChannel(ws.id(), p, "bakery." + p.code(), "Simulated bakery");
      channelIds[c] = ch.id();
    }

    progress.phase("audience", s.people());
    Population population = Population.generate(s, start, audienceRandom);
    AudienceWriter audience =
        new AudienceWriter(people, scorer, ws.id(), channelIds, s.platforms());
    // As many audience writers as the ledger takes at once: the database's concurrency, not the
    // machine's.
    audience.write(
        population, s.asOf(), s.batchSize(), ledger.concurrentIngests(), audienceRandom, progress);
    long followers = planChannels(population, channelIds);
    long afterAudience = System.nanoTime();

    Schedule schedule =
        Schedule.plan(start, s.historyWeeks(), channelIds.length, s.asOf(), postRandom);
    progress.phase("posts", schedule.posts());
    PostWriter written = PostWriter.write(posts, ws.id(), channelIds, schedule, population);
    progress.advance(schedule.posts());
    long afterPosts = System.nanoTime();

    progress.phase("engagements", s.engagements());
    EngagementStream stream =
        new EngagementStream(
            population,
            schedule,
            written.variantIds(),
            written.followersAtPublish(),
            channelIds,
            start,
            s.asOf(),
            s.engagements(),
            engagementRandom);
    List<Engagement> batch = new ArrayList<>(s.batchSize());
    // Generation of the next batch overlaps the writing of the previous ones; on PostgreSQL two
    // batches are written at once (Ledger#concurrentIngests).
    long ledgerStart = System.nanoTime();
    LedgerWriters writers = new LedgerWriters(ledger, ws.id());
    while (stream.next(batch, s.batchSize())) {
      writers.submit(batch);
      progress.advance(writers.drainWritten());
    }
    IngestResult ingested = writers.finish();
    progress.advance(writers.drainWritten());
    long inLedger = System.nanoTime() - ledgerStart;
    long cpuInLedger = writers.cpuNanos();

    progress.phase("conversions", 1);
    int bought =
        Buyers.record(people, conversions, ws.id(), population, stream, s.asOf(), buyerRandom);
    progress.advance(1);
    return new SimulationReport(
        ws.id(),
        slug,
        s,
        followers,
        schedule.slots().size(),
        schedule.sprayWeeks(),
        start.plus(Duration.ofDays(7L * schedule.sprayFrom())),
        stream.produced(),
        ingested.inserted(),
        stream.fromRegulars(),
        bought,
        audience.verdicts(),
        Duration.ofNanos(afterAudience - started),
        Duration.ofNanos(afterPosts - afterAudience),
        Duration.ofNanos(inLedger),
        Duration.ofNanos(cpuInLedger),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** Times the dashboard's truth queries: one cold call, then the median of {@code warm} calls. */
  public TruthTimings timeTruth(long workspaceId, Instant asOf, Instant historyFrom, int warm) {
    long[] summary = new long[warm + 1];
    long[] weeks = new long[warm + 1];
    TruthSummary last = null;
    int weekRows = 0;
    for (int i = 0; i <= warm; i++) {
      long t = System.nanoTime();
      last = truth.summary(workspaceId, asOf, Truth.DEFAULT_WINDOW);
      summary[i] = System.nanoTime() - t;
      t = System.nanoTime();
      weekRows = truth.weeks(workspaceId, historyFrom, asOf).size();
      weeks[i] = System.nanoTime() - t;
    }
    return new TruthTimings(
        last,
        weekRows,
        Duration.ofNanos(summary[0]),
        Duration.ofNanos(median(summary)),
        Duration.ofNanos(weeks[0]),
        Duration.ofNanos(median(weeks)),
        warm);
  }

  /** Monday 00:00 UTC, {@code historyWeeks} weeks before the week of asOf. */
  public static Instant historyStart(SimulationSettings s) {
    LocalDate monday =
        LocalDate.ofInstant(s.asOf(), ZoneOffset.UTC)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .minusWeeks(s.historyWeeks());
    return monday.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The platforms' follower counts (vanity) and the posting plan per channel. */
  private long planChannels(Population p, long[] channelIds) {
    long[] perChannel = new long[channelIds.length];
    long followers = 0;
    for (int i = 0; i < p.size(); i++) {
      if (p.follows(i)) {
        perChannel[p.channel(i)]++;
        followers++;
      }
    }
    for (int c = 0; c < channelIds.length; c++) {
      workspaces.updateChannelPlan(channelIds[c], perChannel[c], Schedule.POSTS_PER_WEEK);
    }
    return followers;
  }

  private static long median(long[] runs) {
    if (runs.length == 1) {
      return runs[0];
    }
    long[] warm = Arrays.copyOfRange(runs, 1, runs.length);
    Arrays.sort(warm);
    return warm[warm.length / 2];
  }
}
