package dev.rapport.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.Verdict;
import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.people.IdentityKey;
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
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ingests into one workspace from several threads at once (PostgreSQL runs them side by side, H2
 * one after the other), every event sent in two batches that race each other, while the stage
 * refresh keeps reading its watermark: every event is stored once, every rollup equals its
 * recomputation, and the incremental refresh misses nothing.
 */
class ConcurrentIngestTest {

  static final Instant NOW = Instant.parse("2026-06-17T12:00:00Z");
  static final int IDENTITIES = 300;
  static final int BATCHES = 16;
  static final int EVENTS = 4_000;

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void racingBatchesStoreEachEventOnceAndKeepRollupsAndStagesExact(TestDatabases.Kind kind)
      throws Exception {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      Audience a = audience(r, "race", IDENTITIES);
      Workspace w = a.workspace();
      Channel ch = a.channel();
      long[] ids = a.ids();
      long[] variants = variants(r, w.id(), ch.id(), 5);

      SplittableRandom random = new SplittableRandom(7);
      List<Engagement> events = new ArrayList<>();
      EngagementKind[] kinds = {
        EngagementKind.LIKE, EngagementKind.LIKE, EngagementKind.REPLY, EngagementKind.REPOST
      };
      for (int i = 0; i < EVENTS; i++) {
        // Heavy-tailed: a few identities engage in most batches, so batches share rollup rows.
        int who = (int) Math.min(IDENTITIES - 1, Math.abs(random.nextGaussian()) * 40);
        events.add(
            new Engagement(
                ids[who],
                ch.id(),
                variants[random.nextInt(variants.length)],
                kinds[random.nextInt(kinds.length)],
                NOW.minus(Duration.ofHours(random.nextInt(24 * 300))),
                "test",
                "race-" + i));
      }
      // Every event goes into two batches, which the threads below send at about the same time.
      List<List<Engagement>> batches = new ArrayList<>();
      for (int b = 0; b < BATCHES; b++) {
        batches.add(new ArrayList<>());
      }
      for (int i = 0; i < EVENTS; i++) {
        batches.get(i % BATCHES).add(events.get(i));
        batches.get((i + 1) % BATCHES).add(events.get(i));
      }

      ExecutorService pool = Executors.newFixedThreadPool(5);
      AtomicBoolean ingesting = new AtomicBoolean(true);
      try {
        Future<Integer> refreshes =
            pool.submit(
                () -> {
                  int n = 0;
                  while (ingesting.get()) {
                    r.stages().recompute(w.id(), NOW);
                    n++;
                  }
                  return n;
                });
        List<Future<IngestResult>> results = new ArrayList<>();
        for (List<Engagement> batch : batches) {
          results.add(pool.submit(() -> r.ledger().ingest(w.id(), batch)));
        }
        long inserted = 0;
        long received = 0;
        for (Future<IngestResult> f : results) {
          IngestResult result = f.get(2, TimeUnit.MINUTES);
          inserted += result.inserted();
          received += result.received();
        }
        ingesting.set(false);
        assertThat(refreshes.get(2, TimeUnit.MINUTES)).isPositive();

        assertThat(received).isEqualTo(2L * EVENTS);
        assertThat(inserted).isEqualTo(EVENTS);
        assertThat(r.ledger().count(w.id())).isEqualTo(EVENTS);
        Rollups.RollupCheck check = r.rollups().check(w.id());
        assertThat(check.parts())
            .allSatisfy(
                p -> assertThat(p.differences()).as(p.rollup() + " " + p.examples()).isZero());
        // The refresh that ran during the ingests, plus one more, left nothing for a full one.
        r.stages().recompute(w.id(), NOW);
        assertThat(r.stages().recomputeAll(w.id(), NOW).changed()).isZero();
      } finally {
        ingesting.set(false);
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void verdictsChangingWhileTheirEngagersEngageKeepPostRollupsExact(TestDatabases.Kind kind)
      throws Exception {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      Audience a = audience(r, "flip", 40);
      Workspace w = a.workspace();
      Channel ch = a.channel();
      long[] ids = a.ids();
      long[] variants = variants(r, w.id(), ch.id(), 3);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      AtomicBoolean ingesting = new AtomicBoolean(true);
      try {
        // Flips every engager between two verdicts while their likes and replies arrive: each
        // event must end in the bucket of its engager's final verdict.
        Future<Integer> flips =
            pool.submit(
                () -> {
                  int n = 0;
                  while (ingesting.get()) {
                    Category to = n % 2 == 0 ? Category.SUSPICIOUS : Category.REAL_PERSON;
                    r.people()
                        .recordVerdicts(
                            w.id(),
                            ids,
                            Collections.nCopies(
                                ids.length, new Verdict(to, 0.9, 1.0, List.of("test"), "test")),
                            NOW);
                    n++;
                  }
                  return n;
                });
        List<Future<IngestResult>> results = new ArrayList<>();
        for (int b = 0; b < 30; b++) {
          List<Engagement> batch = new ArrayList<>();
          for (int i = 0; i < 200; i++) {
            batch.add(
                new Engagement(
                    ids[(b * 7 + i) % ids.length],
                    ch.id(),
                    variants[i % variants.length],
                    i % 3 == 0 ? EngagementKind.REPLY : EngagementKind.LIKE,
                    NOW.minus(Duration.ofHours(b * 200L + i)),
                    "test",
                    "flip-" + b + "-" + i));
          }
          results.add(pool.submit(() -> r.ledger().ingest(w.id(), batch)));
        }
        long inserted = 0;
        for (Future<IngestResult> f : results) {
          inserted += f.get(2, TimeUnit.MINUTES).inserted();
        }
        ingesting.set(false);
        assertThat(flips.get(2, TimeUnit.MINUTES)).isPositive();
        assertThat(inserted).isEqualTo(30 * 200);
        Rollups.RollupCheck check = r.rollups().check(w.id());
        assertThat(check.parts())
            .allSatisfy(
                p -> assertThat(p.differences()).as(p.rollup() + " " + p.examples()).isZero());
      } finally {
        ingesting.set(false);
        pool.shutdownNow();
      }
    }
  }

  record Audience(Workspace workspace, Channel channel, long[] ids) {}

  /** A workspace with one channel and {@code n} identities. */
  private static Audience audience(Rapport r, String slug, int n) {
    Workspace w = r.workspaces().create(slug, slug, ZoneId.of("UTC"), TargetAudience.NONE);
    Channel ch = r.workspaces().addChannel(w.id(), Platform.BLUESKY, slug + ".test", slug);
    long[] ids =
        r.people()
            .resolve(
                w.id(),
                IntStream.range(0, n)
                    .mapToObj(i -> new IdentityKey(Platform.BLUESKY, "did:" + i, "u" + i, null))
                    .toList());
    return new Audience(w, ch, ids);
  }

  private static long[] variants(Rapport r, long ws, long channel, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long post =
          r.posts()
              .create(
                  ws,
                  List.of(
                      new NewPost(
                          null,
                          "Post " + i,
                          PostState.PUBLISHED,
                          "p" + i,
                          List.of(
                              new NewPost.NewVariant(
                                  channel,
                                  null,
                                  PostState.PUBLISHED,
                                  null,
                                  NOW.minus(Duration.ofDays(300 - i)),
                                  "at://p" + i,
                                  null,
                                  null)))))[0];
      out[i] = r.posts().post(ws, post).orElseThrow().variants().get(0).id();
    }
    return out;
  }
}
