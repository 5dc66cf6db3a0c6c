package dev.rapport.reliability;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.AuditSink;
import dev.rapport.authenticity.Auditor;
import dev.rapport.authenticity.ModelScorer;
import dev.rapport.authenticity.ReadOptions;
import dev.rapport.authenticity.RuleBaseline;
import dev.rapport.authenticity.TargetAudience;
import dev.rapport.imports.CsvImporter;
import dev.rapport.imports.ImportKind;
import dev.rapport.imports.ImportOutcome;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The work the crash harness gives its child: CSV imports of engagements and people and stored
 * audits of profile files, each written to a file with a marker (event keys, user ids, the audit's
 * subject and observation time) that tells from the database whether it is absent, complete or
 * half-applied. Engagements and audits share their accounts, so audits move engagements between
 * verdict buckets of the rollups.
 */
final class CrashWorkload {

  static final String DATA = "crash-data";
  static final String POSTS = "crash-posts";
  static final String CHANNEL = "brand";
  static final int POSTS_IMPORTED = 30;
  static final int ENGAGERS = 6_000;
  static final Instant OBSERVED = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  private CrashWorkload() {}

  /** What one item is: an engagements or people import, or a stored audit. */
  enum Kind {
    ENGAGEMENTS,
    PEOPLE,
    AUDIT
  }

  /** One piece of work; a line of the plan file. */
  record Item(Kind kind, int k, int rows, Path file) {

    String name() {
      return kind.name().toLowerCase(Locale.ROOT) + "-" + k;
    }

    String line() {
      return kind + " " + k + " " + rows + " " + file;
    }

    static Item parse(String line) {
      String[] p = line.split(" ", 4);
      return new Item(
          Kind.valueOf(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Path.of(p[3]));
    }

    /** When an audit's profiles are observed: one instant per audit, so its snapshots count. */
    Instant observed() {
      return OBSERVED.plusSeconds(3600L * k);
    }
  }

  /** The data workspace, its channel and the posts engagements refer to. */
  static void setUp(Rapport r, Path dir) throws IOException {
    Workspace w =
        r.workspaces()
            .create(
                DATA, "Crash data", ZoneId.of("UTC"), dev.rapport.workspace.TargetAudience.NONE);
    r.workspaces().addChannel(w.id(), Platform.X, CHANNEL, "Brand");
    Path posts = dir.resolve("posts.csv");
    try (PrintWriter out = writer(posts)) {
      out.println("post_key,channel,text,published_at,followers_at_publish");
      for (int i = 0; i < POSTS_IMPORTED; i++) {
        out.printf(
            Locale.ROOT,
            "p%d,%s,Post number %d about sourdough,%s,5000%n",
            i,
            CHANNEL,
            i,
            NOW.minusSeconds(86_400L * (POSTS_IMPORTED - i) * 4));
      }
    }
    ImportOutcome o = importer(r).importFile(w.id(), ImportKind.POSTS, posts, n -> {});
    if (!(o instanceof ImportOutcome.Imported)) {
      throw new IllegalStateException("posts import refused: " + o);
    }
  }

  static Item write(Path dir, Kind kind, int k, int rows, SplittableRandom random)
      throws IOException {
    Path file =
        dir.resolve(
            kind.name().toLowerCase(Locale.ROOT)
                + "-"
                + k
                + (kind == Kind.AUDIT ? ".jsonl" : ".csv"));
    try (PrintWriter out = writer(file)) {
      switch (kind) {
        case ENGAGEMENTS -> engagements(out, k, rows, random);
        case PEOPLE -> people(out, k, rows, random);
        case AUDIT -> profiles(out, k, rows, random);
      }
    }
    return new Item(kind, k, rows, file);
  }

  private static final String[] KINDS = {
    "like", "like", "like", "reply", "repost", "click", "follow", "quote"
  };

  private static void engagements(PrintWriter out, int k, int rows, SplittableRandom random) {
    out.println("event_key,platform,user_id,handle,kind,occurred_at,post_key");
    for (int i = 0; i < rows; i++) {
      int who = random.nextInt(ENGAGERS);
      int post = random.nextInt(POSTS_IMPORTED);
      String kind = KINDS[random.nextInt(KINDS.length)];
      // Some follows are not about a post; every other kind is.
      String postKey = kind.equals("follow") && random.nextBoolean() ? "" : "p" + post;
      out.printf(
          Locale.ROOT,
          "imp%d-%d,x,u%d,user%d,%s,%s,%s%n",
          k,
          i,
          who,
          who,
          kind,
          NOW.minusSeconds(random.nextLong(86_400L * 7 * 20)),
          postKey);
    }
  }

  private static void people(PrintWriter out, int k, int rows, SplittableRandom random) {
    out.println("platform,user_id,handle,display_name,follows_channel");
    for (int i = 0; i < rows; i++) {
      // New people (the marker) and, now and then, a known engager starting to follow.
      out.printf(
          Locale.ROOT,
          "x,pk%d-%d,pk%d_%d,Person %d,%s%n",
          k,
          i,
          k,
          i,
          i,
          random.nextInt(3) == 0 ? "" : CHANNEL);
      if (random.nextInt(4) == 0) {
        int who = random.nextInt(ENGAGERS);
        out.printf(Locale.ROOT, "x,u%d,user%d,,%s%n", who, who, CHANNEL);
      }
    }
  }

  private static final String[] CREATED = {
    "Tue Mar 17 08:51:12 +0000 2009", "Fri Jun 01 10:00:00 +0000 2018",
    "Mon Jan 02 12:00:00 +0000 2023", "Wed May 10 09:00:00 +0000 2025"
  };

  /** Twitter user objects; known engagers (distinct) and new accounts of this audit. */
  private static void profiles(PrintWriter out, int k, int rows, SplittableRandom random) {
    java.util.Set<Integer> engagers = new java.util.HashSet<>();
    for (int i = 0; i < rows; i++) {
      String id;
      if (random.nextBoolean() && engagers.size() < ENGAGERS / 2) {
        int who;
        do {
          who = random.nextInt(ENGAGERS);
        } while (!engagers.add(who));
        id = "u" + who;
      } else {
        id = "ak" + k + "-" + i;
      }
      boolean botty = random.nextInt(4) == 0;
      out.printf(
          Locale.ROOT,
          "{\"id_str\":\"%s\",\"screen_name\":\"%s\",\"name\":\"%s\",\"description\":\"%s\","
              + "\"followers_count\":%d,\"friends_count\":%d,\"statuses_count\":%d,"
              + "\"favourites_count\":%d,\"listed_count\":%d,\"verified\":false,"
              + "\"default_profile\":%b,\"default_profile_image\":%b,\"protected\":false,"
              + "\"created_at\":\"%s\"}%n",
          id,
          id.replace('-', '_'),
          botty ? "" : "Name " + i,
          botty ? "" : "Baker in Lyon, bread and pastry",
          botty ? random.nextInt(5) : random.nextInt(5_000),
          botty ? 2_000 + random.nextInt(5_000) : random.nextInt(800),
          botty ? random.nextInt(3) : random.nextInt(20_000),
          random.nextInt(3_000),
          random.nextInt(20),
          botty,
          botty,
          CREATED[random.nextInt(CREATED.length)]);
    }
  }

  /** Runs one item to its end (the child calls this; the harness kills it whenever it likes). */
  static void run(Rapport r, Item item) {
    Workspace w = r.workspaces().bySlug(DATA).orElseThrow();
    switch (item.kind()) {
      case ENGAGEMENTS, PEOPLE -> {
        ImportOutcome o =
            importer(r)
                .importFile(
                    w.id(),
                    item.kind() == Kind.PEOPLE ? ImportKind.PEOPLE : ImportKind.ENGAGEMENTS,
                    item.file(),
                    n -> {});
        if (!(o instanceof ImportOutcome.Imported)) {
          throw new IllegalStateException(item.name() + " refused: " + o);
        }
      }
      case AUDIT -> {
        Channel ch = r.workspaces().channels(w.id()).get(0);
        ModelScorer scorer = ModelScorer.load();
        // As rapport audit -w W --channel C --observed-at stores it (AuditCommand).
        Auditor auditor =
            new Auditor(
                scorer,
                2,
                new ReadOptions(0, item.observed()),
                TargetAudience.none(),
                item.observed(),
                true);
        AuditSink sink = r.audits().start(w.id(), ch.id());
        Auditor.Outcome o = auditor.run(List.of(item.file()), sink, b -> {});
        sink.completed(o.audit().report(subject(item), scorer.source(), o.badRecords(), null));
      }
    }
  }

  static String subject(Item item) {
    return item.file().getFileName().toString();
  }

  /** Rows of the item in the database: engagements, new people, or profiles of the audit. */
  static long present(Rapport r, Item item) {
    String sql =
        switch (item.kind()) {
          case ENGAGEMENTS ->
              "SELECT COUNT(*) FROM engagement WHERE event_key LIKE 'imp" + item.k() + "-%'";
          case PEOPLE ->
              "SELECT COUNT(*) FROM identity WHERE platform_user_id LIKE 'pk" + item.k() + "-%'";
          case AUDIT -> "SELECT COUNT(*) FROM profile_snapshot WHERE observed_at = ?";
        };
    return r.database()
        .jdbi()
        .withHandle(
            h -> {
              var q = h.createQuery(sql);
              if (item.kind() == Kind.AUDIT) {
                q.bind(
                    0,
                    java.time.OffsetDateTime.ofInstant(item.observed(), java.time.ZoneOffset.UTC));
              }
              return q.mapTo(Long.class).one();
            });
  }

  /** Audit rows (history entries) recorded for the item: 0 or 1. */
  static long audits(Rapport r, Item item) {
    return r.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM audit WHERE subject = ?")
                    .bind(0, subject(item))
                    .mapTo(Long.class)
                    .one());
  }

  /** The stored audit's profile count, or -1 if there is none. */
  static long auditedProfiles(Rapport r, Item item) {
    return r.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT profiles FROM audit WHERE subject = ?")
                    .bind(0, subject(item))
                    .mapTo(Long.class)
                    .findOne()
                    .orElse(-1L));
  }

  static boolean done(Rapport r, Item item) {
    return item.kind() == Kind.AUDIT ? audits(r, item) > 0 : present(r, item) == item.rows();
  }

  private static CsvImporter importer(Rapport r) {
    return new CsvImporter(
        r.database(),
        r.workspaces(),
        r.people(),
        r.posts(),
        r.ledger(),
        r.conversions(),
        new RuleBaseline(),
        r.clock());
  }

  private static PrintWriter writer(Path file) throws IOException {
    return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }
}
