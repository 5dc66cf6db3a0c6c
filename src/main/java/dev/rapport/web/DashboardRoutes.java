package dev.rapport.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.engagement.QualityPoint;
import dev.rapport.engagement.WeekTruth;
import dev.rapport.people.FocusList;
import dev.rapport.web.view.DashboardView;
import dev.rapport.web.view.Funnel;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The workspace dashboard: vanity beside truth. Thread-safe. */
final class DashboardRoutes {

  static final int FOCUS_TOP = 5;

  private final DashboardCache figures;
  private final FocusList focus;
  private final Workspaces workspaces;
  private final Pages pages;
  private final ObjectMapper json;

  DashboardRoutes(
      DashboardCache figures,
      FocusList focus,
      Workspaces workspaces,
      Pages pages,
      ObjectMapper json) {
    this.figures = figures;
    this.focus = focus;
    this.workspaces = workspaces;
    this.pages = pages;
    this.json = json;
  }

  void register(Javalin app) {
    app.get("/w/{slug}", this::dashboard, Access.VIEWER);
  }

  private void dashboard(Context ctx) {
    Member member = Guard.member(ctx);
    Workspace ws = member.workspace();
    DashboardCache.Figures f = figures.of(ws.id());
    Map<Long, Channel> channels =
        workspaces.channels(ws.id()).stream()
            .collect(Collectors.toMap(Channel::id, Function.identity()));
    DashboardView view =
        new DashboardView(
            ws,
            member.role(),
            f.summary(),
            Funnel.of(f.summary()),
            f.weeks(),
            Json.forScript(json, chartData(f.weeks(), f.quality())),
            f.posts(),
            channels,
            f.quality(),
            f.standings(),
            // Read live (a small precomputed list): "done" must show at once.
            focus.today(ws.id(), FOCUS_TOP));
    pages.render(ctx, "dashboard.jte", pages.shell(ctx, ws.name(), ws), view);
  }

  /**
   * Column arrays as uPlot wants them: x in epoch seconds, rates in percent (null = undefined); the
   * audience quality score series has its own x (monthly points).
   */
  record ChartData(
      List<Long> weeks,
      List<Double> raw,
      List<Double> authentic,
      List<Double> bot,
      List<Long> qualityAt,
      List<Double> quality) {}

  static ChartData chartData(List<WeekTruth> weeks, List<QualityPoint> quality) {
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
    List<Long> qx = new ArrayList<>();
    List<Double> q = new ArrayList<>();
    for (QualityPoint p : quality) {
      qx.add(p.at().getEpochSecond());
      double score = p.score();
      q.add(Double.isNaN(score) || Double.isInfinite(score) ? null : score);
    }
    return new ChartData(x, raw, authentic, bot, qx, q);
  }

  private static Double percent(double share) {
    return Double.isNaN(share) || Double.isInfinite(share) ? null : share * 100;
  }
}
