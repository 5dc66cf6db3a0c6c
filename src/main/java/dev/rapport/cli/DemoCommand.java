package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.app.Settings;
import dev.rapport.authenticity.RuleBaseline;
import dev.rapport.simulation.SimulationProgress;
import dev.rapport.simulation.SimulationReport;
import dev.rapport.simulation.SimulationSettings;
import dev.rapport.simulation.Simulator;
import dev.rapport.web.WebServer;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    description = {
      "Create the demo workspace (a simulated bakery: followers of every kind, a year and a half"
          + " of posts, engagement, purchases) if it does not exist, then serve the web app.",
      "The demo data is simulated and lives in its own workspace, 'demo'."
    })
final class DemoCommand implements Callable<Integer> {

  static final String SLUG = "demo";
  static final String EMAIL = "demo@rapport.local";

  /** Printed on every start; the demo binds to 127.0.0.1 unless told otherwise. */
  static final String PASSWORD = "rapport-demo";

  @Mixin DatabaseOption db;

  @Option(names = "--port", description = "HTTP port (default: $RAPPORT_PORT or 8080)")
  Integer port;

  @Option(names = "--bind", description = "Interface to listen on (default 127.0.0.1)")
  String bind;

  @Option(names = "--no-serve", description = "Create the demo workspace and exit")
  boolean noServe;

  @Override
  public Integer call() throws InterruptedException {
    Settings settings = db.settings();
    Rapport r = DatabaseOption.open(settings);
    try {
      Workspace ws = r.workspaces().bySlug(SLUG).orElse(null);
      boolean created = ws == null;
      if (created) {
        ws = simulate(r);
      }
      User user = r.workspaces().userByEmail(EMAIL).orElse(null);
      if (user == null) {
        user = r.workspaces().createUser(EMAIL, "Demo owner", r.passwords().hash(PASSWORD));
      }
      if (r.workspaces().role(ws.id(), user.id()).isEmpty()) {
        r.workspaces().grant(ws.id(), user.id(), Role.OWNER);
      }
      if (created) {
        DemoPlan.Seeded plan = DemoPlan.seed(r, ws, user.id());
        System.out.printf(
            "Plan ahead: %d posts queued in the channels' next free slots, %d draft in Compose.%n",
            plan.queued(), plan.drafts());
        plan.refused().forEach(p -> System.out.println("  left as a draft: " + p));
      }
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
    if (noServe) {
      r.close();
      System.out.println(
          "The demo workspace is ready. Log in as " + EMAIL + " / " + PASSWORD + ".");
      return ExitCodes.OK;
    }
    WebServer server = ServeCommand.start(r, settings, port, bind);
    ServeCommand.startDispatch(r, server);
    String url = "http://" + ServeCommand.host(settings, bind) + ":" + server.port() + "/";
    System.out.println();
    System.out.println("Rapport demo is running: " + url);
    System.out.println("Log in as " + EMAIL + " with the password " + PASSWORD);
    System.out.println("Stop with Ctrl-C. The data stays in " + settings.database().safeUrl());
    ServeCommand.waitForShutdown(server, r);
    return ExitCodes.OK;
  }

  private static Workspace simulate(Rapport r) {
    SimulationSettings s = SimulationSettings.demo(r.clock().instant());
    Simulator sim =
        new Simulator(
            r.workspaces(),
            r.people(),
            r.posts(),
            r.ledger(),
            r.conversions(),
            r.truth(),
            new RuleBaseline());
    System.out.println("Creating the demo workspace (simulated data, a few seconds)...");
    SimulationReport report;
    try (ProgressReporter progress = new ProgressReporter()) {
      report = sim.run(SLUG, s, progress);
    }
    System.out.printf(
        "Demo workspace ready in %.1f s: %,d followers, %,d posts, %,d engagements, %,d purchases.%n",
        report.total().toMillis() / 1000.0,
        report.followers(),
        report.postVariants(),
        report.inserted(),
        report.conversions());
    Workspace ws = r.workspaces().bySlug(SLUG).orElseThrow();
    // Stages and the focus list as a served workspace keeps them (the people-refresh job), so
    // that the first pages already show engagers, regulars and advocates with their history.
    var stages = r.stages().recompute(ws.id(), r.clock().instant());
    var focus = r.focus().refresh(ws.id(), r.clock().instant());
    System.out.printf(
        "People: %,d stages set from the ledger, %,d people on today's focus list.%n",
        stages.changed(), focus.onList());
    return ws;
  }

  /** Shows the simulator's phases as progress bars. */
  static final class ProgressReporter implements SimulationProgress, AutoCloseable {
    private Progress bar;
    private long done;

    @Override
    public void phase(String name, long total) {
      close();
      bar = Progress.start(name, total, "");
      done = 0;
    }

    @Override
    public void advance(long n) {
      done += n;
      if (bar != null) {
        bar.stepTo(done);
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
}
