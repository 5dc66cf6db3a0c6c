package dev.rapport.web;

import dev.rapport.platforms.Connections;
import dev.rapport.platforms.Connections.ConnectionStatus;
import dev.rapport.web.view.ChannelsView;
import dev.rapport.web.view.TypedForm;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.SecurityLog;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings → Channels: the workspace's channels with their connection state; managers add channels
 * and disconnect accounts. Thread-safe.
 */
final class ChannelRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelRoutes.class);

  static final int MAX_HANDLE = 200;

  private final Workspaces workspaces;
  private final Connections connections;
  private final Pages pages;

  private final SecurityLog log;

  ChannelRoutes(Workspaces workspaces, Connections connections, Pages pages, SecurityLog log) {
    this.workspaces = workspaces;
    this.connections = connections;
    this.pages = pages;
    this.log = log;
  }

  void register(Javalin app) {
    app.get("/w/{slug}/settings/channels", this::page, Access.VIEWER);
    app.post("/w/{slug}/settings/channels", this::add, Access.MANAGER);
    app.post("/w/{slug}/settings/channels/{id}/disconnect", this::disconnect, Access.MANAGER);
  }

  private void page(Context ctx) {
    show(ctx, pages, workspaces, connections, TypedForm.NONE);
  }

  /** The channels page; with a refused form shown again as typed, next to its channel. */
  static void show(
      Context ctx, Pages pages, Workspaces workspaces, Connections connections, TypedForm typed) {
    Member m = Guard.member(ctx);
    Workspace ws = m.workspace();
    pages.render(
        ctx,
        "channels.jte",
        pages.shell(ctx, "Channels · " + ws.name(), ws, "settings"),
        new ChannelsView(
            ws,
            m.role(),
            workspaces.channels(ws.id()),
            connections.statuses(ws.id()).stream()
                .collect(Collectors.toMap(ConnectionStatus::channelId, Function.identity())),
            typed));
  }

  /**
   * Shows the channels page again with form {@code form} as typed and the reason of {@code e} (400
   * for a bad value, 409 for a conflict); other refusals stay error pages.
   */
  static void refused(
      Context ctx,
      Pages pages,
      Workspaces workspaces,
      Connections connections,
      String form,
      RuntimeException e) {
    if (!Refusals.shownOnForm(e)) {
      throw e;
    }
    ctx.status(Refusals.status(e));
    show(ctx, pages, workspaces, connections, Refusals.of(ctx, form, form, e));
  }

  private void add(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Channel c;
    try {
      c = add(ws, ctx.formParam("platform"), ctx.formParam("handle"), ctx.formParam("name"));
    } catch (RuntimeException e) {
      refused(ctx, pages, workspaces, connections, "add-channel", e);
      return;
    }
    LOG.atInfo()
        .addKeyValue("workspace", ws.id())
        .addKeyValue("channel", c.id())
        .addKeyValue("user", Guard.caller(ctx).orElseThrow().user().id())
        .log("channel added");
    SecurityEvents.record(log, ctx, "channel.added", c.platform().code() + " " + c.handle());
    ctx.redirect("/w/" + ws.slug() + "/settings/channels", HttpStatus.SEE_OTHER);
  }

  /** Adds a channel after checking the platform, the handle and that it is not there already. */
  Channel add(Workspace ws, String platformCode, String handle, String displayName) {
    if (platformCode == null || platformCode.isBlank()) {
      throw Invalid.field("platform", "Choose the channel's platform.");
    }
    Platform platform;
    try {
      platform = Platform.fromCode(platformCode);
    } catch (IllegalArgumentException e) {
      throw Invalid.field("platform", "Choose the channel's platform from the list.");
    }
    String h = handle == null ? "" : handle.strip();
    if (h.isEmpty() || h.length() > MAX_HANDLE || h.chars().anyMatch(Character::isISOControl)) {
      throw Invalid.field(
          "handle",
          "Give the account's handle (1 to "
              + MAX_HANDLE
              + " characters), e.g. @shop@example.social.");
    }
    String name = displayName == null || displayName.isBlank() ? null : displayName.strip();
    if (name != null && name.length() > MAX_HANDLE) {
      throw Invalid.field("name", "A channel name holds at most " + MAX_HANDLE + " characters.");
    }
    boolean exists =
        workspaces.channels(ws.id()).stream()
            .anyMatch(
                c ->
                    c.platform() == platform
                        && c.handle().toLowerCase(Locale.ROOT).equals(h.toLowerCase(Locale.ROOT)));
    if (exists) {
      throw new ConflictResponse(
          "This workspace already has the " + platform.code() + " channel " + h + ".");
    }
    return workspaces.addChannel(ws.id(), platform, h, name);
  }

  private void disconnect(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    long id = Requests.pathId(ctx, "id", "channel");
    Channel c =
        workspaces.channel(ws.id(), id).orElseThrow(() -> new NotFoundResponse("No such channel."));
    connections.disconnect(ws.id(), c.id());
    LOG.atInfo()
        .addKeyValue("workspace", ws.id())
        .addKeyValue("channel", c.id())
        .addKeyValue("user", Guard.caller(ctx).orElseThrow().user().id())
        .log("channel disconnected");
    SecurityEvents.record(log, ctx, "channel.disconnected", c.platform().code() + " " + c.handle());
    ctx.redirect("/w/" + ws.slug() + "/settings/channels", HttpStatus.SEE_OTHER);
  }
}
