package dev.rapport.people;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The incremental stage recompute agrees with the full one, whatever the events, follows, merges
 * and the time between runs.
 */
class StagePropertyTest {

  static final Instant T1 = Instant.parse("2026-06-17T12:00:00Z");
  static final int IDENTITIES = 5;
  static final AtomicInteger WORKSPACES = new AtomicInteger();

  @AfterContainer
  static void close() {
    MergePropertyTest.close();
  }

  record Event(int identity, EngagementKind kind, int daysAgo) {}

  @Provide
  Arbitrary<Event> event() {
    return Combinators.combine(
            Arbitraries.integers().between(0, IDENTITIES - 1),
            Arbitraries.of(
                EngagementKind.LIKE,
                EngagementKind.REPLY,
                EngagementKind.REPOST,
                EngagementKind.QUOTE,
                EngagementKind.MENTION,
                EngagementKind.PURCHASE),
            Arbitraries.integers().between(0, 150))
        .as(Event::new);
  }

  @Property(tries = 20)
  void incrementalEqualsFull(
      @ForAll @Size(max = 20) List<@From("event") Event> first,
      @ForAll @Size(max = 12) List<@From("event") Event> second,
      @ForAll @IntRange(min = 0, max = 4) int follower,
      @ForAll @IntRange(min = 0, max = 60) int daysBetween,
      @ForAll boolean mergeBetween) {
    for (Rapport r : MergePropertyTest.databases()) {
      Workspace ws =
          r.workspaces()
              .create(
                  "s" + WORKSPACES.incrementAndGet(), "S", ZoneId.of("UTC"), TargetAudience.NONE);
      Channel ch = r.workspaces().addChannel(ws.id(), Platform.X, "brand", "Brand");
      long[] ids =
          r.people()
              .resolve(
                  ws.id(),
                  IntStream.range(0, IDENTITIES)
                      .mapToObj(i -> new IdentityKey(Platform.X, "u" + i, "h" + i, "H" + i))
                      .toList());
      r.ledger().ingest(ws.id(), events(ids, ch.id(), first, T1, "a"));
      r.stages().recompute(ws.id(), T1);
      Instant t2 = T1.plus(Duration.ofDays(daysBetween));
      r.people().follow(ws.id(), ch.id(), new long[] {ids[follower]}, t2);
      if (mergeBetween) {
        r.merges()
            .merge(
                ws.id(),
                r.people().identity(ws.id(), ids[0]).orElseThrow().personId(),
                r.people().identity(ws.id(), ids[1]).orElseThrow().personId(),
                null,
                t2);
      }
      r.ledger().ingest(ws.id(), events(ids, ch.id(), second, t2, "b"));
      r.stages().recompute(ws.id(), t2);
      assertThat(r.stages().recomputeAll(ws.id(), t2).changed()).isZero();
    }
  }

  private static List<Engagement> events(
      long[] ids, long channel, List<Event> events, Instant asOf, String prefix) {
    List<Engagement> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      out.add(
          new Engagement(
              ids[e.identity()],
              channel,
              null,
              e.kind(),
              asOf.minus(Duration.ofDays(e.daysAgo())),
              "test",
              prefix + i));
    }
    return out;
  }
}
