package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.people.BrandAction;
import dev.rapport.people.DoneOutcome;
import dev.rapport.people.FocusItem;
import dev.rapport.people.FocusKind;
import dev.rapport.people.FocusList;
import dev.rapport.people.FocusReason;
import dev.rapport.people.ResponseTime;
import dev.rapport.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "focus",
    description = "Who to engage with today, ranked, with the reasons.",
    subcommands = {FocusCommand.Done.class, FocusCommand.ResponseTimes.class})
public final class FocusCommand implements Callable<Integer> {

  @Mixin DatabaseOption db;

  // Not required by picocli: it would then be demanded before the subcommands too.
  @Option(
      names = {"-w", "--workspace"},
      description = "Workspace slug")
  String workspace;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "How many (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--no-refresh", description = "Show the list as of its last refresh")
  boolean noRefresh;

  @Option(names = "--format", defaultValue = "text", description = "text or json")
  OutputFormat format;

  @Override
  public Integer call() {
    if (workspace == null) {
      throw new CliException(ExitCodes.USAGE, "which workspace? use -w SLUG");
    }
    try (Rapport r = db.open()) {
      Workspace w = DatabaseOption.workspace(r, workspace);
      long start = System.nanoTime();
      FocusList.Refresh refreshed =
          noRefresh ? null : r.focus().refresh(w.id(), r.clock().instant());
      long refreshMs = (System.nanoTime() - start) / 1_000_000;
      start = System.nanoTime();
      List<FocusItem> items = r.focus().today(w.id(), limit);
      long readMs = (System.nanoTime() - start) / 1_000_000;
      if (format == OutputFormat.json) {
        System.out.println(Json.write(items));
        return ExitCodes.OK;
      }
      if (items.isEmpty()) {
        System.out.println("Nobody waiting on you today.");
      }
      int rank = 1;
      for (FocusItem i : items) {
        System.out.printf(
            "%2d. %s (person %d, %s) — score %.1f%n",
            rank++, i.displayName(), i.personId(), i.stage().code(), i.score());
        for (FocusReason reason : i.reasons()) {
          System.out.printf("      %s%n", reason.words());
        }
      }
      if (refreshed != null) {
        System.out.printf(
            "%n(refreshed: %,d persons looked at in %d ms; list read in %d ms; %,d on the list)%n",
            refreshed.examined(), refreshMs, readMs, refreshed.onList());
      }
    }
    return ExitCodes.OK;
  }

  @Command(name = "done", description = "Record what you did; it goes on the person's timeline.")
  static final class Done implements Callable<Integer> {
    @Mixin PeopleCommand.Target t;

    @Parameters(index = "0", paramLabel = "PERSON")
    long person;

    @Option(
        names = "--reason",
        required = true,
        description = "unanswered, close_to_buying, slipping or thank_advocate")
    String reason;

    @Option(
        names = "--action",
        defaultValue = "replied",
        description = "replied, thanked, messaged, offered or other (default ${DEFAULT-VALUE})")
    String action;

    @Option(names = "--channel", description = "Channel id the answer went out on")
    Long channel;

    @Option(names = "--note", description = "What you did, in a few words")
    String note;

    @Override
    public Integer call() {
      try (Rapport r = t.db.open()) {
        Workspace w = DatabaseOption.workspace(r, t.workspace);
        FocusKind kind;
        BrandAction act;
        try {
          kind = FocusKind.fromCode(reason);
          act = BrandAction.fromCode(action);
        } catch (IllegalArgumentException e) {
          throw new CliException(
              ExitCodes.USAGE, "unknown --reason or --action: " + e.getMessage());
        }
        DoneOutcome out =
            r.focus().done(w.id(), person, kind, act, channel, note, r.clock().instant());
        if (out instanceof DoneOutcome.Refused no) {
          throw new CliException(ExitCodes.REJECTED, no.reason());
        }
        DoneOutcome.Recorded rec = (DoneOutcome.Recorded) out;
        System.out.printf(
            "Recorded on the timeline (action #%d%s).%n",
            rec.actionId(),
            rec.answered() > 0 ? ", " + rec.answered() + " waiting message(s) answered" : "");
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "response-times", description = "How long real people wait for an answer.")
  static final class ResponseTimes implements Callable<Integer> {
    @Mixin PeopleCommand.Target t;

    @Option(
        names = "--days",
        defaultValue = "30",
        description = "Window (default ${DEFAULT-VALUE})")
    int days;

    @Override
    public Integer call() {
      try (Rapport r = t.db.open()) {
        Workspace w = DatabaseOption.workspace(r, t.workspace);
        Instant now = r.clock().instant();
        for (ResponseTime rt : r.focus().responseTimes(w.id(), now, Duration.ofDays(days))) {
          System.out.printf(
              "%s: %d answered, median %s, p90 %s; %d waiting, longest %s%n",
              rt.channel(),
              rt.answered(),
              human(rt.median()),
              human(rt.p90()),
              rt.waiting(),
              human(rt.longestWait()));
        }
      }
      return ExitCodes.OK;
    }

    static String human(Duration d) {
      if (d == null) {
        return "—";
      }
      return d.toDays() > 0
          ? d.toDays() + "d " + d.toHoursPart() + "h"
          : d.toHours() + "h " + d.toMinutesPart() + "m";
    }
  }
}
