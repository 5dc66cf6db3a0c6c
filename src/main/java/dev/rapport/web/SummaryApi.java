package dev.rapport.web;

import dev.rapport.authenticity.Category;
import dev.rapport.engagement.CoreMember;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.workspace.Workspace;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/w/{slug}/summary}: the vanity-vs-truth summary as JSON; {@code GET
 * /api/w/{slug}/core}: the core as people. Thread-safe.
 */
final class SummaryApi {

  private final Truth truth;
  private final Clock clock;

  SummaryApi(Truth truth, Clock clock) {
    this.truth = truth;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/api/w/{slug}/summary", this::summary, Access.VIEWER);
    app.get("/api/w/{slug}/core", this::core, Access.VIEWER);
  }

  /**
   * The summary's figures plus the derived ones (followers, authentic followers, quality score).
   * Rates and shares are fractions (0.034, not 3.4); undefined ones are null.
   */
  record Summary(
      String workspace,
      Instant asOf,
      long windowDays,
      long vanityFollowers,
      long followers,
      long authenticFollowers,
      Map<String, Long> audience,
      long engagedAudience,
      long core,
      long customers,
      int posts,
      long engagements,
      long authenticEngagements,
      double rawRate,
      double authenticRate,
      double botShare,
      double weightedEngagement,
      double qualityScore) {}

  /** The core's size and its most constant people (limit: 1–200, default 50). */
  record Core(String workspace, Instant asOf, long total, List<CoreMember> items) {}

  private void core(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    int limit =
        Requests.number(ctx, "limit", WorkspaceApi.DEFAULT_LIMIT, 1, WorkspaceApi.MAX_LIMIT);
    Instant now = clock.instant();
    long total = truth.summary(ws.id(), now, Truth.DEFAULT_WINDOW).core();
    ctx.json(new Core(ws.slug(), now, total, truth.core(ws.id(), now, limit)));
  }

  private void summary(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    TruthSummary s = truth.summary(ws.id(), clock.instant(), Truth.DEFAULT_WINDOW);
    Map<String, Long> audience = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      audience.put(c.code(), s.audience().of(c));
    }
    ctx.json(
        new Summary(
            ws.slug(),
            s.asOf(),
            s.window().toDays(),
            s.vanityFollowers(),
            s.followers(),
            s.authenticFollowers(),
            audience,
            s.engagedAudience(),
            s.core(),
            s.customers(),
            s.posts(),
            s.engagements(),
            s.authenticEngagements(),
            s.rawRate(),
            s.authenticRate(),
            s.botShare(),
            s.weightedEngagement(),
            s.qualityScore()));
  }
}
