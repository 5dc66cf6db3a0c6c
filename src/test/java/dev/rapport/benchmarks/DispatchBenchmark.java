package dev.rapport.benchmarks;

import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.platforms.testplatform.TestPlatformConnector;
import dev.rapport.platforms.testplatform.TestPlatformServer;
import dev.rapport.publishing.dispatch.DispatchFixture;
import dev.rapport.publishing.dispatch.DispatchNode;
import dev.rapport.publishing.dispatch.DispatchSettings;
import dev.rapport.publishing.dispatch.internal.DbDispatcher;
import dev.rapport.store.Database;
import dev.rapport.store.DatabaseSettings;
import dev.rapport.workspace.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Dispatch under a burst: N posts due within one minute across C channels, against the local test
 * platform with a fixed latency and no idempotency keys. Measures lateness (the platform's create
 * time minus the scheduled time), duplicates and lost posts.
 *
 * <p>Run through {@code scripts/bench-dispatch.sh [h2|postgres|postgres-2nodes]}. Arguments: mode
 * [posts] [channels] [latency-ms] [threads] [polling-ms]. Modes: {@code h2} (one node, embedded),
 * {@code postgres} (one node), {@code postgres-2nodes} (this JVM plus a second node in a child JVM
 * on the same schema). PostgreSQL from {@code RAPPORT_BENCH_POSTGRES_URL}.
 */
public final class DispatchBenchmark {

  /**
   * Production-like liveness: a node is presumed dead after 6 missed 2 s heartbeats. The tests' 300
   * ms × 4 made busy nodes on a loaded machine look dead, so that their rows were revived and run
   * again elsewhere (harmless — the guarded claim no-ops — but slow).
   */
  static final int HEARTBEAT_MS = 2000;

  private DispatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "h2";
    int posts = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int channels = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int latencyMs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : 16;
    int pollingMs = args.length > 5 ? Integer.parseInt(args[5]) : 100;
    Duration window = Duration.ofMinutes(1);
    String loadBefore = load();

    DatabaseSettings settings;
    if (mode.equals("h2")) {
      settings =
          new DatabaseSettings(
              "jdbc:h2:file:"
                  + Files.createTempDirectory("rapport-bench-dispatch").resolve("rapport"),
              "sa",
              "",
              threads + 4,
              null);
    } else {
      String url =
          System.getenv()
              .getOrDefault(
                  "RAPPORT_BENCH_POSTGRES_URL",
                  "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
      String schema =
          "rapport_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      settings = new DatabaseSettings(url, "", "", threads + 4, schema);
    }

    Process second = null;
    try (TestPlatformServer server =
            TestPlatformServer.start(false).latency(Duration.ofMillis(latencyMs));
        DispatchFixture f = new DispatchFixture(Database.open(settings), "bench", channels)) {
      f.connectAll(server);
      // Setup (creating and scheduling the posts, starting a second node) happens before T0.
      Instant t0 = Instant.now().plusSeconds(mode.equals("h2") ? 60 : 75);
      long setupStart = System.nanoTime();
      List<NewPost> batch = new ArrayList<>();
      for (int i = 0; i < posts; i++) {
        Instant at = t0.plusNanos(window.toNanos() * i / posts);
        batch.add(
            new NewPost(
                null,
                "bench " + i,
                PostState.SCHEDULED,
                "bench-" + i,
                List.of(
                    new NewPost.NewVariant(
                        f.channels.get(i % channels).id(),
                        "bench " + i,
                        PostState.SCHEDULED,
                        at,
                        null,
                        null,
                        null,
                        null))));
      }
      long[] ids = f.rapport.posts().create(f.workspace.id(), batch);
      Map<Long, Instant> due = new LinkedHashMap<>();
      Map<String, Instant> dueByText = new HashMap<>();
      List<Long> variantIds = new ArrayList<>();
      for (var v : f.rapport.posts().variantsOf(f.workspace.id(), ids)) {
        due.put(v.id(), v.scheduledAt());
        dueByText.put(v.body(), v.scheduledAt());
        variantIds.add(v.id());
      }
      DispatchSettings node =
          DispatchSettings.quick("bench-a")
              .withThreads(threads, Duration.ofMillis(pollingMs))
              .withHeartbeat(Duration.ofMillis(HEARTBEAT_MS), 6);
      DbDispatcher a =
          f.dispatcher(
              TestPlatformConnector.unpaced(Platform.MASTODON, false, Duration.ofSeconds(5)), node);
      a.scheduleNew(due);
      if (mode.equals("postgres-2nodes")) {
        second = startNode(settings, server, threads, pollingMs);
      }
      a.start();
      double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
      if (Instant.now().isAfter(t0)) {
        throw new IllegalStateException(
            "setup took " + setupSeconds + " s, past T0; the figures would be meaningless");
      }
      System.err.printf("setup %.1f s; posts due from %s for %s%n", setupSeconds, t0, window);

      Map<Long, DispatchFixture.Row> rows;
      try {
        rows =
            f.awaitSettled(
                variantIds, Duration.between(Instant.now(), t0).plus(window).plusMinutes(5));
      } catch (AssertionError e) {
        System.err.println(e.getMessage());
        rows = f.rows();
      }
      String loadAfter = load();
      a.close();
      // Which node made each final attempt (the outbox keeps the node of the latest attempt).
      Map<String, Integer> byNode =
          f.db.transaction(
              c -> {
                Map<String, Integer> m = new java.util.TreeMap<>();
                try (var st = c.createStatement();
                    var rs =
                        st.executeQuery(
                            "SELECT node, COUNT(*) FROM dispatch_outbox GROUP BY node")) {
                  while (rs.next()) {
                    m.merge(
                        rs.getString(1).replaceAll("-[0-9a-f]{6}$", ""),
                        rs.getInt(2),
                        Integer::sum);
                  }
                }
                return m;
              });

      Map<String, List<Instant>> created = new HashMap<>();
      for (TestPlatformServer.Created c : server.created()) {
        created.computeIfAbsent(c.text(), k -> new ArrayList<>()).add(c.at());
      }
      long duplicates = 0;
      long[] lateness = new long[dueByText.size()];
      int n = 0;
      for (var e : dueByText.entrySet()) {
        List<Instant> times = created.get(e.getKey());
        if (times == null) {
          continue;
        }
        duplicates += times.size() - 1;
        Instant first = times.stream().min(Instant::compareTo).orElseThrow();
        lateness[n++] = Duration.between(e.getValue(), first).toMillis();
      }
      long lost = dueByText.size() - n;
      long notPublished =
          rows.values().stream().filter(r -> r.state() != PostState.PUBLISHED).count();
      long[] l = Arrays.copyOf(lateness, n);
      Arrays.sort(l);
      System.out.printf(
          "{\"mode\":\"%s\",\"posts\":%d,\"channels\":%d,\"latencyMs\":%d,\"threads\":%d,"
              + "\"pollingMs\":%d,\"p50Ms\":%d,\"p90Ms\":%d,\"p99Ms\":%d,\"maxMs\":%d,"
              + "\"duplicates\":%d,\"lost\":%d,\"notPublished\":%d,\"loadBefore\":\"%s\","
              + "\"loadAfter\":\"%s\",\"byNode\":\"%s\"}%n",
          mode,
          posts,
          channels,
          latencyMs,
          threads,
          pollingMs,
          pct(l, 50),
          pct(l, 90),
          pct(l, 99),
          l.length == 0 ? -1 : l[l.length - 1],
          duplicates,
          lost,
          notPublished,
          loadBefore,
          loadAfter,
          byNode);
    } finally {
      if (second != null) {
        second.destroyForcibly();
        second.waitFor();
      }
      if (settings.schema() != null) {
        try (var c = DriverManager.getConnection(settings.url());
            var s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + settings.schema() + " CASCADE");
        }
      }
    }
  }

  private static Process startNode(
      DatabaseSettings s, TestPlatformServer server, int threads, int pollingMs) throws Exception {
    Path log = Path.of("target", "bench", "dispatch-node-b.log");
    Files.createDirectories(log.getParent());
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            DispatchNode.class.getName(),
            s.url(),
            s.schema(),
            server.uri().toString(),
            "bench-b",
            "bench",
            Integer.toString(threads),
            "false",
            Integer.toString(pollingMs),
            Integer.toString(HEARTBEAT_MS));
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }

  private static long pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(i, sorted.length - 1))];
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
