package dev.rapport.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.engagement.NewLink;
import dev.rapport.engagement.TrackedLink;
import dev.rapport.platforms.testplatform.TestPlatformConnector;
import dev.rapport.platforms.testplatform.TestPlatformServer;
import dev.rapport.platforms.testplatform.TestPlatformServer.Fault;
import dev.rapport.publishing.dispatch.DispatchFixture;
import dev.rapport.publishing.dispatch.DispatchSettings;
import dev.rapport.publishing.dispatch.internal.DbDispatcher;
import dev.rapport.store.Database;
import dev.rapport.store.DatabaseSettings;
import dev.rapport.web.WebServer;
import dev.rapport.web.WebSettings;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load and soak: Rapport's real web server on loopback over a fresh database, with concurrent
 * streams at fixed rates — engagement ingest through the API, dashboard page reads with a signed-in
 * session, API reads with a token, tracked-link redirects, and posts scheduled continuously and
 * published by dispatch to the local test platform, which injects faults into a steady share of
 * them (5xx, 429 with Retry-After, timeouts before and after creating, slow creates, dropped
 * connections before and after creating, refusals, and lookup outages).
 *
 * <p>At the end it checks exactly-once on the platform's side (every scheduled variant published
 * once, or failed or unconfirmed with a message and an action; none twice; none still waiting past
 * its time), counts errors that no injected fault explains, and judges heap growth from heap-used
 * samples taken after a full GC. The same run backs {@code SoakTest} (short, in the default build)
 * and {@code scripts/soak.sh} (30 minutes by default).
 *
 * <p>Arguments: [seconds] [jdbc-url|h2]. Prints a human table on stderr and one JSON line on
 * stdout.
 */
public final class SoakBenchmark {

  /** Rates per second of each stream, and the run's bounds. */
  public record Plan(
      Duration duration,
      double ingestPerSecond,
      int eventsPerBatch,
      double dashboardPerSecond,
      double apiPerSecond,
      double redirectsPerSecond,
      double postsPerSecond,
      int channels,
      Duration heapEvery,
      Duration drain) {

    /** The 30-minute soak's rates: modest, steady, well below saturation on two shared cores. */
    public static Plan soak(Duration duration) {
      return new Plan(
          duration, 4, 25, 2, 6, 20, 1, 20, Duration.ofSeconds(10), Duration.ofMinutes(3));
    }

    /** The default build's short run: same streams and faults, fewer seconds. */
    public static Plan quick(Duration duration) {
      return new Plan(
          duration, 4, 10, 2, 5, 10, 4, 8, Duration.ofSeconds(2), Duration.ofSeconds(90));
    }
  }

  /** One load stream's figures. */
  public record StreamResult(
      String name,
      long ok,
      long errors,
      long skipped,
      double perSecond,
      double p50Ms,
      double p95Ms,
      double p99Ms,
      double maxMs,
      List<Double> p95ByQuarterMs) {}

  /** Heap used after a full GC, sampled during the run (after the warm-up). */
  public record Heap(
      int samples,
      double minMb,
      double maxMb,
      double firstQuarterMeanMb,
      double lastQuarterMeanMb,
      double slopeMbPerHour,
      double toleranceMb,
      boolean grows) {}

  /** What happened to the posts scheduled during the run. */
  public record Publishing(
      int scheduled,
      Map<String, Integer> finalStates,
      Map<String, Map<String, Integer>> outcomesByFault,
      Map<String, Long> faultsServed,
      long publishedTwice,
      long publishedButNotSaid,
      long saidPublishedButAbsent,
      long withoutMessage,
      long stuck,
      long unfaultedNotPublished,
      double lateP50Ms,
      double lateP95Ms,
      double lateP99Ms,
      List<String> examples) {

    public long exactlyOnceViolations() {
      return publishedTwice + publishedButNotSaid + saidPublishedButAbsent + withoutMessage + stuck;
    }
  }

  /** The whole run. */
  public record Result(
      String database,
      double seconds,
      List<StreamResult> streams,
      Map<String, Long> unexpectedErrors,
      Publishing publishing,
      Heap heap,
      String loadBefore,
      String loadAfter) {

    public long unexpectedErrorCount() {
      return unexpectedErrors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  /**
   * One fault in every 16 posts per kind, half of all posts clean: a steady rate of every fault a
   * platform or network does to a publish. REJECT is the only one meant to end in 'failed'.
   */
  private static final Fault[] CYCLE = {
    null,
    Fault.ERROR_500,
    null,
    Fault.RATE_LIMITED,
    null,
    Fault.TIMEOUT_BEFORE,
    null,
    Fault.TIMEOUT_AFTER,
    null,
    Fault.SLOW_CREATE,
    null,
    Fault.DROP_BEFORE,
    null,
    Fault.DROP_AFTER,
    null,
    Fault.REJECT
  };

  /** The connector's timeout; the platform holds its timeout faults longer than this. */
  private static final Duration PLATFORM_TIMEOUT = Duration.ofMillis(1500);

  private SoakBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 1800;
    String url =
        args.length > 1
            ? args[1]
            : System.getenv()
                .getOrDefault(
                    "RAPPORT_BENCH_POSTGRES_URL",
                    "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    DatabaseSettings settings;
    if (url.equals("h2")) {
      settings =
          new DatabaseSettings(
              "jdbc:h2:file:" + Files.createTempDirectory("rapport-soak").resolve("rapport"),
              "sa",
              "",
              24,
              null);
    } else {
      String schema =
          "rapport_soak_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      settings = new DatabaseSettings(url, "", "", 24, schema);
    }
    Result r;
    try {
      r = run(settings, Plan.soak(Duration.ofSeconds(seconds)), System.err);
    } finally {
      if (settings.schema() != null) {
        try (var c = DriverManager.getConnection(settings.url());
            var s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + settings.schema() + " CASCADE");
        }
      }
    }
    System.err.println(table(r));
    System.out.println(JSON.writeValueAsString(r));
    System.exit(
        r.unexpectedErrorCount() == 0
                && r.publishing().exactlyOnceViolations() == 0
                && !r.heap().grows()
            ? 0
            : 1);
  }

  /** Runs the soak on a fresh database (the caller drops a PostgreSQL schema after). */
  public static Result run(DatabaseSettings settings, Plan plan, java.io.PrintStream log)
      throws Exception {
    String loadBefore = load();
    String database = settings.schema() == null ? "H2" : "PostgreSQL";
    Map<String, AtomicLong> unexpected = new ConcurrentHashMap<>();
    try (TestPlatformServer platform =
            TestPlatformServer.start(false)
                .latency(Duration.ofMillis(5))
                .hold(PLATFORM_TIMEOUT.plusMillis(700))
                .retryAfterSeconds(1);
        DispatchFixture f = new DispatchFixture(Database.open(settings), "soak", plan.channels())) {
      f.connectAll(platform);
      var rapport = f.rapport;
      long ws = f.workspace.id();
      User manager =
          rapport
              .workspaces()
              .createUser(
                  "soak@rapport.test", "soak", rapport.passwords().hash("a long soak password"));
      rapport.workspaces().grant(ws, manager.id(), Role.MANAGER);
      String token = rapport.apiTokens().issue(ws, manager.id(), "soak", Role.MANAGER).token();
      List<TrackedLink> links = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        links.add(
            rapport
                .links()
                .create(
                    ws,
                    new NewLink(
                        URI.create("https://shop.example/item/" + i),
                        null,
                        null,
                        null,
                        "mastodon",
                        "social",
                        "soak")));
      }

      WebServer web = WebServer.start(rapport, WebSettings.of("127.0.0.1", 0));
      URI base = URI.create("http://127.0.0.1:" + web.port());
      DbDispatcher dispatch =
          f.dispatcher(
              TestPlatformConnector.unpaced(Platform.MASTODON, false, PLATFORM_TIMEOUT),
              DispatchSettings.quick("soak")
                  .withThreads(8, Duration.ofMillis(100))
                  .withHeartbeat(Duration.ofSeconds(2), 6));
      dispatch.start();

      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      HttpClient browser = signIn(base, "soak@rapport.test", "a long soak password");

      long seconds = plan.duration().toSeconds();
      AtomicLong eventSeq = new AtomicLong();
      String[] kinds = {"like", "reply", "repost", "like", "like", "click"};
      Stream ingest =
          new Stream(
              "ingest",
              plan.ingestPerSecond(),
              seconds,
              unexpected,
              () -> {
                ArrayNode events = JSON.createArrayNode();
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < plan.eventsPerBatch(); i++) {
                  ObjectNode e = events.addObject();
                  e.put("eventKey", "soak-" + eventSeq.incrementAndGet());
                  e.put("platform", "mastodon");
                  e.put("userId", "user-" + rnd.nextInt(2000));
                  e.put("handle", "@user" + rnd.nextInt(2000) + "@social.example");
                  e.put("kind", kinds[rnd.nextInt(kinds.length)]);
                  e.put("occurredAt", Instant.now().minusSeconds(rnd.nextInt(3600)).toString());
                  e.put("channel", f.channels.get(rnd.nextInt(f.channels.size())).handle());
                }
                ObjectNode body = JSON.createObjectNode();
                body.set("events", events);
                return http.send(
                        HttpRequest.newBuilder(base.resolve("/api/w/soak/engagements"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .statusCode();
              },
              200);
      Stream dashboard =
          new Stream(
              "dashboard",
              plan.dashboardPerSecond(),
              seconds,
              unexpected,
              () ->
                  browser
                      .send(
                          HttpRequest.newBuilder(base.resolve("/w/soak"))
                              .timeout(Duration.ofSeconds(30))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .statusCode(),
              200);
      // One stream per API read, each at a fifth of the rate, so that a read that slows down as
      // the data grows shows by name.
      Map<String, String> apiReads = new LinkedHashMap<>();
      apiReads.put("api-summary", "/api/w/soak/summary");
      apiReads.put("api-posts", "/api/w/soak/posts?limit=20");
      apiReads.put("api-people", "/api/w/soak/people?limit=20");
      apiReads.put("api-queue", "/api/w/soak/queue");
      apiReads.put("api-links", "/api/w/soak/links");
      List<Stream> api = new ArrayList<>();
      for (var read : apiReads.entrySet()) {
        api.add(
            new Stream(
                read.getKey(),
                plan.apiPerSecond() / apiReads.size(),
                seconds,
                unexpected,
                () ->
                    http.send(
                            HttpRequest.newBuilder(base.resolve(read.getValue()))
                                .header("Authorization", "Bearer " + token)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .statusCode(),
                200));
      }
      Stream redirect =
          new Stream(
              "redirect",
              plan.redirectsPerSecond(),
              seconds,
              unexpected,
              () ->
                  http.send(
                          HttpRequest.newBuilder(
                                  base.resolve(
                                      "/l/"
                                          + links
                                              .get(
                                                  ThreadLocalRandom.current().nextInt(links.size()))
                                              .code()))
                              .header("Referer", "https://social.example/")
                              .timeout(Duration.ofSeconds(30))
                              .build(),
                          HttpResponse.BodyHandlers.discarding())
                      .statusCode(),
              302);

      // Posts: one at a time, due two seconds after it is written, on the channels in turn.
      Map<Long, Fault> faultOf = new ConcurrentHashMap<>();
      Map<Long, String> bodyOf = new ConcurrentHashMap<>();
      AtomicInteger postSeq = new AtomicInteger();
      Stream schedule =
          new Stream(
              "schedule",
              plan.postsPerSecond(),
              seconds,
              unexpected,
              () -> {
                int i = postSeq.getAndIncrement();
                Fault fault = CYCLE[i % CYCLE.length];
                String text = "soak post " + i + (fault == null ? "" : " [" + fault + "]");
                if (fault != null) {
                  platform.inject(text::equals, fault, 1);
                }
                Instant at = Instant.now().plusSeconds(2);
                long post =
                    rapport.posts()
                        .create(
                            ws,
                            List.of(
                                new NewPost(
                                    null,
                                    text,
                                    PostState.SCHEDULED,
                                    "soak-" + i,
                                    List.of(
                                        new NewPost.NewVariant(
                                            f.channels.get(i % f.channels.size()).id(),
                                            text,
                                            PostState.SCHEDULED,
                                            at,
                                            null,
                                            null,
                                            null,
                                            null)))))[0];
                long variant = rapport.posts().variantsOf(ws, new long[] {post}).get(0).id();
                if (fault != null) {
                  faultOf.put(variant, fault);
                }
                bodyOf.put(variant, text);
                dispatch.schedule(ws, variant, at);
                return 0;
              },
              0);
      List<Stream> streams = new ArrayList<>(List.of(ingest, dashboard));
      streams.addAll(api);
      streams.add(redirect);
      streams.add(schedule);

      // Lookup outages: twice a minute the next two lookups answer 503.
      ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2, daemon("soak-tick"));
      ticks.scheduleAtFixedRate(
          () -> platform.inject(t -> true, Fault.LOOKUP_UNAVAILABLE, 2), 15, 30, TimeUnit.SECONDS);

      // A test server may run without autovacuum (the CI one does, for speed); a production one
      // analyzes tables as they grow. Without fresh statistics the planner keeps the plans it
      // made for empty tables (a nested loop over people and identities: seconds per page after
      // a minute), so the soak does what autovacuum would: ANALYZE its own schema every minute.
      if (settings.schema() != null && !autovacuum(f.db)) {
        ticks.scheduleAtFixedRate(() -> analyze(f.db, log), 20, 60, TimeUnit.SECONDS);
      }

      // Heap after a full GC, every few seconds; the first tenth of the run is warm-up.
      int heapCapacity = (int) (seconds / Math.max(1, plan.heapEvery().toSeconds())) + 16;
      double[] heapMb = new double[heapCapacity];
      AtomicInteger heapN = new AtomicInteger();
      long warmUpMs = plan.duration().toMillis() / 10;
      long start = System.nanoTime();
      ticks.scheduleAtFixedRate(
          () -> {
            if ((System.nanoTime() - start) / 1_000_000 < warmUpMs) {
              return;
            }
            System.gc();
            double used =
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
            int n = heapN.getAndIncrement();
            if (n < heapMb.length) {
              heapMb[n] = used;
            }
          },
          plan.heapEvery().toMillis(),
          plan.heapEvery().toMillis(),
          TimeUnit.MILLISECONDS);
      ScheduledExecutorService progress =
          Executors.newSingleThreadScheduledExecutor(daemon("soak"));
      progress.scheduleAtFixedRate(
          () ->
              log.printf(
                  "soak %s %ds: %s; heap samples %d; platform created %d; load %s%n",
                  database,
                  (System.nanoTime() - start) / 1_000_000_000,
                  streams.stream().map(Stream::brief).toList(),
                  heapN.get(),
                  platform.created().size(),
                  load()),
          60,
          60,
          TimeUnit.SECONDS);

      for (Stream s : streams) {
        s.start();
      }
      Thread.sleep(plan.duration().toMillis());
      for (Stream s : streams) {
        s.stop();
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      ticks.shutdownNow();
      progress.shutdownNow();
      String loadAfter = load();

      // Drain: every scheduled variant must settle.
      List<Long> variants = new ArrayList<>(bodyOf.keySet());
      Map<Long, DispatchFixture.Row> rows;
      try {
        rows = f.awaitSettled(variants, plan.drain());
      } catch (AssertionError e) {
        log.println(e.getMessage());
        rows = f.rows();
      }
      dispatch.close();
      web.stop();
      Publishing publishing = publishing(variants, rows, faultOf, platform);
      List<StreamResult> results = new ArrayList<>();
      for (Stream s : streams) {
        results.add(s.result(elapsed));
      }
      Map<String, Long> errors = new TreeMap<>();
      unexpected.forEach((k, v) -> errors.put(k, v.get()));
      if (publishing.unfaultedNotPublished() > 0) {
        errors.put("dispatch: unfaulted post not published", publishing.unfaultedNotPublished());
      }
      return new Result(
          database,
          elapsed,
          results,
          errors,
          publishing,
          heap(Arrays.copyOf(heapMb, Math.min(heapN.get(), heapMb.length)), plan.heapEvery()),
          loadBefore,
          loadAfter);
    }
  }

  private static boolean autovacuum(Database db) {
    return db.transaction(
        c -> {
          try (var st = c.createStatement();
              var rs = st.executeQuery("SHOW autovacuum")) {
            return rs.next() && rs.getString(1).equals("on");
          }
        });
  }

  /** One table at a time, each in its own transaction, so that few locks are held at once. */
  private static void analyze(Database db, java.io.PrintStream log) {
    try {
      List<String> tables =
          db.transaction(
              c -> {
                List<String> out = new ArrayList<>();
                try (var st = c.createStatement();
                    var rs =
                        st.executeQuery(
                            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
                  while (rs.next()) {
                    out.add(rs.getString(1));
                  }
                }
                return out;
              });
      for (String t : tables) {
        db.run(
            c -> {
              try (var st = c.createStatement()) {
                st.execute("ANALYZE \"" + t + "\"");
              }
            });
      }
    } catch (RuntimeException e) {
      log.println("soak: ANALYZE failed: " + e.getMessage());
    }
  }

  private static Publishing publishing(
      List<Long> variants,
      Map<Long, DispatchFixture.Row> rows,
      Map<Long, Fault> faultOf,
      TestPlatformServer platform) {
    Map<String, Integer> counts = platform.countsByText();
    Map<String, Instant> firstCreated = new java.util.HashMap<>();
    for (TestPlatformServer.Created c : platform.created()) {
      firstCreated.merge(c.text(), c.at(), (a, b) -> a.isBefore(b) ? a : b);
    }
    Map<String, Integer> states = new TreeMap<>();
    Map<String, Map<String, Integer>> byFault = new TreeMap<>();
    long twice = 0;
    long notSaid = 0;
    long absent = 0;
    long noMessage = 0;
    long stuck = 0;
    long unfaulted = 0;
    List<String> examples = new ArrayList<>();
    List<Long> late = new ArrayList<>();
    for (long id : variants) {
      DispatchFixture.Row r = rows.get(id);
      int onPlatform = counts.getOrDefault(r.body(), 0);
      Fault fault = faultOf.get(id);
      String state = r.state().name();
      states.merge(state, 1, Integer::sum);
      byFault
          .computeIfAbsent(fault == null ? "none" : fault.name(), k -> new TreeMap<>())
          .merge(state, 1, Integer::sum);
      String problem = null;
      if (onPlatform > 1) {
        twice++;
        problem = "published " + onPlatform + " times";
      }
      switch (r.state()) {
        case PUBLISHED -> {
          if (onPlatform == 0) {
            absent++;
            problem = "said published, not on the platform";
          }
          if (fault == null && firstCreated.containsKey(r.body())) {
            late.add(Duration.between(r.scheduledAt(), firstCreated.get(r.body())).toMillis());
          }
        }
        case FAILED, UNCONFIRMED -> {
          if (r.state() == PostState.FAILED && onPlatform > 0) {
            notSaid++;
            problem = "said failed, but on the platform";
          }
          if (blank(r.failureMessage()) || blank(r.failureAction())) {
            noMessage++;
            problem = r.state() + " without a message and an action";
          }
        }
        default -> {
          stuck++;
          problem = "still " + r.state() + " after the drain";
        }
      }
      if (fault == null && r.state() != PostState.PUBLISHED) {
        unfaulted++;
        if (problem == null) {
          problem = "no fault injected, yet " + r.state() + ": " + r.failureMessage();
        }
      }
      if (problem != null && examples.size() < 10) {
        examples.add("variant " + id + " '" + r.body() + "': " + problem);
      }
    }
    long[] l = late.stream().mapToLong(Long::longValue).sorted().toArray();
    Map<String, Long> served = new TreeMap<>();
    platform.faultsServed().forEach((k, v) -> served.put(k.name(), v));
    return new Publishing(
        variants.size(),
        states,
        byFault,
        served,
        twice,
        notSaid,
        absent,
        noMessage,
        stuck,
        unfaulted,
        pct(l, 50),
        pct(l, 95),
        pct(l, 99),
        examples);
  }

  /**
   * Growth is judged on the mean of the last quarter of samples against the first quarter's: more
   * than max(16 MB, 10 %) is growth. A full GC before each sample leaves only live data, so what
   * remains is what the application holds; the harness itself keeps under 1 MB per 30 minutes (the
   * platform's list of posts, one fault rule per faulted post).
   */
  static Heap heap(double[] mb, Duration every) {
    int n = mb.length;
    if (n < 4) {
      return new Heap(n, 0, 0, 0, 0, 0, 0, false);
    }
    int q = n / 4;
    double first = mean(Arrays.copyOfRange(mb, 0, q));
    double last = mean(Arrays.copyOfRange(mb, n - q, n));
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      double x = i * every.toMillis() / 3_600_000.0;
      sx += x;
      sy += mb[i];
      sxx += x * x;
      sxy += x * mb[i];
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double tolerance = Math.max(16, first * 0.10);
    return new Heap(
        n,
        round(Arrays.stream(mb).min().orElse(0)),
        round(Arrays.stream(mb).max().orElse(0)),
        round(first),
        round(last),
        round(slope),
        round(tolerance),
        last - first > tolerance);
  }

  /** The JSON figures as a table for people. */
  public static String table(Result r) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "Soak on %s, %.0f s (load before %s, after %s)%n",
            r.database(), r.seconds(), r.loadBefore(), r.loadAfter()));
    b.append(
        String.format(
            "%-11s %8s %6s %7s %8s %8s %8s %8s %8s  %s%n",
            "stream",
            "ok",
            "errors",
            "skipped",
            "per s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "max ms",
            "p95 by quarter"));
    for (StreamResult s : r.streams()) {
      b.append(
          String.format(
              "%-11s %8d %6d %7d %8.2f %8.1f %8.1f %8.1f %8.1f  %s%n",
              s.name(),
              s.ok(),
              s.errors(),
              s.skipped(),
              s.perSecond(),
              s.p50Ms(),
              s.p95Ms(),
              s.p99Ms(),
              s.maxMs(),
              s.p95ByQuarterMs()));
    }
    Publishing p = r.publishing();
    b.append(
        String.format(
            "posts scheduled %d; final states %s; faults served %s%n",
            p.scheduled(), p.finalStates(), p.faultsServed()));
    b.append(String.format("outcomes by injected fault: %s%n", p.outcomesByFault()));
    b.append(
        String.format(
            "exactly-once: twice %d, failed-but-published %d, published-but-absent %d,"
                + " without message %d, stuck %d => %s%n",
            p.publishedTwice(),
            p.publishedButNotSaid(),
            p.saidPublishedButAbsent(),
            p.withoutMessage(),
            p.stuck(),
            p.exactlyOnceViolations() == 0 ? "HOLDS" : "VIOLATED"));
    b.append(
        String.format(
            "publish lateness (unfaulted): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms%n",
            p.lateP50Ms(), p.lateP95Ms(), p.lateP99Ms()));
    for (String e : p.examples()) {
      b.append("  ").append(e).append(System.lineSeparator());
    }
    b.append(String.format("unexpected errors: %s%n", r.unexpectedErrors()));
    Heap h = r.heap();
    b.append(
        String.format(
            "heap after GC: %d samples, min %.1f MB, max %.1f MB, first quarter %.1f MB,"
                + " last quarter %.1f MB, slope %.1f MB/h, tolerance %.1f MB => %s%n",
            h.samples(),
            h.minMb(),
            h.maxMb(),
            h.firstQuarterMeanMb(),
            h.lastQuarterMeanMb(),
            h.slopeMbPerHour(),
            h.toleranceMb(),
            h.grows() ? "GROWS" : "flat"));
    return b.toString();
  }

  /** Signs in through the login form; the returned client keeps the session cookie. */
  private static HttpClient signIn(URI base, String email, String password)
      throws IOException, InterruptedException {
    HttpClient c =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String page =
        c.send(
                HttpRequest.newBuilder(base.resolve("/login")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = CSRF.matcher(page);
    if (!m.find()) {
      throw new IllegalStateException("no CSRF token on the login page");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("csrf", m.group(1));
    form.put("email", email);
    form.put("password", password);
    form.put("next", "/");
    StringBuilder body = new StringBuilder();
    for (var e : form.entrySet()) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    int status =
        c.send(
                HttpRequest.newBuilder(base.resolve("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode();
    if (status != 303) {
      throw new IllegalStateException("sign-in answered " + status);
    }
    return c;
  }

  /** A request that answers a status (0 for work that is not HTTP). */
  @FunctionalInterface
  interface Call {
    int call() throws Exception;
  }

  /**
   * One stream at a fixed rate: a ticker hands each tick to a small pool; a tick that finds the
   * pool and its queue full is counted as skipped rather than queued without bound. Latencies go
   * into arrays sized for the run up front, so the harness does not grow the heap it measures.
   */
  private static final class Stream {
    private final String name;
    private final double rate;
    private final Map<String, AtomicLong> unexpected;
    private final Call call;
    private final int expected;
    private final int[] micros;
    private final int[] atSecond;
    private final AtomicInteger n = new AtomicInteger();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService ticker;
    private final long seconds;
    private volatile long startNanos;

    Stream(
        String name,
        double rate,
        long seconds,
        Map<String, AtomicLong> unexpected,
        Call call,
        int expected) {
      this.name = name;
      this.rate = rate;
      this.seconds = seconds;
      this.unexpected = unexpected;
      this.call = call;
      this.expected = expected;
      int capacity = (int) Math.min(50_000_000, Math.ceil(rate * seconds * 1.05) + 64);
      this.micros = new int[capacity];
      this.atSecond = new int[capacity];
      this.pool =
          new ThreadPoolExecutor(
              4,
              4,
              1,
              TimeUnit.MINUTES,
              new ArrayBlockingQueue<>(8),
              daemon("soak-" + name),
              new ThreadPoolExecutor.AbortPolicy());
      this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("soak-tick-" + name));
    }

    void start() {
      startNanos = System.nanoTime();
      long period = (long) (1_000_000_000L / rate);
      ticker.scheduleAtFixedRate(
          () -> {
            try {
              pool.execute(this::once);
            } catch (RejectedExecutionException e) {
              skipped.incrementAndGet();
            }
          },
          0,
          period,
          TimeUnit.NANOSECONDS);
    }

    private void once() {
      long t0 = System.nanoTime();
      String error;
      try {
        int status = call.call();
        error = status == expected ? null : "HTTP " + status;
      } catch (Exception e) {
        error = e.getClass().getSimpleName();
      }
      long t1 = System.nanoTime();
      if (error != null) {
        errors.incrementAndGet();
        unexpected.computeIfAbsent(name + ": " + error, k -> new AtomicLong()).incrementAndGet();
        return;
      }
      ok.incrementAndGet();
      int i = n.getAndIncrement();
      if (i < micros.length) {
        micros[i] = (int) Math.min(Integer.MAX_VALUE, (t1 - t0) / 1000);
        atSecond[i] = (int) ((t0 - startNanos) / 1_000_000_000L);
      }
    }

    void stop() throws InterruptedException {
      ticker.shutdownNow();
      pool.shutdown();
      if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    }

    String brief() {
      return name + " " + ok.get() + " ok/" + errors.get() + " err/" + skipped.get() + " skip";
    }

    StreamResult result(double elapsed) {
      int count = Math.min(n.get(), micros.length);
      long[] all = new long[count];
      List<List<Long>> quarters =
          List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (int i = 0; i < count; i++) {
        all[i] = micros[i];
        int q = (int) Math.min(3, atSecond[i] * 4L / Math.max(1, seconds));
        quarters.get(q).add((long) micros[i]);
      }
      Arrays.sort(all);
      List<Double> byQuarter = new ArrayList<>();
      for (List<Long> q : quarters) {
        long[] a = q.stream().mapToLong(Long::longValue).sorted().toArray();
        byQuarter.add(round(pct(a, 95) / 1000.0));
      }
      return new StreamResult(
          name,
          ok.get(),
          errors.get(),
          skipped.get(),
          round(ok.get() / elapsed),
          round(pct(all, 50) / 1000.0),
          round(pct(all, 95) / 1000.0),
          round(pct(all, 99) / 1000.0),
          round(count == 0 ? 0 : all[count - 1] / 1000.0),
          byQuarter);
    }
  }

  private static double pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(i, sorted.length - 1))];
  }

  private static double mean(double[] a) {
    return Arrays.stream(a).average().orElse(0);
  }

  private static double round(double d) {
    return Math.round(d * 10) / 10.0;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
