package dev.rapport.reliability;

import dev.rapport.app.Rapport;
import dev.rapport.content.PostState;
import dev.rapport.engagement.Rollups;
import dev.rapport.platforms.testplatform.TestPlatformConnector;
import dev.rapport.platforms.testplatform.TestPlatformServer;
import dev.rapport.publishing.dispatch.DispatchFixture;
import dev.rapport.publishing.dispatch.DispatchSettings;
import dev.rapport.publishing.dispatch.internal.DbDispatcher;
import dev.rapport.store.Database;
import dev.rapport.store.DatabaseSettings;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Kills a working Rapport node ({@link CrashNode}) with SIGKILL at random moments, restarts it, and
 * after every kill checks what the database holds: no import half-applied, no stored audit missing
 * a profile, every rollup equal to its recomputation ({@link Rollups}), no post on the platform
 * twice. After the last restart the node finishes the work and every post must be on the platform
 * exactly once. Each round adds new imports, audits and scheduled posts, so every kill lands in
 * live work. Violations are collected, not thrown, so that a long run reports all of them.
 */
final class CrashHarness {

  /** How hard to push: rounds (kills), sizes, and the seed every random choice comes from. */
  record Settings(
      int kills,
      long seed,
      int itemsPerRound,
      int engagementRows,
      int peopleRows,
      int auditProfiles,
      int postsPerRound,
      int maxDelayMs,
      Duration spread) {

    /** The CI version: a few kills, small files. */
    static Settings quick(int kills, long seed) {
      return new Settings(kills, seed, 1, 1_500, 800, 2_500, 10, 1_500, Duration.ofSeconds(5));
    }

    /** The full run: bigger audits (several write batches each) and more posts in flight. */
    static Settings full(int kills, long seed) {
      return new Settings(kills, seed, 2, 3_000, 1_500, 5_000, 20, 2_500, Duration.ofSeconds(15));
    }
  }

  /** Where one kill landed (aimed at a kind of work, then a delay) and what was in flight. */
  record Kill(
      int round,
      String aim,
      long delayMs,
      String phase,
      int postsPublishing,
      int postsRecordedPublished,
      int postsOnPlatform,
      int auditsInterrupted) {}

  /** What a run found. */
  record Result(
      String database,
      Settings settings,
      List<Kill> kills,
      int imports,
      int audits,
      int halfAppliedImports,
      int variants,
      int publishedOnce,
      int lost,
      int duplicated,
      long rollupChecks,
      long rollupDifferences,
      List<String> violations,
      List<String> childErrors,
      Duration took) {}

  private final DatabaseSettings db;
  private final String label;
  private final Settings settings;
  private final Path dir;
  private final List<String> violations = new ArrayList<>();
  private final List<CrashWorkload.Item> items = new ArrayList<>();
  private final List<Long> variants = new ArrayList<>();
  private long rollupChecks;
  private long rollupDifferences;
  private int halfApplied;

  CrashHarness(DatabaseSettings db, String label, Settings settings, Path dir) {
    this.db = db;
    this.label = label;
    this.settings = settings;
    this.dir = dir;
  }

  Result run() throws Exception {
    long started = System.nanoTime();
    Files.createDirectories(dir);
    Path plan = dir.resolve("plan.txt");
    Files.writeString(plan, "");
    SplittableRandom random = new SplittableRandom(settings.seed());
    List<Kill> kills = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    // Latency keeps calls in flight long enough for kills to catch some.
    try (TestPlatformServer server =
            TestPlatformServer.start(false).latency(Duration.ofMillis(200));
        DispatchFixture posts = new DispatchFixture(Database.open(db), CrashWorkload.POSTS, 4)) {
      Rapport r = posts.rapport;
      CrashWorkload.setUp(r, dir);
      for (int round = 0; round <= settings.kills(); round++) {
        addWork(round, random, plan, posts);
        Path log = dir.resolve("node-" + round + ".log");
        logs.add(log);
        Process node = node(server, plan, log);
        try {
          awaitLine(node, log, "started", Duration.ofSeconds(60));
          if (round < settings.kills()) {
            // Aim each kill at a kind of work in turn, then at a random moment after it began:
            // without aiming, kills pile up in whatever takes longest (a large audit).
            String target = TARGETS[round % TARGETS.length];
            awaitPhase(node, log, target, Duration.ofSeconds(60));
            long delay = random.nextLong(settings.maxDelayMs() + 1L);
            Thread.sleep(delay);
            String phase = phase(log);
            node.destroyForcibly(); // SIGKILL: no shutdown hooks, transactions cut short
            node.waitFor();
            kills.add(afterKill(round, target, delay, phase, r, posts, server));
          } else {
            awaitLine(node, log, "work done", Duration.ofSeconds(300));
            posts.awaitSettled(variants, Duration.ofSeconds(180));
            // Settled means done: a node that still sends a create now would publish twice.
            Thread.sleep(QUIET.toMillis());
          }
        } finally {
          node.destroyForcibly();
          node.waitFor();
        }
      }
      Thread.sleep(QUIET.toMillis()); // requests the last node sent before it died land now
      checkItems(r, true);
      checkRollups(r);
      Map<Long, DispatchFixture.Row> rows = posts.rows();
      List<TestPlatformServer.Created> created = server.created();
      Map<String, Integer> counts = new java.util.HashMap<>();
      created.forEach(p -> counts.merge(p.text(), 1, Integer::sum));
      int lost = 0;
      int once = 0;
      for (long id : variants) {
        DispatchFixture.Row row = rows.get(id);
        int n = counts.getOrDefault(row.body(), 0);
        if (row.state() != PostState.PUBLISHED || n == 0) {
          lost++;
          violations.add(
              "post "
                  + id
                  + " '"
                  + row.body()
                  + "' is "
                  + row.state()
                  + ", "
                  + n
                  + " times on the platform");
        } else if (n == 1) {
          once++;
        }
      }
      int duplicated = (int) counts.values().stream().filter(n -> n > 1).count();
      if (duplicated > 0) {
        violations.add(duplicated + " posts are on the platform more than once");
        describeDuplicates(posts, rows, created, counts);
      }
      if (created.size() != variants.size()) {
        violations.add(
            created.size() + " posts on the platform for " + variants.size() + " scheduled");
        // Name the posts no scheduled variant accounts for, so a stray create can be traced.
        java.util.Set<String> bodies = new java.util.HashSet<>();
        rows.values().forEach(row -> bodies.add(row.body()));
        for (TestPlatformServer.Created c : created) {
          if (!bodies.contains(c.text())) {
            violations.add(
                "unscheduled post on the platform: "
                    + c.id()
                    + " '"
                    + c.text()
                    + "' created at "
                    + c.at()
                    + (c.idempotencyKey() == null ? "" : " with key " + c.idempotencyKey()));
          }
        }
      }
      return new Result(
          label,
          settings,
          kills,
          (int) items.stream().filter(i -> i.kind() != CrashWorkload.Kind.AUDIT).count(),
          (int) items.stream().filter(i -> i.kind() == CrashWorkload.Kind.AUDIT).count(),
          halfApplied,
          variants.size(),
          once,
          lost,
          duplicated,
          rollupChecks,
          rollupDifferences,
          List.copyOf(violations),
          childErrors(logs),
          Duration.ofNanos(System.nanoTime() - started));
    }
  }

  /** New imports and audits appended to the plan, new posts scheduled for now. */
  private void addWork(int round, SplittableRandom random, Path plan, DispatchFixture posts)
      throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < settings.itemsPerRound(); i++) {
      // Kinds in turn, so that every kind meets kills whatever the seed.
      int k = items.size();
      CrashWorkload.Kind kind = CrashWorkload.Kind.values()[k % CrashWorkload.Kind.values().length];
      int rows =
          switch (kind) {
            case ENGAGEMENTS -> settings.engagementRows();
            case PEOPLE -> settings.peopleRows();
            case AUDIT -> settings.auditProfiles();
          };
      CrashWorkload.Item item = CrashWorkload.write(dir, kind, k, rows, random);
      items.add(item);
      lines.append(item.line()).append('\n');
    }
    Files.writeString(plan, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < settings.postsPerRound(); i++) {
      texts.add("round " + round + " post " + i);
    }
    // Due one after the other over the next few seconds, so that posts are in flight whenever a
    // kill
    // lands, not only in the first seconds of a round.
    Instant now = Instant.now();
    List<Instant> due = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      due.add(now.plus(settings.spread().multipliedBy(i).dividedBy(texts.size())));
    }
    List<Long> ids = posts.schedule(texts, posts.channels, due);
    try (DbDispatcher planner =
        posts.dispatcher(
            TestPlatformConnector.unpaced(Platform.MASTODON, false, Duration.ofSeconds(2)),
            DispatchSettings.quick("planner"))) {
      for (int i = 0; i < ids.size(); i++) {
        planner.schedule(posts.workspace.id(), ids.get(i), due.get(i / posts.channels.size()));
      }
    }
    variants.addAll(ids);
  }

  private Kill afterKill(
      int round,
      String aim,
      long delay,
      String phase,
      Rapport r,
      DispatchFixture posts,
      TestPlatformServer server) {
    int interrupted = checkItems(r, false);
    checkRollups(r);
    Map<Long, DispatchFixture.Row> rows = posts.rows();
    int publishing = 0;
    int published = 0;
    for (DispatchFixture.Row row : rows.values()) {
      if (row.state() == PostState.PUBLISHING || row.state() == PostState.UNCONFIRMED) {
        publishing++;
      } else if (row.state() == PostState.PUBLISHED) {
        published++;
      }
    }
    long twice = server.countsByText().values().stream().filter(n -> n > 1).count();
    if (twice > 0) {
      violations.add("after kill " + round + ": " + twice + " posts on the platform twice");
    }
    return new Kill(
        round, aim, delay, phase, publishing, published, server.created().size(), interrupted);
  }

  /**
   * Imports are all or nothing; a stored audit has every profile; an audit cut short has no history
   * entry (its finished batches stay, and rerunning the file completes it). Returns the audits
   * found cut short.
   */
  private int checkItems(Rapport r, boolean finished) {
    int interrupted = 0;
    for (CrashWorkload.Item item : items) {
      long present = CrashWorkload.present(r, item);
      if (item.kind() == CrashWorkload.Kind.AUDIT) {
        long stored = CrashWorkload.audits(r, item);
        if (stored > 1) {
          violations.add(item.name() + " is in the audit history " + stored + " times");
        }
        if (stored == 1) {
          long profiles = CrashWorkload.auditedProfiles(r, item);
          if (present != item.rows() || profiles != item.rows()) {
            violations.add(
                item.name()
                    + " is recorded with "
                    + profiles
                    + " profiles but "
                    + present
                    + " of "
                    + item.rows()
                    + " snapshots are stored");
          }
        } else if (present > 0) {
          interrupted++;
        }
        if (finished && stored != 1) {
          violations.add(item.name() + " never finished");
        }
      } else {
        if (present != 0 && present != item.rows()) {
          halfApplied++;
          violations.add(
              item.name() + " is half-applied: " + present + " of " + item.rows() + " rows");
        }
        if (finished && present != item.rows()) {
          violations.add(item.name() + " never finished: " + present + " of " + item.rows());
        }
      }
    }
    return interrupted;
  }

  private void checkRollups(Rapport r) {
    for (Workspace w : r.workspaces().all()) {
      Rollups.RollupCheck check = r.rollups().check(w.id());
      rollupChecks++;
      if (!check.consistent()) {
        rollupDifferences += check.differences();
        for (Rollups.Part p : check.parts()) {
          if (p.differences() > 0) {
            violations.add(
                w.slug()
                    + " "
                    + p.rollup()
                    + ": "
                    + p.differences()
                    + " differences, e.g. "
                    + p.examples());
          }
        }
      }
    }
  }

  /** How long a settled node is watched for stray creates, and in-flight requests given. */
  static final Duration QUIET = Duration.ofSeconds(3);

  /** For each post on the platform twice: when each copy was created, and the dispatch history. */
  private void describeDuplicates(
      DispatchFixture posts,
      Map<Long, DispatchFixture.Row> rows,
      List<TestPlatformServer.Created> created,
      Map<String, Integer> counts) {
    try (DbDispatcher reader =
        posts.dispatcher(
            TestPlatformConnector.unpaced(Platform.MASTODON, false, Duration.ofSeconds(2)),
            DispatchSettings.quick("reader"))) {
      for (DispatchFixture.Row row : rows.values()) {
        if (counts.getOrDefault(row.body(), 0) < 2) {
          continue;
        }
        StringBuilder s =
            new StringBuilder(
                "twice: variant "
                    + row.id()
                    + " '"
                    + row.body()
                    + "' recorded as "
                    + row.platformPostId()
                    + ", on the platform");
        for (TestPlatformServer.Created c : created) {
          if (c.text().equals(row.body())) {
            s.append(' ').append(c.id()).append('@').append(c.at());
          }
        }
        s.append("; history:");
        for (var e : reader.history(posts.workspace.id(), row.id())) {
          s.append(' ')
              .append(e.at())
              .append(' ')
              .append(e.kind())
              .append(" (")
              .append(e.message())
              .append(')');
        }
        violations.add(s.toString());
      }
    }
  }

  /** The kinds of work kills are aimed at, in turn; "dispatch" is after the imports and audits. */
  static final String[] TARGETS = {"engagements", "people", "audit", "dispatch"};

  /** Waits until the node works on the target kind (or gives up and kills wherever it is). */
  private static void awaitPhase(Process node, Path log, String target, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (node.isAlive() && System.nanoTime() < deadline) {
      String phase = phase(log);
      // With no work of the target kind left, the kill lands in dispatch.
      if (phase.startsWith(target) || phase.equals("dispatch only")) {
        return;
      }
      Thread.sleep(10);
    }
  }

  /** What the node was doing: the last of its begin/end lines. */
  private static String phase(Path log) throws IOException {
    String phase = "starting";
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.equals("started") || line.startsWith("end ")) {
        phase = "between items";
      } else if (line.startsWith("begin ")) {
        phase = line.substring("begin ".length());
      } else if (line.equals("work done")) {
        phase = "dispatch only";
      }
    }
    return phase;
  }

  private static void awaitLine(Process node, Path log, String line, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (Files.exists(log) && Files.readAllLines(log, StandardCharsets.UTF_8).contains(line)) {
        return;
      }
      if (!node.isAlive()) {
        throw new IllegalStateException("the node died before '" + line + "'; see " + log);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no '" + line + "' in " + timeout + "; see " + log);
      }
      Thread.sleep(20);
    }
  }

  /** Lines of the nodes' logs that name an exception or an error. */
  private static List<String> childErrors(List<Path> logs) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path log : logs) {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.contains("Exception") || line.contains("ERROR") || line.contains("Error:")) {
          out.add(log.getFileName() + ": " + line);
        }
      }
    }
    return out;
  }

  private Process node(TestPlatformServer server, Path plan, Path log) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx384m",
            "-cp",
            System.getProperty("java.class.path"),
            CrashNode.class.getName(),
            db.url(),
            db.schema() == null ? "-" : db.schema(),
            server.uri().toString(),
            plan.toString());
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }
}
