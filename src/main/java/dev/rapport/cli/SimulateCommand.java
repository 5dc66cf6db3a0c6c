package dev.rapport.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rapport.app.Rapport;
import dev.rapport.app.Settings;
import dev.rapport.authenticity.RuleBaseline;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.simulation.AccountKind;
import dev.rapport.simulation.SimulationProgress;
import dev.rapport.simulation.SimulationReport;
import dev.rapport.simulation.SimulationSettings;
import dev.rapport.simulation.Simulator;
import dev.rapport.simulation.TruthTimings;
import dev.rapport.store.DatabaseSettings;
import dev.rapport.store.SecretBox;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rapport simulate}: builds a simulated workspace (for the demo and benchmarks), then
 * reports the ingest rate and how long the dashboard's truth metrics take on it.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Create a realistic simulated workspace: followers of every kind (real people, influencers,"
          + " mass followers, bots, bought fakes, inactive accounts), 18 months of posts with a"
          + " spray-and-pray period, heavy-tailed engagement, regulars and purchases.",
      "Prints the ledger's ingest rate and the time of the truth metrics on the result.",
      "Seeded: the same options give the same workspace."
    })
public final class SimulateCommand implements Callable<Integer> {

  @Option(
      names = "--people",
      description = "Audience members (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + SimulationSettings.DEMO_PEOPLE)
  int people;

  @Option(
      names = "--engagements",
      description = "Engagement events to generate (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + SimulationSettings.DEMO_ENGAGEMENTS)
  long engagements;

  @Option(
      names = "--seed",
      description = "Random seed (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + SimulationSettings.DEFAULT_SEED)
  long seed;

  @Option(
      names = "--workspace",
      description = "Slug of the new workspace (default: ${DEFAULT-VALUE}).",
      defaultValue = "simulated")
  String workspace;

  @Option(
      names = "--as-of",
      description = "Last day of the simulated history, YYYY-MM-DD (default: today, UTC).")
  LocalDate asOf;

  @Option(
      names = "--database-url",
      description =
          "JDBC URL overriding RAPPORT_DATABASE_URL (jdbc:h2:file:... or jdbc:postgresql://...).")
  String databaseUrl;

  @Option(names = "--schema", description = "PostgreSQL schema to work in (created if missing).")
  String schema;

  @Option(
      names = "--batch-size",
      description = "Events per ledger batch (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + SimulationSettings.DEFAULT_BATCH_SIZE)
  int batchSize;

  @Option(
      names = "--warm-runs",
      description =
          "Warm runs of the truth metrics to take the median of (default: ${DEFAULT-VALUE}).",
      defaultValue = "5")
  int warmRuns;

  @Option(
      names = "--format",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  Format format;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  enum Format {
    text,
    json
  }

  @Override
  public Integer call() throws Exception {
    Clock clock = Clock.systemUTC();
    Settings settings = Settings.load(System.getenv());
    DatabaseSettings db = settings.database();
    if (databaseUrl != null) {
      db = new DatabaseSettings(databaseUrl, db.user(), db.password(), db.maxPoolSize(), null);
    }
    if (schema != null) {
      db = db.withSchema(schema);
    }
    Instant end =
        (asOf != null ? asOf : LocalDate.now(clock)).atStartOfDay(ZoneOffset.UTC).toInstant();
    SimulationSettings sim =
        SimulationSettings.of(people, engagements, seed, end).withBatchSize(batchSize);
    PrintWriter out = spec.commandLine().getOut();
    try (Rapport rapport =
            Rapport.open(db, clock, SecretBox.load(settings.home(), System.getenv()));
        Bars bars = new Bars()) {
      Simulator simulator =
          new Simulator(
              rapport.workspaces(),
              rapport.people(),
              rapport.posts(),
              rapport.ledger(),
              rapport.conversions(),
              rapport.truth(),
              new RuleBaseline());
      SimulationReport report = simulator.run(workspace, sim, bars);
      bars.close();
      // Timed on fresh statistics, as a server with autovacuum would plan the dashboard's queries.
      rapport.database().refreshStatistics();
      TruthTimings timings =
          simulator.timeTruth(
              report.workspaceId(), end, Simulator.historyStart(sim), Math.max(1, warmRuns));
      if (format == Format.json) {
        out.println(
            new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(json(report, timings, db)));
      } else {
        text(out, report, timings, db);
      }
      out.flush();
      return 0;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("rapport simulate: " + e.getMessage());
      return 2;
    }
  }

  private static void text(
      PrintWriter out, SimulationReport r, TruthTimings t, DatabaseSettings db) {
    TruthSummary s = t.summary();
    out.printf(Locale.ROOT, "Simulated workspace '%s' on %s%n", r.slug(), db.safeUrl());
    out.printf(
        Locale.ROOT,
        "  people %,d (followers %,d), post variants %,d (spray-and-pray weeks %d)%n",
        r.settings().people(),
        r.followers(),
        r.postVariants(),
        r.sprayWeeks());
    for (AccountKind k : AccountKind.values()) {
      out.printf(
          Locale.ROOT, "    %-15s %,10d  verdicts %s%n", k, r.people(k), r.verdicts().get(k));
    }
    out.printf(
        Locale.ROOT,
        "  baseline verdict agrees with the generator for %.1f%% of accounts%n",
        100 * r.verdictAgreement());
    out.printf(
        Locale.ROOT,
        "  engagements %,d (written %,d; %,d from %d regulars), conversions %,d%n",
        r.engagements(),
        r.inserted(),
        r.regularEngagements(),
        r.settings().regulars(),
        r.conversions());
    out.printf(
        Locale.ROOT,
        "  time: audience %s, posts %s, ledger %s, total %s%n",
        secs(r.audienceTime()),
        secs(r.postsTime()),
        secs(r.ledgerTime()),
        secs(r.total()));
    out.printf(
        Locale.ROOT,
        "  ingest rate: %,.0f engagements/s in the ledger (%,.0f per CPU second of this thread),"
            + " %,.0f/s overall%n",
        r.ledgerRate(),
        r.ledgerCpuRate(),
        r.overallRate());
    out.printf(
        Locale.ROOT,
        "  truth summary: cold %s, warm %s (median of %d); weekly chart (%d weeks): cold %s, warm %s%n",
        ms(t.summaryCold()),
        ms(t.summaryWarm()),
        t.warmRuns(),
        t.weeks(),
        ms(t.weeksCold()),
        ms(t.weeksWarm()));
    out.printf(
        Locale.ROOT,
        "  followers %,d → authentic %,d → engaged (90 d) %,d → core %,d → customers %,d;"
            + " bot share %.1f%%, quality %.0f%n",
        s.followers(),
        s.authenticFollowers(),
        s.engagedAudience(),
        s.core(),
        s.customers(),
        100 * s.botShare(),
        s.qualityScore());
  }

  private static Map<String, Object> json(SimulationReport r, TruthTimings t, DatabaseSettings db) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workspace", r.slug());
    m.put("database", db.safeUrl());
    m.put("people", r.settings().people());
    m.put("seed", r.settings().seed());
    m.put("asOf", r.settings().asOf().toString());
    m.put("followers", r.followers());
    Map<String, Object> kinds = new LinkedHashMap<>();
    for (AccountKind k : AccountKind.values()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("count", r.people(k));
      Map<String, Long> verdicts = new LinkedHashMap<>();
      r.verdicts().get(k).forEach((c, n) -> verdicts.put(c.code(), n));
      row.put("verdicts", verdicts);
      kinds.put(k.name().toLowerCase(Locale.ROOT), row);
    }
    m.put("kinds", kinds);
    m.put("verdictAgreement", r.verdictAgreement());
    m.put("postVariants", r.postVariants());
    m.put("sprayWeeks", r.sprayWeeks());
    m.put("engagements", r.engagements());
    m.put("inserted", r.inserted());
    m.put("regularEngagements", r.regularEngagements());
    m.put("conversions", r.conversions());
    m.put("audienceSeconds", seconds(r.audienceTime()));
    m.put("postsSeconds", seconds(r.postsTime()));
    m.put("ledgerSeconds", seconds(r.ledgerTime()));
    m.put("totalSeconds", seconds(r.total()));
    m.put("ledgerCpuSeconds", seconds(r.ledgerCpu()));
    m.put("ledgerRate", r.ledgerRate());
    m.put("ledgerCpuRate", r.ledgerCpuRate());
    m.put("overallRate", r.overallRate());
    m.put("summaryColdMs", millis(t.summaryCold()));
    m.put("summaryWarmMs", millis(t.summaryWarm()));
    m.put("weeksColdMs", millis(t.weeksCold()));
    m.put("weeksWarmMs", millis(t.weeksWarm()));
    m.put("warmRuns", t.warmRuns());
    TruthSummary s = t.summary();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("followers", s.followers());
    summary.put("authenticFollowers", s.authenticFollowers());
    summary.put("engagedAudience", s.engagedAudience());
    summary.put("core", s.core());
    summary.put("customers", s.customers());
    summary.put("botShare", s.botShare());
    summary.put("qualityScore", s.qualityScore());
    m.put("summary", summary);
    return m;
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static double millis(Duration d) {
    return d.toNanos() / 1e6;
  }

  private static String secs(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", seconds(d));
  }

  private static String ms(Duration d) {
    return String.format(Locale.ROOT, "%.0f ms", millis(d));
  }

  /** One progress bar per phase, on standard error so that JSON output stays clean. */
  private static final class Bars implements SimulationProgress, AutoCloseable {
    private ProgressBar bar;

    @Override
    public void phase(String name, long total) {
      close();
      bar =
          ProgressBar.builder()
              .setTaskName(name)
              .setInitialMax(total)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(500)
              .showSpeed()
              .build();
    }

    @Override
    public void advance(long done) {
      if (bar != null) {
        bar.stepBy(done);
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new SimulateCommand()).execute(args));
  }
}
