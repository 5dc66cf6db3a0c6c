package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.platforms.Connections;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rapport channel}: the workspace's channels and their platform connections. */
@Command(
    name = "channel",
    description = "List channels with their connection state; connect or disconnect an account.",
    subcommands = {
      ChannelCommand.ListAll.class,
      ChannelCommand.Connect.class,
      ChannelCommand.Disconnect.class
    })
final class ChannelCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static Channel channel(Rapport r, Workspace w, String handle) {
    String wanted = handle.strip().replaceFirst("^@", "");
    return r.workspaces().channels(w.id()).stream()
        .filter(c -> c.handle().replaceFirst("^@", "").equalsIgnoreCase(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new CliException(
                    ExitCodes.NOT_FOUND,
                    "workspace '"
                        + w.slug()
                        + "' has no channel '"
                        + handle
                        + "'; add it with rapport workspace add-channel"));
  }

  @Command(name = "list", description = "Channels and whether each is connected.")
  static final class ListAll implements Callable<Integer> {
    @Mixin DatabaseOption db;

    @Option(
        names = {"-w", "--workspace"},
        required = true,
        paramLabel = "W")
    String workspace;

    @Override
    public Integer call() {
      try (Rapport r = db.open()) {
        Workspace w = DatabaseOption.workspace(r, workspace);
        Map<Long, Connections.ConnectionStatus> byChannel = new LinkedHashMap<>();
        for (Connections.ConnectionStatus s : r.connections().statuses(w.id())) {
          byChannel.put(s.channelId(), s);
        }
        List<Channel> channels = r.workspaces().channels(w.id());
        if (channels.isEmpty()) {
          System.out.println(
              "No channels yet: rapport workspace add-channel " + w.slug() + " PLATFORM HANDLE");
        }
        for (Channel c : channels) {
          Connections.ConnectionStatus s = byChannel.get(c.id());
          String state =
              s == null
                  ? "not connected"
                  : s.needsReconnect()
                      ? "reconnect needed: " + s.reconnectReason()
                      : "connected to " + s.service() + " since " + s.connectedAt();
          System.out.printf("%-10s %-40s %s%n", c.platform().code(), c.handle(), state);
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "connect",
      description = {
        "Connect a channel to its platform account. Secrets are sealed with Rapport's key"
            + " (RAPPORT_SECRET_KEY or secret.key in Rapport's home) before they are stored.",
        "Give --secret NAME to read its value from standard input (one line per secret, in"
            + " order), so that it does not appear in the shell history."
      })
  static final class Connect implements Callable<Integer> {
    @Mixin DatabaseOption db;

    @Option(
        names = {"-w", "--workspace"},
        required = true,
        paramLabel = "W")
    String workspace;

    @Parameters(index = "0", paramLabel = "HANDLE", description = "The channel's handle")
    String handle;

    @Option(
        names = "--service",
        required = true,
        paramLabel = "URL",
        description =
            "The service: the Mastodon instance, the Bluesky PDS (https://bsky.social), or the"
                + " platform's API host")
    URI service;

    @Option(
        names = "--account-id",
        paramLabel = "ID",
        description = "The platform's id of the account (DID, account id), when known")
    String accountId;

    @Option(
        names = "--secret",
        paramLabel = "NAME[=VALUE]",
        description = "A secret (token, app password); without =VALUE it is read from stdin")
    List<String> secrets = List.of();

    @Override
    public Integer call() throws IOException {
      if (!"https".equalsIgnoreCase(service.getScheme())
          && !"http".equalsIgnoreCase(service.getScheme())) {
        throw new CliException(ExitCodes.USAGE, "--service must be an http(s) URL: " + service);
      }
      Map<String, String> values = new LinkedHashMap<>();
      BufferedReader in = null;
      for (String s : secrets) {
        int eq = s.indexOf('=');
        if (eq > 0) {
          values.put(s.substring(0, eq), s.substring(eq + 1));
          continue;
        }
        if (in == null) {
          in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        String line = in.readLine();
        if (line == null || line.isBlank()) {
          throw new CliException(
              ExitCodes.USAGE, "no value for secret '" + s + "' on standard input");
        }
        values.put(s, line.strip());
      }
      try (Rapport r = db.open()) {
        Workspace w = DatabaseOption.workspace(r, workspace);
        Channel c = channel(r, w, handle);
        r.connections().connect(w.id(), c.id(), service, accountId, c.handle(), values);
        r.securityLog()
            .record(
                w.id(),
                null,
                "command line",
                "channel.connected",
                c.platform().code() + " " + c.handle() + " on " + service.getHost());
        System.out.println(
            "Connected "
                + c.platform().code()
                + ":"
                + c.handle()
                + " to "
                + service
                + " ("
                + values.size()
                + " secret"
                + (values.size() == 1 ? "" : "s")
                + " sealed).");
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "disconnect", description = "Forget a channel's account and secrets.")
  static final class Disconnect implements Callable<Integer> {
    @Mixin DatabaseOption db;

    @Option(
        names = {"-w", "--workspace"},
        required = true,
        paramLabel = "W")
    String workspace;

    @Parameters(index = "0", paramLabel = "HANDLE")
    String handle;

    @Override
    public Integer call() {
      try (Rapport r = db.open()) {
        Workspace w = DatabaseOption.workspace(r, workspace);
        Channel c = channel(r, w, handle);
        r.connections().disconnect(w.id(), c.id());
        r.securityLog()
            .record(
                w.id(),
                null,
                "command line",
                "channel.disconnected",
                c.platform().code() + " " + c.handle());
        System.out.println("Disconnected " + c.platform().code() + ":" + c.handle() + ".");
      }
      return ExitCodes.OK;
    }
  }
}
