package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.people.IdentityKey;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Workspace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's figures: served from memory within a minute, refreshed after, never stale long.
 */
class DashboardCacheTest {

  @Test
  void figuresAreReusedForAMinuteThenRefreshedInTheBackground() throws InterruptedException {
    TestClock clock = new TestClock();
    try (Rapport r = Rapport.on(TestDatabases.h2(), clock)) {
      Workspace ws = BakeryFixture.build(r, TestServer.NOW);
      DashboardCache cache = new DashboardCache(r.truth(), r.retention(), r.consistency(), clock);
      DashboardCache.Figures first = cache.of(ws.id());
      assertThat(first.summary().customers()).isEqualTo(BakeryFixture.CUSTOMERS);
      assertThat(first.asOf()).isEqualTo(TestServer.NOW);

      // A new customer: within the minute the page still shows the figures it computed.
      long[] ids =
          r.people()
              .resolve(
                  ws.id(), List.of(new IdentityKey(Platform.BLUESKY, "did:new", "new.test", null)));
      long person = r.people().identity(ws.id(), ids[0]).orElseThrow().personId();
      r.people().markCustomers(ws.id(), new long[] {person});
      clock.advance(Duration.ofSeconds(30));
      assertThat(cache.of(ws.id())).isSameAs(first);

      // After a minute the next read still answers at once (old figures) and starts a refresh.
      clock.advance(Duration.ofSeconds(31));
      DashboardCache.Figures next = cache.of(ws.id());
      for (int i = 0; i < 200 && next.summary().customers() == BakeryFixture.CUSTOMERS; i++) {
        Thread.sleep(50);
        next = cache.of(ws.id());
      }
      assertThat(next.summary().customers()).isEqualTo(BakeryFixture.CUSTOMERS + 1);
      assertThat(next.asOf()).isEqualTo(TestServer.NOW.plusSeconds(61));

      // Figures older than the expiry are never served: the read waits for fresh ones.
      r.people()
          .markCustomers(
              ws.id(),
              new long[] {
                r.people()
                    .identity(
                        ws.id(),
                        r.people()
                            .resolve(
                                ws.id(),
                                List.of(
                                    new IdentityKey(
                                        Platform.BLUESKY, "did:two", "two.test", null)))[0])
                    .orElseThrow()
                    .personId()
              });
      clock.advance(DashboardCache.EXPIRE.plusSeconds(1));
      DashboardCache.Figures late = cache.of(ws.id());
      assertThat(late.summary().customers()).isEqualTo(BakeryFixture.CUSTOMERS + 2);
      assertThat(late.asOf()).isEqualTo(clock.instant());
    }
  }
}
