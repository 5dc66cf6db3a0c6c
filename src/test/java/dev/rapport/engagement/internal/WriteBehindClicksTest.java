package dev.rapport.engagement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.engagement.Click;
import dev.rapport.engagement.NewLink;
import dev.rapport.engagement.TrackedLink;
import dev.rapport.engagement.TrackedLinks;
import dev.rapport.people.IdentityKey;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WriteBehindClicksTest {

  static final Instant NOW = Instant.parse("2026-06-17T12:00:00Z");

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void everyClickFromManyThreadsIsStoredOnceByClose(TestDatabases.Kind kind) throws Exception {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      Workspace ws = r.workspaces().create("shop", "Shop", ZoneId.of("UTC"), TargetAudience.NONE);
      Channel ch =
          r.workspaces().addChannel(ws.id(), Platform.MASTODON, "@shop@example.social", "Shop");
      long[] ids =
          r.people()
              .resolve(ws.id(), List.of(new IdentityKey(Platform.MASTODON, "77", "ann", "Ann")));
      long person = r.people().identity(ws.id(), ids[0]).orElseThrow().personId();
      TrackedLink general = link(r, ws, ch, null);
      TrackedLink personal = link(r, ws, ch, person);

      // A small queue, so that some callers find it full and write their click themselves.
      WriteBehindClicks clicks = new WriteBehindClicks(r.links(), 64);
      int threads = 4;
      int each = 500;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    TrackedLink link = thread == 0 && i % 50 == 0 ? personal : general;
                    clicks.record(
                        new Click(
                            link, NOW.plusMillis(i), "203.0.113." + thread + "|Firefox", null));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      clicks.close();

      assertThat(clicks.waiting()).isZero();
      long all = r.links().clicks(ws.id(), general.id()) + r.links().clicks(ws.id(), personal.id());
      assertThat(all).isEqualTo(threads * each);
      assertThat(r.links().clicks(ws.id(), personal.id())).isEqualTo(each / 50);
      // Each personal click is one CLICK engagement of the person, none twice.
      assertThat(r.ledger().count(ws.id())).isEqualTo(each / 50);

      // After close a click is still stored: by its caller.
      clicks.record(new Click(general, NOW, "198.51.100.4|Safari", "https://bsky.app/"));
      assertThat(r.links().clicks(ws.id(), general.id())).isEqualTo(threads * each - each / 50 + 1);
    }
  }

  @Test
  void aBatchThatCannotBeWrittenIsLoggedAndTheNextOnesAreStillWritten() {
    FailingOnce links = new FailingOnce();
    WriteBehindClicks clicks = new WriteBehindClicks(links, 1);
    TrackedLink link =
        new TrackedLink(
            1,
            1,
            "abcdEFGH",
            URI.create("https://shop.example/"),
            null,
            null,
            null,
            null,
            null,
            null);
    // Capacity 1 and no writer yet: the first click is queued, later ones may be written by the
    // caller; none of them throws at the visitor.
    for (int i = 0; i < 5; i++) {
      clicks.record(new Click(link, NOW.plusSeconds(i), null, null));
    }
    clicks.close();
    assertThat(links.failed).isEqualTo(1);
    assertThat(links.stored).hasSize(4);
  }

  /** Fails its first write, as a database that is briefly unreachable would. */
  private static final class FailingOnce implements TrackedLinks {
    final List<Click> stored = new ArrayList<>();
    int failed;

    @Override
    public synchronized void recordClicks(List<Click> clicks) {
      if (failed == 0) {
        failed++;
        throw new IllegalStateException("database unreachable");
      }
      stored.addAll(clicks);
    }

    @Override
    public void recordClick(TrackedLink link, Instant at, String visitor, String referrer) {
      recordClicks(List.of(new Click(link, at, visitor, referrer)));
    }

    @Override
    public TrackedLink create(long workspaceId, NewLink link) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TrackedLink> byCode(String code) {
      return Optional.empty();
    }

    @Override
    public List<TrackedLink> forPost(long workspaceId, long postId) {
      return List.of();
    }

    @Override
    public LinkPage list(long workspaceId, int offset, int limit) {
      return new LinkPage(List.of(), 0);
    }

    @Override
    public long clicks(long workspaceId, long linkId) {
      return stored.size();
    }
  }

  private static TrackedLink link(Rapport r, Workspace ws, Channel ch, Long person) {
    return r.links()
        .create(
            ws.id(),
            new NewLink(
                URI.create("https://shop.example/"),
                null,
                ch.id(),
                person,
                "mastodon",
                "social",
                "june"));
  }
}
