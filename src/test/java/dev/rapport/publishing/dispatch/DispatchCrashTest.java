package dev.rapport.publishing.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.PostState;
import dev.rapport.platforms.testplatform.TestPlatformConnector;
import dev.rapport.platforms.testplatform.TestPlatformServer;
import dev.rapport.publishing.dispatch.internal.DbDispatcher;
import dev.rapport.store.Database;
import dev.rapport.store.DatabaseSettings;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills a dispatching JVM with SIGKILL in the middle of 1,000 posts, restarts it, and checks on the
 * platform side that every post exists exactly once. The platform has no idempotency keys: only the
 * outbox and the lookup after restart stand between a crash and a duplicate.
 */
class DispatchCrashTest {

  static final int POSTS = 1000;

  static Stream<Named<DatabaseSettings>> databases() throws Exception {
    List<Named<DatabaseSettings>> out = new ArrayList<>();
    Path dir = Files.createTempDirectory("rapport-crash");
    // AUTO_SERVER: this JVM serves the file to the child over TCP, so the child's death leaves the
    // database intact, like a PostgreSQL server outliving a Rapport node.
    out.add(
        Named.of(
            "H2 file (AUTO_SERVER)",
            new DatabaseSettings(
                "jdbc:h2:file:" + dir.resolve("rapport") + ";AUTO_SERVER=TRUE",
                "sa",
                "",
                4,
                null)));
    if (TestDatabases.postgresUrl() != null) {
      out.add(Named.of("PostgreSQL", TestDatabases.postgresSettings()));
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void killedMidDispatchRestartsWithEveryPostExactlyOnce(DatabaseSettings settings)
      throws Exception {
    try (TestPlatformServer server =
            TestPlatformServer.start(false).latency(Duration.ofMillis(40));
        DispatchFixture f = new DispatchFixture(Database.open(settings), "crash", 10)) {
      Instant now = Instant.now();
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < POSTS / f.channels.size(); i++) {
        texts.add("crash " + i);
      }
      List<Long> ids = f.schedule(texts, f.channels, Collections.nCopies(texts.size(), now));
      assertThat(ids).hasSize(POSTS);
      try (DbDispatcher planner =
          f.dispatcher(
              TestPlatformConnector.unpaced(Platform.MASTODON, false, Duration.ofSeconds(2)),
              DispatchSettings.quick("planner"))) {
        ids.forEach(id -> planner.schedule(f.workspace.id(), id, now));
      }

      Process first = node(settings, server, "first");
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (server.created().size() < POSTS / 3) {
        assertThat(first.isAlive()).as("the first node is running").isTrue();
        assertThat(System.nanoTime()).as("the first node publishes").isLessThan(deadline);
        Thread.sleep(5);
      }
      first.destroyForcibly(); // SIGKILL: no shutdown hooks, calls in flight are cut
      first.waitFor();
      int onPlatform = server.created().size();
      Map<Long, DispatchFixture.Row> atCrash = f.rows();
      long published =
          atCrash.values().stream().filter(r -> r.state() == PostState.PUBLISHED).count();
      long inFlight =
          atCrash.values().stream().filter(r -> r.state() == PostState.PUBLISHING).count();
      // The crash caught calls the platform had processed but Rapport had not yet recorded.
      assertThat(onPlatform).isGreaterThan((int) published);
      assertThat(inFlight).isPositive();
      assertThat(published).isLessThan(POSTS);

      Process second = node(settings, server, "second");
      try {
        Map<Long, DispatchFixture.Row> rows = f.awaitSettled(ids, Duration.ofSeconds(180));
        assertThat(rows.values()).allMatch(r -> r.state() == PostState.PUBLISHED);
      } finally {
        second.destroyForcibly();
        second.waitFor();
      }
      Map<String, Integer> counts = server.countsByText();
      assertThat(server.created()).hasSize(POSTS);
      assertThat(counts).hasSize(POSTS);
      assertThat(counts.values()).containsOnly(1);
      // The interrupted calls were looked up, not sent again.
      long recovered;
      try (DbDispatcher reader =
          f.dispatcher(
              TestPlatformConnector.unpaced(Platform.MASTODON, false, Duration.ofSeconds(1)),
              DispatchSettings.quick("reader"))) {
        recovered =
            ids.stream()
                .filter(
                    id ->
                        reader.history(f.workspace.id(), id).stream()
                            .anyMatch(e -> e.kind().equals("recovered")))
                .count();
      }
      System.out.printf(
          "crash test: killed with %d posts on the platform, %d recorded published, %d in flight;"
              + " after restart %d recovered by lookup, %d posts on the platform, none twice%n",
          onPlatform, published, inFlight, recovered, server.created().size());
      assertThat(recovered).isGreaterThanOrEqualTo(inFlight);
    } finally {
      if (settings.schema() != null) {
        TestDatabases.dropSchema(settings);
      }
    }
  }

  private static Process node(DatabaseSettings s, TestPlatformServer server, String name)
      throws Exception {
    Path log = Path.of("target", "dispatch-crash-" + name + ".log");
    Files.createDirectories(log.getParent());
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            DispatchNode.class.getName(),
            s.url(),
            s.schema() == null ? "-" : s.schema(),
            server.uri().toString(),
            name,
            "crash",
            "8");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }
}
