package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.platforms.SyncRun;
import dev.rapport.platforms.SyncStatus;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "sync",
    description =
        "Read new engagement and followers from a workspace's connected channels into the ledger,"
            + " then show each channel's sync status.")
final class SyncCommand implements Callable<Integer> {

  @Mixin DatabaseOption db;

  @Option(
      names = {"-w", "--workspace"},
      required = true,
      description = "Workspace slug")
  String workspace;

  @Option(
      names = "--channel",
      paramLabel = "HANDLE",
      description = "Only this channel (its handle, with or without @)")
  String channel;

  @Option(names = "--status", description = "Only show the status; read nothing")
  boolean statusOnly;

  @Option(names = "--format", defaultValue = "text", description = "text or json")
  OutputFormat format;

  /** What the command did, for --format json. */
  record Result(String workspace, List<SyncRun> runs, List<SyncStatus> status) {}

  @Override
  public Integer call() {
    try (Rapport r = db.open()) {
      Workspace w = DatabaseOption.workspace(r, workspace);
      List<Channel> channels = channels(r, w);
      List<SyncRun> runs = new ArrayList<>();
      if (!statusOnly) {
        for (Channel ch : channels) {
          runs.add(r.engagementSync().runOnce(w.id(), ch.id()));
        }
      }
      List<SyncStatus> status =
          r.engagementSync().status(w.id()).stream()
              .filter(s -> channels.stream().anyMatch(c -> c.id() == s.channelId()))
              .toList();
      if (format == OutputFormat.json) {
        System.out.println(Json.write(new Result(w.slug(), runs, status)));
      } else {
        text(System.out, channels, runs, status);
      }
      boolean failed = runs.stream().anyMatch(run -> run.error() != null);
      return failed ? ExitCodes.FAILURE : ExitCodes.OK;
    }
  }

  private List<Channel> channels(Rapport r, Workspace w) {
    List<Long> connected =
        r.connections().statuses(w.id()).stream().map(s -> s.channelId()).toList();
    List<Channel> all = r.workspaces().channels(w.id());
    if (channel != null) {
      String wanted = channel.startsWith("@") ? channel.substring(1) : channel;
      Channel ch =
          all.stream()
              .filter(c -> c.handle().replaceFirst("^@", "").equalsIgnoreCase(wanted))
              .findFirst()
              .orElseThrow(
                  () ->
                      new CliException(
                          ExitCodes.NOT_FOUND,
                          "no channel '" + channel + "' in workspace " + w.slug()));
      return List.of(ch);
    }
    List<Channel> out = all.stream().filter(c -> connected.contains(c.id())).toList();
    if (out.isEmpty()) {
      throw new CliException(
          ExitCodes.NOT_FOUND, "workspace " + w.slug() + " has no connected channels to sync");
    }
    return out;
  }

  static void text(
      PrintStream out, List<Channel> channels, List<SyncRun> runs, List<SyncStatus> status) {
    for (SyncRun run : runs) {
      String name = handle(channels, run.channelId());
      if (run.skipped() != null) {
        out.printf("%s: skipped — %s%n", name, run.skipped());
      } else {
        out.printf(
            "%s: %d new of %d engagements read in %d page(s)%s, %d followers read%s%n",
            name,
            run.ingested(),
            run.read(),
            run.pages(),
            progress(run),
            run.followers(),
            run.error() == null ? "" : " — error: " + run.error());
      }
    }
    if (!runs.isEmpty()) {
      out.println();
    }
    out.println(
        "Channel                        Last run              Lag        New (last)  Total    Followers  Last error");
    for (SyncStatus s : status) {
      out.printf(
          "%-30s %-21s %-10s %11d  %-8d %-10s %s%n",
          trim(s.platform().code() + " @" + s.handle(), 30),
          s.lastRunAt() == null ? "never" : s.lastRunAt().toString().substring(0, 19) + "Z",
          lag(s.lag()),
          s.lastRunIngested(),
          s.totalIngested(),
          s.followersSyncedAt() == null ? "—" : String.valueOf(s.followersSeen()),
          error(s));
    }
  }

  private static String progress(SyncRun run) {
    if (run.error() != null) {
      return "";
    }
    return run.caughtUp() ? ", caught up" : ", more to read next time";
  }

  private static String error(SyncStatus s) {
    if (s.reconnectReason() != null) {
      return "reconnect needed: " + s.reconnectReason();
    }
    if (s.lastError() == null) {
      return "—";
    }
    boolean resolved = s.lastSuccessAt() != null && s.lastSuccessAt().isAfter(s.lastErrorAt());
    String when =
        s.lastErrorAt() == null ? "" : " (" + s.lastErrorAt().toString().substring(0, 19) + "Z)";
    Instant next = s.nextAttemptAfter();
    return (resolved ? "earlier: " : "")
        + s.lastError()
        + when
        + (next == null ? "" : ", next try after " + next);
  }

  private static String handle(List<Channel> channels, long id) {
    return channels.stream()
        .filter(c -> c.id() == id)
        .map(c -> c.platform().code() + " @" + c.handle().replaceFirst("^@", ""))
        .findFirst()
        .orElse("channel " + id);
  }

  static String lag(Duration d) {
    if (d == null) {
      return "—";
    }
    long s = d.getSeconds();
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return s / 60 + " min";
    }
    if (s < 172800) {
      return s / 3600 + " h";
    }
    return s / 86400 + " days";
  }

  private static String trim(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
