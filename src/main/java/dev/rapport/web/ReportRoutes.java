package dev.rapport.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.content.consistency.ConsistencyOverview.ChannelStanding;
import dev.rapport.engagement.Cohort;
import dev.rapport.engagement.QualityPoint;
import dev.rapport.engagement.Retention;
import dev.rapport.engagement.WeekTruth;
import dev.rapport.web.view.ReportsView;
import dev.rapport.workspace.Workspace;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Consistency and reports: the page ({@code /w/{slug}/reports}), its exports as CSV or JSON ({@code
 * /api/w/{slug}/reports/{name}}) and the metrics over time ({@code /api/w/{slug}/metrics/{name}}).
 * Thread-safe.
 */
final class ReportRoutes {

  /** The longest range a metrics call may ask for: a bound on work per request. */
  static final Duration MAX_RANGE = Duration.ofDays(5 * 366);

  private final Reports reports;
  private final Pages pages;
  private final ObjectMapper json;
  private final Clock clock;

  ReportRoutes(Reports reports, Pages pages, ObjectMapper json, Clock clock) {
    this.reports = reports;
    this.pages = pages;
    this.json = json;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/w/{slug}/reports", this::page, Access.VIEWER);
    app.get("/api/w/{slug}/reports/{name}", this::export, Access.VIEWER);
    app.get("/api/w/{slug}/metrics/{name}", this::metrics, Access.VIEWER);
  }

  /** A week of the truth metrics, with the bot share spelt out. */
  record WeekJson(
      java.time.LocalDate weekStart,
      int posts,
      double rawRate,
      double authenticRate,
      long engagements,
      long authenticEngagements,
      long botEngagements,
      double botShare) {
    static WeekJson of(WeekTruth w) {
      return new WeekJson(
          w.weekStart(),
          w.posts(),
          w.rawRate(),
          w.authenticRate(),
          w.engagements(),
          w.authenticEngagements(),
          w.botEngagements(),
          w.botShare());
    }
  }

  /** The audience quality score at one moment with its ingredients. */
  record QualityJson(
      Instant at,
      double qualityScore,
      long followers,
      long authenticFollowers,
      long engagedAudience,
      long engagements,
      long botEngagements,
      double botShare) {
    static QualityJson of(QualityPoint p) {
      return new QualityJson(
          p.at(),
          p.score(),
          p.followers(),
          p.authenticFollowers(),
          p.engagedAudience(),
          p.engagements(),
          p.botEngagements(),
          p.botShare());
    }
  }

  /** A monthly cohort; {@code retained} and {@code shares} follow {@link Retention#OFFSETS}. */
  record CohortJson(String month, long people, List<Long> retained, List<Double> shares) {
    static CohortJson of(Cohort c) {
      List<Double> shares = new ArrayList<>();
      for (int i = 0; i < c.retained().size(); i++) {
        shares.add(c.share(i));
      }
      return new CohortJson(c.month().toString(), c.people(), c.retained(), shares);
    }
  }

  /** The page's charts, as uPlot wants them: x in epoch seconds, values in percent or points. */
  record ChartData(
      List<Long> weeks,
      List<Double> raw,
      List<Double> authentic,
      List<Long> months,
      List<Double> quality) {}

  private void page(Context ctx) {
    Member m = Guard.member(ctx);
    Workspace ws = m.workspace();
    Instant now = clock.instant();
    List<ChannelStanding> standings = reports.standings(ws.id());
    List<WeekTruth> weeks = reports.weeks(ws.id(), Reports.weeksAgo(now, Reports.WEEKS), now);
    List<QualityPoint> quality =
        reports.quality(ws.id(), Reports.monthsAgo(now, Reports.MONTHS), now);
    List<Cohort> cohorts = reports.cohorts(ws.id(), now);
    pages.render(
        ctx,
        "reports.jte",
        pages.shell(ctx, "Reports · " + ws.name(), ws, "reports"),
        new ReportsView(
            ws,
            standings,
            Reports.adherence(standings),
            weeks,
            quality,
            cohorts,
            Retention.OFFSETS,
            Json.forScript(json, chart(weeks, quality))));
  }

  static ChartData chart(List<WeekTruth> weeks, List<QualityPoint> quality) {
    List<Long> x = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    List<Double> authentic = new ArrayList<>();
    for (WeekTruth w : weeks) {
      x.add(w.weekStart().atStartOfDay().toEpochSecond(ZoneOffset.UTC));
      raw.add(Reports.percent(w.rawRate()));
      authentic.add(Reports.percent(w.authenticRate()));
    }
    List<Long> months = new ArrayList<>();
    List<Double> score = new ArrayList<>();
    for (QualityPoint p : quality) {
      months.add(p.at().getEpochSecond());
      double s = p.followers() == 0 ? Double.NaN : p.score();
      score.add(Double.isNaN(s) ? null : s);
    }
    return new ChartData(x, raw, authentic, months, score);
  }

  private void metrics(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Instant now = clock.instant();
    String name = ctx.pathParam("name");
    switch (name) {
      case "weeks" -> {
        Range r = range(ctx, Reports.weeksAgo(now, Reports.WEEKS), now);
        ctx.json(
            Map.of(
                "from", r.from(),
                "to", r.to(),
                "items",
                    reports.weeks(ws.id(), r.from(), r.to()).stream().map(WeekJson::of).toList()));
      }
      case "quality" -> {
        Range r = range(ctx, Reports.monthsAgo(now, Reports.MONTHS), now);
        ctx.json(
            Map.of(
                "from", r.from(),
                "to", r.to(),
                "step", "P1M",
                "window", "P90D",
                "items",
                    reports.quality(ws.id(), r.from(), r.to()).stream()
                        .map(QualityJson::of)
                        .toList()));
      }
      case "retention" ->
          ctx.json(
              Map.of(
                  "offsetsMonths",
                  Retention.OFFSETS,
                  "items",
                  reports.cohorts(ws.id(), now).stream().map(CohortJson::of).toList()));
      default ->
          throw new NotFoundResponse(
              "No such metric: the metrics are weeks, quality and retention.");
    }
  }

  record Range(Instant from, Instant to) {}

  private static Range range(Context ctx, Instant defaultFrom, Instant defaultTo) {
    Instant from = Requests.instant(ctx, "from");
    Instant to = Requests.instant(ctx, "to");
    Range r = new Range(from == null ? defaultFrom : from, to == null ? defaultTo : to);
    if (!r.from().isBefore(r.to())) {
      throw Invalid.field("from", "'from' must be before 'to'.");
    }
    if (Duration.between(r.from(), r.to()).compareTo(MAX_RANGE) > 0) {
      throw Invalid.field("from", "Ask for at most five years at a time.");
    }
    return r;
  }

  private void export(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Instant now = clock.instant();
    String name = ctx.pathParam("name");
    String format = Requests.query(ctx, "format");
    format = format == null ? "json" : format.toLowerCase(Locale.ROOT);
    if (!format.equals("csv") && !format.equals("json")) {
      throw Invalid.field("format", "'format' must be csv or json, not '" + format + "'.");
    }
    boolean csv = format.equals("csv");
    Object body;
    StringBuilder text = new StringBuilder();
    switch (name) {
      case "consistency" -> {
        List<ChannelStanding> standings = reports.standings(ws.id());
        List<Reports.Adherence> rows = Reports.adherence(standings);
        body = Map.of("workspace", ws.slug(), "adherence", rows, "channels", standings);
        text.append(
            Csv.row(
                List.of(
                    "channel_id",
                    "platform",
                    "handle",
                    "month",
                    "weeks",
                    "planned",
                    "published",
                    "met_bar",
                    "weeks_met",
                    "adherence")));
        for (Reports.Adherence a : rows) {
          text.append(
              Csv.row(
                  List.of(
                      String.valueOf(a.channelId()),
                      a.platform(),
                      a.handle(),
                      a.month(),
                      String.valueOf(a.weeks()),
                      String.valueOf(a.planned()),
                      String.valueOf(a.published()),
                      String.valueOf(a.metBar()),
                      String.valueOf(a.weeksMet()),
                      Reports.number(a.adherence()))));
        }
      }
      case "truth" -> {
        List<WeekJson> rows =
            reports.weeks(ws.id(), Reports.weeksAgo(now, Reports.WEEKS), now).stream()
                .map(WeekJson::of)
                .toList();
        body = Map.of("workspace", ws.slug(), "weeks", rows);
        text.append(
            Csv.row(
                List.of(
                    "week_start",
                    "posts",
                    "raw_rate",
                    "authentic_rate",
                    "engagements",
                    "authentic_engagements",
                    "bot_engagements",
                    "bot_share")));
        for (WeekJson w : rows) {
          text.append(
              Csv.row(
                  List.of(
                      w.weekStart().toString(),
                      String.valueOf(w.posts()),
                      Reports.number(w.rawRate()),
                      Reports.number(w.authenticRate()),
                      String.valueOf(w.engagements()),
                      String.valueOf(w.authenticEngagements()),
                      String.valueOf(w.botEngagements()),
                      Reports.number(w.botShare()))));
        }
      }
      case "quality" -> {
        List<QualityJson> rows =
            reports.quality(ws.id(), Reports.monthsAgo(now, Reports.MONTHS), now).stream()
                .map(QualityJson::of)
                .toList();
        body = Map.of("workspace", ws.slug(), "quality", rows);
        text.append(
            Csv.row(
                List.of(
                    "at",
                    "quality_score",
                    "followers",
                    "authentic_followers",
                    "engaged_audience",
                    "engagements",
                    "bot_engagements",
                    "bot_share")));
        for (QualityJson q : rows) {
          text.append(
              Csv.row(
                  List.of(
                      q.at().toString(),
                      Reports.number(q.qualityScore()),
                      String.valueOf(q.followers()),
                      String.valueOf(q.authenticFollowers()),
                      String.valueOf(q.engagedAudience()),
                      String.valueOf(q.engagements()),
                      String.valueOf(q.botEngagements()),
                      Reports.number(q.botShare()))));
        }
      }
      case "retention" -> {
        List<CohortJson> rows = reports.cohorts(ws.id(), now).stream().map(CohortJson::of).toList();
        body = Map.of("workspace", ws.slug(), "offsetsMonths", Retention.OFFSETS, "cohorts", rows);
        List<String> header = new ArrayList<>(List.of("month", "people"));
        Retention.OFFSETS.forEach(k -> header.add("retained_m" + k));
        text.append(Csv.row(header));
        for (CohortJson c : rows) {
          List<String> cells = new ArrayList<>(List.of(c.month(), String.valueOf(c.people())));
          c.shares().forEach(s -> cells.add(s == null ? "" : Reports.number(s)));
          text.append(Csv.row(cells));
        }
      }
      default ->
          throw new NotFoundResponse(
              "No such report: the reports are consistency, truth, quality and retention.");
    }
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"" + ws.slug() + "-" + name + "." + format + "\"");
    if (csv) {
      ctx.contentType("text/csv; charset=utf-8").result(text.toString());
    } else {
      ctx.json(body);
    }
  }
}
