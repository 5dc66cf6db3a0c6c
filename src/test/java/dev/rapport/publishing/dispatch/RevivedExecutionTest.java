package dev.rapport.publishing.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.PostState;
import dev.rapport.platforms.testplatform.TestPlatformConnector;
import dev.rapport.platforms.testplatform.TestPlatformServer;
import dev.rapport.publishing.dispatch.internal.DbDispatcher;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scheduler takes a task whose heartbeat is late for a dead node's and runs it again, even on
 * the node that is still running it (db-scheduler does not skip its own executions). On a loaded
 * machine that happens to live tasks; this test makes it happen constantly, on two nodes at once,
 * by ageing every running task's heartbeat the way a starved heartbeat thread would, and checks
 * that every post still reaches the platform exactly once and none is left behind.
 */
class RevivedExecutionTest {

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void liveTasksRunTwiceStillPublishEachPostOnce(TestDatabases.Kind kind) throws Exception {
    int posts = 120;
    try (TestPlatformServer server =
            TestPlatformServer.start(false).latency(Duration.ofMillis(250));
        DispatchFixture f = new DispatchFixture(kind.open(), "revived", 4).connectAll(server)) {
      Instant now = Instant.now();
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < posts / f.channels.size(); i++) {
        texts.add("revived " + i);
      }
      List<Long> ids = f.schedule(texts, f.channels, Collections.nCopies(texts.size(), now));
      DispatchSettings starved =
          DispatchSettings.quick("a")
              .withThreads(6, Duration.ofMillis(20))
              .withHeartbeat(Duration.ofMillis(100), 4);
      try (DbDispatcher a =
              f.dispatcher(
                  TestPlatformConnector.unpaced(Platform.MASTODON, false, Duration.ofSeconds(2)),
                  starved);
          DbDispatcher b =
              f.dispatcher(
                  TestPlatformConnector.unpaced(Platform.MASTODON, false, Duration.ofSeconds(2)),
                  starved.withNodeName("b"))) {
        ids.forEach(id -> a.schedule(f.workspace.id(), id, now));
        a.start();
        b.start();
        Map<Long, DispatchFixture.Row> rows;
        try (Starver starver = new Starver(f)) {
          rows = f.awaitSettled(ids, Duration.ofSeconds(120));
          assertThat(starver.aged).as("heartbeats aged").isPositive();
        }
        Map<PostState, Long> states = new java.util.TreeMap<>();
        rows.values().forEach(r -> states.merge(r.state(), 1L, Long::sum));
        assertThat(states).as("variant states").containsOnlyKeys(PostState.PUBLISHED);
      }
      Map<String, Integer> counts = server.countsByText();
      assertThat(counts).hasSize(posts);
      assertThat(counts.values()).as("posts per text on the platform").containsOnly(1);
      assertThat(server.created()).hasSize(posts);
    }
  }

  /** Ages the heartbeat of every running publish task, as a starved heartbeat thread would. */
  private static final class Starver implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stop;
    volatile long aged;

    Starver(DispatchFixture f) {
      thread =
          new Thread(
              () -> {
                while (!stop) {
                  try {
                    aged +=
                        f.db.transaction(
                            c -> {
                              try (var ps =
                                  c.prepareStatement(
                                      "UPDATE scheduled_tasks SET last_heartbeat = ? WHERE picked"
                                          + " AND task_name = 'publish-variant'")) {
                                ps.setObject(
                                    1,
                                    java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                                        .minusHours(1));
                                return ps.executeUpdate();
                              }
                            });
                    Thread.sleep(40);
                  } catch (InterruptedException e) {
                    return;
                  } catch (RuntimeException e) {
                    // a lock conflict with the scheduler: try again
                  }
                }
              },
              "heartbeat-starver");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      stop = true;
      thread.join();
    }
  }
}
