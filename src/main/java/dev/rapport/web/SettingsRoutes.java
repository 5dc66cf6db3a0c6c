package dev.rapport.web;

import dev.rapport.publishing.Gates;
import dev.rapport.publishing.Planner;
import dev.rapport.publishing.PublishingSettings;
import dev.rapport.publishing.Slot;
import dev.rapport.web.view.SettingsView;
import dev.rapport.web.view.TypedForm;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.SecurityLog;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings: the workspace (name, time zone), its target audience, the posting plan (posts per week
 * and weekly slots per channel, blocked dates), the quality gates and the users and roles. Everyone
 * in the workspace reads it; managers change it; roles follow {@link Members}. Every form carries
 * the CSRF token (checked by {@link Guard}). Thread-safe.
 */
final class SettingsRoutes {

  /** Blocked dates shown: from today for a year. */
  static final int BLOCKED_DAYS = 366;

  static final int MAX_REASON = 200;

  private final Workspaces workspaces;
  private final Planner planner;
  private final Gates gates;
  private final Members members;
  private final SecurityLog log;
  private final Pages pages;
  private final Clock clock;

  SettingsRoutes(
      Workspaces workspaces,
      Planner planner,
      Gates gates,
      Members members,
      SecurityLog log,
      Pages pages,
      Clock clock) {
    this.workspaces = workspaces;
    this.planner = planner;
    this.gates = gates;
    this.members = members;
    this.log = log;
    this.pages = pages;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/w/{slug}/settings", this::page, Access.VIEWER);
    app.post("/w/{slug}/settings/workspace", this::workspace, Access.MANAGER);
    app.post("/w/{slug}/settings/audience", this::audience, Access.MANAGER);
    app.post("/w/{slug}/settings/plan/{id}", this::plan, Access.MANAGER);
    app.post("/w/{slug}/settings/blocked", this::block, Access.MANAGER);
    app.post("/w/{slug}/settings/blocked/{id}/remove", this::unblock, Access.MANAGER);
    app.post("/w/{slug}/settings/gates", this::gates, Access.MANAGER);
    app.post("/w/{slug}/settings/members", this::addMember, Access.MANAGER);
    app.post("/w/{slug}/settings/members/{id}/role", this::changeRole, Access.MANAGER);
    app.post("/w/{slug}/settings/members/{id}/remove", this::removeMember, Access.MANAGER);
  }

  private void page(Context ctx) {
    show(ctx, null, TypedForm.NONE);
  }

  /**
   * Runs a form's change; a refused one shows the page again with the form as typed and the reasons
   * next to its fields (400 for a bad value, 409 for a conflict), nothing written.
   */
  private void change(Context ctx, String form, String section, Runnable change) {
    try {
      change.run();
    } catch (RuntimeException e) {
      if (!Refusals.shownOnForm(e)) {
        throw e;
      }
      ctx.status(Refusals.status(e));
      show(ctx, null, Refusals.of(ctx, form, section, e));
    }
  }

  private void show(Context ctx, Members.Added added, TypedForm typed) {
    Member m = Guard.member(ctx);
    Workspace ws = m.workspace();
    List<Channel> channels = workspaces.channels(ws.id());
    Map<Long, List<Slot>> slots = new LinkedHashMap<>();
    channels.forEach(c -> slots.put(c.id(), planner.slots(ws.id(), c.id())));
    LocalDate today = LocalDate.ofInstant(clock.instant(), ws.timeZone());
    boolean manager = m.role().atLeast(Role.MANAGER);
    pages.render(
        ctx,
        "settings.jte",
        pages.shell(ctx, "Settings · " + ws.name(), ws, "settings"),
        new SettingsView(
            ws,
            m.role(),
            channels,
            slots,
            planner.blocked(ws.id(), today, today.plusDays(BLOCKED_DAYS)),
            gates.settings(ws.id()),
            manager ? members.list(ws) : List.of(),
            added == null ? null : new SettingsView.Added(added.user().email(), added.password()),
            typed));
  }

  private void workspace(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    change(
        ctx,
        "workspace",
        "workspace",
        () -> {
          Refusals.Checks checks = new Refusals.Checks();
          String name = checks.check(() -> SettingsInput.name(ctx.formParam("name")));
          ZoneId zone = checks.check(() -> SettingsInput.zone(ctx.formParam("timeZone")));
          checks.done();
          workspaces.update(ws.id(), name, zone);
          SecurityEvents.record(log, ctx, "workspace.updated", name + ", " + zone.getId());
          back(ctx, ws, "workspace");
        });
  }

  private void audience(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    change(
        ctx,
        "audience",
        "audience",
        () -> {
          workspaces.updateAudience(
              ws.id(),
              SettingsInput.audience(
                  ctx.formParam("description"),
                  SettingsInput.split(ctx.formParam("topics")),
                  SettingsInput.split(ctx.formParam("languages")),
                  SettingsInput.split(ctx.formParam("places"))));
          back(ctx, ws, "audience");
        });
  }

  private void plan(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    long id = Requests.pathId(ctx, "id", "channel");
    Channel c =
        workspaces.channel(ws.id(), id).orElseThrow(() -> new NotFoundResponse("No such channel."));
    change(
        ctx,
        "plan-" + c.id(),
        "plan",
        () -> {
          Refusals.Checks checks = new Refusals.Checks();
          Integer perWeek =
              checks.check(() -> SettingsInput.postsPerWeek(ctx.formParam("postsPerWeek")));
          List<Slot> slots = checks.check(() -> SettingsInput.slots(ctx.formParam("slots")));
          checks.done();
          planner.setSlots(actor(ctx), ws.id(), c.id(), slots);
          workspaces.updateChannelPlan(c.id(), c.platformFollowers(), perWeek);
          back(ctx, ws, "plan");
        });
  }

  private void block(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    change(
        ctx,
        "blocked",
        "blocked",
        () -> {
          Refusals.Checks checks = new Refusals.Checks();
          LocalDate day = checks.check(() -> day(ctx.formParam("day")));
          Long channelId = checks.check(() -> channel(ws, ctx.formParam("channel")));
          String reason = checks.check(() -> reason(ctx.formParam("reason")));
          checks.done();
          planner.block(actor(ctx), ws.id(), channelId, day, reason.isEmpty() ? null : reason);
          back(ctx, ws, "blocked");
        });
  }

  private static LocalDate day(String raw) {
    try {
      return LocalDate.parse(String.valueOf(raw).strip());
    } catch (DateTimeParseException e) {
      throw Invalid.field("day", "Choose a day to block, e.g. 2026-12-25.");
    }
  }

  /** The channel a blocked day is for; null for every channel. */
  private Long channel(Workspace ws, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    long id;
    try {
      id = Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw Invalid.field("channel", "Choose a channel from the list, or every channel.");
    }
    return workspaces
        .channel(ws.id(), id)
        .map(Channel::id)
        .orElseThrow(
            () ->
                Invalid.field(
                    "channel", "That channel is not in this workspace: choose one from the list."));
  }

  private static String reason(String raw) {
    String reason = raw == null ? "" : raw.strip();
    if (reason.length() > MAX_REASON || reason.chars().anyMatch(Character::isISOControl)) {
      throw Invalid.field(
          "reason", "The reason holds at most " + MAX_REASON + " characters on one line.");
    }
    return reason;
  }

  private void unblock(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    long id = Requests.pathId(ctx, "id", "blocked date");
    try {
      // Scoped by workspace: another workspace's blocked date is as unknown as a missing one.
      planner.unblock(actor(ctx), ws.id(), id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundResponse("No such blocked date.");
    }
    back(ctx, ws, "blocked");
  }

  private void gates(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    change(
        ctx,
        "gates",
        "gates",
        () -> {
          PublishingSettings current = gates.settings(ws.id());
          PublishingSettings next =
              SettingsInput.publishing(
                  ctx.formParam("requiresApproval") != null,
                  ctx.formParams("gates"),
                  ctx.formParam("rubricBar"),
                  ctx.formParam("maxPerDay"),
                  ctx.formParam("linkBase"));
          gates.update(actor(ctx), ws.id(), next);
          if (!next.equals(current)) {
            SecurityEvents.record(
                log,
                ctx,
                "publishing.updated",
                "approval "
                    + (next.requiresApproval() ? "required" : "not required")
                    + "; gates "
                    + next.gates().stream().map(g -> g.code()).sorted().toList()
                    + "; rubric bar "
                    + next.rubricBar()
                    + "; "
                    + next.maxPerDay()
                    + " a day");
          }
          back(ctx, ws, "gates");
        });
  }

  private void addMember(Context ctx) {
    change(
        ctx,
        "add-member",
        "members",
        () -> {
          Members.Added added =
              members.add(
                  ctx, ctx.formParam("email"), ctx.formParam("role"), ctx.formParam("displayName"));
          if (added.password() == null) {
            back(ctx, Guard.member(ctx).workspace(), "members");
            return;
          }
          ctx.status(HttpStatus.CREATED);
          show(ctx, added, TypedForm.NONE);
        });
  }

  private void changeRole(Context ctx) {
    long id = Requests.pathId(ctx, "id", "member");
    change(
        ctx,
        "member-" + id,
        "members",
        () -> {
          members.change(ctx, id, ctx.formParam("role"));
          back(ctx, Guard.member(ctx).workspace(), "members");
        });
  }

  private void removeMember(Context ctx) {
    long id = Requests.pathId(ctx, "id", "member");
    change(
        ctx,
        "member-" + id,
        "members",
        () -> {
          members.remove(ctx, id);
          back(ctx, Guard.member(ctx).workspace(), "members");
        });
  }

  static long actor(Context ctx) {
    return Guard.caller(ctx).orElseThrow().user().id();
  }

  private static void back(Context ctx, Workspace ws, String section) {
    ctx.redirect("/w/" + ws.slug() + "/settings#" + section, HttpStatus.SEE_OTHER);
  }
}
