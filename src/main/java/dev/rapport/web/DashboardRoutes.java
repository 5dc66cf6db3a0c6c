package dev.rapport.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.engagement.PostTruth;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.engagement.WeekTruth;
import dev.rapport.web.view.DashboardView;
import dev.rapport.web.view.Funnel;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The workspace dashboard: vanity beside truth. Thread-safe. */
final class DashboardRoutes {

  static final int CHART_WEEKS = 52;
  static final int LATEST_POSTS = 10;

  private final Truth truth;
  private final Workspaces workspaces;
  private final Pages pages;
  private final ObjectMapper json;
  private final Clock clock;

  DashboardRoutes(Truth truth, Workspaces workspaces, Pages pages, ObjectMapper json, Clock clock) {
    this.truth = truth;
    this.workspaces = workspaces;
    this.pages = pages;
    this.json = json;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/w/{slug}", this::dashboard, Access.VIEWER);
  }

  private void dashboard(Context ctx) {
    Member member = Guard.member(ctx);
    Workspace ws = member.workspace();
    Instant now = clock.instant();
    Instant yearAgo = now.minus(CHART_WEEKS * 7L, ChronoUnit.DAYS);
    TruthSummary summary = truth.summary(ws.id(), now, Truth.DEFAULT_WINDOW);
    List<WeekTruth> weeks = truth.weeks(ws.id(), yearAgo, now);
    List<PostTruth> posts = truth.posts(ws.id(), yearAgo, now, LATEST_POSTS);
    Map<Long, Channel> channels =
        workspaces.channels(ws.id()).stream()
            .collect(Collectors.toMap(Channel::id, Function.identity()));
    DashboardView view =
        new DashboardView(
            ws,
            member.role(),
            summary,
            Funnel.of(summary),
            weeks,
            Json.forScript(json, chartData(weeks)),
            posts,
            channels);
    pages.render(ctx, "dashboard.jte", pages.shell(ctx, ws.name(), ws), view);
  }

  /** Column arrays as uPlot wants them: x in epoch seconds, rates in percent (null = undefined). */
  record ChartData(List<Long> weeks, List<Double> raw, List<Double> authentic, List<Double> bot) {}

  static ChartData chartData(List<WeekTruth> weeks) {
    List<Long> x = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    List<Double> authentic = new ArrayList<>();
    List<Double> bot = new ArrayList<>();
    for (WeekTruth w : weeks) {
      x.add(w.weekStart().atStartOfDay().toEpochSecond(ZoneOffset.UTC));
      raw.add(percent(w.rawRate()));
      authentic.add(percent(w.authenticRate()));
      bot.add(percent(w.botShare()));
    }
    return new ChartData(x, raw, authentic, bot);
  }

  private static Double percent(double share) {
    return Double.isNaN(share) || Double.isInfinite(share) ? null : share * 100;
  }
}
