package dev.rapport.people;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.Verdict;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the focus list behaves as the audience grows: a synthetic workspace of {@code
 * rapport.focusPersons} persons (default 20,000) with 10 engagements each over a year, then the
 * first (full) refresh, a warm refresh with nothing new, and the warm read. Slow: runs only with
 * {@code -Drapport.slowTests=true}; prints its figures for docs/people.md.
 */
@EnabledIfSystemProperty(named = "rapport.slowTests", matches = "true")
class FocusScaleTest {

  static final Instant AS_OF = Instant.parse("2026-06-17T12:00:00Z");

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void focusListReadStaysFastAsTheAudienceGrows(TestDatabases.Kind kind) {
    int persons = Integer.getInteger("rapport.focusPersons", 20_000);
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(AS_OF, ZoneOffset.UTC))) {
      Workspace ws = r.workspaces().create("big", "Big", ZoneId.of("UTC"), TargetAudience.NONE);
      Channel ch = r.workspaces().addChannel(ws.id(), Platform.BLUESKY, "big.test", "Big");
      Random random = new Random(42);
      long t0 = System.nanoTime();
      for (int from = 0; from < persons; from += 10_000) {
        int to = Math.min(persons, from + 10_000);
        List<IdentityKey> keys = new ArrayList<>();
        for (int i = from; i < to; i++) {
          keys.add(new IdentityKey(Platform.BLUESKY, "did:" + i, "u" + i, "U" + i));
        }
        long[] ids = r.people().resolve(ws.id(), keys);
        Category[] cats = {Category.REAL_PERSON, Category.REAL_PERSON, Category.SUSPICIOUS};
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
          verdicts.add(new Verdict(cats[i % 3], 0.9, 1.0, List.of("synthetic"), "test"));
        }
        r.people().recordVerdicts(ws.id(), ids, verdicts, AS_OF);
        r.people().follow(ws.id(), ch.id(), Arrays.copyOf(ids, ids.length / 2), AS_OF);
        List<Engagement> events = new ArrayList<>();
        EngagementKind[] kinds = {
          EngagementKind.LIKE,
          EngagementKind.LIKE,
          EngagementKind.LIKE,
          EngagementKind.REPLY,
          EngagementKind.REPOST,
          EngagementKind.CLICK,
          EngagementKind.MENTION
        };
        for (int i = 0; i < ids.length; i++) {
          for (int e = 0; e < 10; e++) {
            events.add(
                new Engagement(
                    ids[i],
                    ch.id(),
                    null,
                    kinds[random.nextInt(kinds.length)],
                    AS_OF.minus(Duration.ofMinutes(random.nextInt(365 * 24 * 60))),
                    "synthetic",
                    "e" + (from + i) + "-" + e));
          }
        }
        r.ledger().ingest(ws.id(), events);
      }
      long setupMs = (System.nanoTime() - t0) / 1_000_000;
      long t1 = System.nanoTime();
      FocusList.Refresh first = r.focus().refresh(ws.id(), AS_OF);
      long firstMs = (System.nanoTime() - t1) / 1_000_000;
      long t2 = System.nanoTime();
      FocusList.Refresh warm = r.focus().refresh(ws.id(), AS_OF.plusSeconds(60));
      long warmRefreshMs = (System.nanoTime() - t2) / 1_000_000;
      r.focus().today(ws.id(), FocusList.DEFAULT_LIMIT);
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 5; i++) {
        long t = System.nanoTime();
        List<FocusItem> items = r.focus().today(ws.id(), FocusList.DEFAULT_LIMIT);
        best = Math.min(best, System.nanoTime() - t);
        assertThat(items).hasSize(FocusList.DEFAULT_LIMIT);
      }
      long t3 = System.nanoTime();
      Stages.Run stages = r.stages().recompute(ws.id(), AS_OF);
      long stagesMs = (System.nanoTime() - t3) / 1_000_000;
      long t4 = System.nanoTime();
      Stages.Run stagesWarm = r.stages().recompute(ws.id(), AS_OF.plusSeconds(60));
      long stagesWarmMs = (System.nanoTime() - t4) / 1_000_000;
      System.out.printf(
          "FOCUS-SCALE %s persons=%d engagements=%d setup=%dms firstRefresh=%dms (examined %d,"
              + " listed %d) warmRefresh=%dms (examined %d) warmRead=%.1fms stagesFirst=%dms"
              + " (changed %d) stagesWarm=%dms (examined %d)%n",
          r.database().dialect(),
          persons,
          persons * 10L,
          setupMs,
          firstMs,
          first.examined(),
          first.onList(),
          warmRefreshMs,
          warm.examined(),
          best / 1e6,
          stagesMs,
          stages.changed(),
          stagesWarmMs,
          stagesWarm.examined());
      assertThat(warm.examined()).isZero();
      assertThat(best).isLessThan(1_000_000_000L);
    }
  }
}
