package dev.rapport.web;

import dev.rapport.content.PostState;
import dev.rapport.publishing.CalendarDay;
import dev.rapport.publishing.CalendarEntry;
import dev.rapport.publishing.Planner;
import dev.rapport.publishing.Refused;
import dev.rapport.publishing.Reviews;
import dev.rapport.web.view.CalendarView;
import dev.rapport.web.view.ChannelQueue;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calendar (month and week views, the channels' slots and runway, blocked dates, moving a
 * scheduled variant to another day or time) and the queues page. The page's script drags through
 * the API ({@code POST /api/w/{slug}/posts/{id}/schedule}); the "move to" form here is the same
 * step for the keyboard and for browsers without script. Thread-safe.
 */
final class CalendarRoutes {

  private final Planner planner;
  private final Reviews reviews;
  private final Workspaces workspaces;
  private final Pages pages;
  private final Clock clock;

  CalendarRoutes(
      Planner planner, Reviews reviews, Workspaces workspaces, Pages pages, Clock clock) {
    this.planner = planner;
    this.reviews = reviews;
    this.workspaces = workspaces;
    this.pages = pages;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/w/{slug}/calendar", this::calendar, Access.VIEWER);
    app.post("/w/{slug}/calendar/move", this::move, Access.AUTHOR);
    app.get("/w/{slug}/queue", this::queue, Access.VIEWER);
  }

  private void calendar(Context ctx) {
    Member m = Guard.member(ctx);
    Workspace ws = m.workspace();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ws.timeZone());
    String week = Requests.query(ctx, "week");
    String month = Requests.query(ctx, "month");
    CalendarView view;
    try {
      view =
          week != null
              ? view(ctx, ws, null, LocalDate.parse(week), null)
              : view(
                  ctx,
                  ws,
                  month != null ? YearMonth.parse(month) : YearMonth.from(today),
                  null,
                  null);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Give ?month=2026-06 or ?week=2026-06-17 (any day of the week).");
    }
    render(ctx, view, 200, "calendar.jte", "Calendar");
  }

  private CalendarView view(
      Context ctx, Workspace ws, YearMonth month, LocalDate anyDay, String error) {
    Member m = Guard.member(ctx);
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ws.timeZone());
    LocalDate first;
    LocalDate last;
    LocalDate anchor;
    if (month != null) {
      first = month.atDay(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      last = month.atEndOfMonth().with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
      anchor = month.atDay(1);
    } else {
      first = anyDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      last = first.plusDays(6);
      anchor = first;
    }
    List<CalendarDay> days = planner.days(ws.id(), first, last);
    Map<Long, Channel> channels = new LinkedHashMap<>();
    workspaces.channels(ws.id()).forEach(c -> channels.put(c.id(), c));
    return new CalendarView(
        ws,
        month,
        anchor,
        today,
        days,
        channels,
        queues(planner, ws, channels.values(), now),
        planner.blocked(ws.id(), first, last),
        m.role().atLeast(Role.AUTHOR),
        error);
  }

  private void queue(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    YearMonth month = YearMonth.from(LocalDate.ofInstant(clock.instant(), ws.timeZone()));
    render(ctx, view(ctx, ws, month, null, null), 200, "queue.jte", "Queues");
  }

  /**
   * Moves a scheduled variant to a day and time (the "move to" form): back to the week it landed
   * on, or the calendar again with the reason when the planner refuses.
   */
  private void move(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    long actor = Guard.caller(ctx).orElseThrow().user().id();
    long variantId;
    try {
      variantId = Long.parseLong(String.valueOf(ctx.formParam("variant")).strip());
    } catch (NumberFormatException e) {
      throw new NotFoundResponse("No such post variant.");
    }
    reviews.variant(ws.id(), variantId).orElseThrow(() -> new NotFoundResponse("No such post."));
    String date = ctx.formParam("date");
    String time = ctx.formParam("time");
    if (date == null || time == null) {
      throw new IllegalArgumentException("'date' and 'time' are required.");
    }
    Instant at = Scheduling.at(ws, date, time, "date");
    LocalDate day = LocalDate.ofInstant(at, ws.timeZone());
    String why;
    try {
      why = Scheduling.refusal(planner.schedule(actor, ws.id(), variantId, at, null));
    } catch (Refused e) {
      why = e.getMessage();
    }
    if (why == null) {
      ctx.redirect(
          "/w/" + ws.slug() + "/calendar?week=" + day + "#variant-" + variantId,
          HttpStatus.SEE_OTHER);
      return;
    }
    render(
        ctx,
        view(ctx, ws, null, day, "Variant " + variantId + " was not moved: " + why),
        409,
        "calendar.jte",
        "Calendar");
  }

  private void render(Context ctx, CalendarView view, int status, String template, String title) {
    ctx.status(status);
    pages.render(
        ctx,
        template,
        pages.shell(
            ctx,
            title + " · " + view.workspace().name(),
            view.workspace(),
            template.equals("queue.jte") ? "queue" : "calendar"),
        view);
  }

  /**
   * Each channel's queue from now on: slots, next free slot, scheduled variants in order (a year
   * ahead at most) and the runway — days from today through the last day with something scheduled.
   */
  static List<ChannelQueue> queues(
      Planner planner, Workspace ws, Iterable<Channel> channels, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ws.timeZone());
    List<CalendarDay> ahead = planner.days(ws.id(), today, today.plusDays(Planner.MAX_DAYS - 1));
    List<ChannelQueue> out = new ArrayList<>();
    for (Channel c : channels) {
      List<CalendarEntry> upcoming = new ArrayList<>();
      LocalDate through = null;
      for (CalendarDay d : ahead) {
        for (CalendarEntry e : d.entries()) {
          if (e.channelId() == c.id()
              && e.state() == PostState.SCHEDULED
              && !e.at().isBefore(now)) {
            upcoming.add(e);
            through = d.date();
          }
        }
      }
      out.add(
          new ChannelQueue(
              c,
              planner.slots(ws.id(), c.id()),
              planner.nextFreeSlot(ws.id(), c.id(), now).orElse(null),
              upcoming,
              through,
              through == null ? 0 : ChronoUnit.DAYS.between(today, through) + 1));
    }
    return out;
  }
}
