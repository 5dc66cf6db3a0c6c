package dev.rapport.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.authenticity.Category;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.people.Audits;
import dev.rapport.people.Audits.FlaggedIdentity;
import dev.rapport.people.Audits.FlaggedPage;
import dev.rapport.web.view.AudienceView;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The audience audit page and its export: the breakdown by verdict, the commonest reasons, the
 * flagged accounts (filtered by category and platform) and the history of stored audits.
 * Thread-safe.
 */
final class AudienceRoutes {

  static final int PAGE = 50;
  static final int HISTORY = 20;
  static final int REASONS = 10;

  /** Accounts read per query while exporting: bounded memory whatever the audience size. */
  static final int EXPORT_BATCH = 1_000;

  /** The categories whose reasons the page lists: every account not counted as authentic. */
  static final Set<Category> NOT_AUTHENTIC =
      EnumSet.of(
          Category.MASS_FOLLOWER,
          Category.SUSPICIOUS,
          Category.INACTIVE,
          Category.SELF_DECLARED_BOT);

  private final Truth truth;
  private final Audits audits;
  private final Workspaces workspaces;
  private final Pages pages;
  private final ObjectMapper json;
  private final Clock clock;

  AudienceRoutes(
      Truth truth,
      Audits audits,
      Workspaces workspaces,
      Pages pages,
      ObjectMapper json,
      Clock clock) {
    this.truth = truth;
    this.audits = audits;
    this.workspaces = workspaces;
    this.pages = pages;
    this.json = json;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/w/{slug}/audience", this::page, Access.VIEWER);
    app.get("/w/{slug}/audience/export", this::export, Access.VIEWER);
  }

  private void page(Context ctx) {
    Member member = Guard.member(ctx);
    Workspace ws = member.workspace();
    AudienceFilter filter = AudienceFilter.of(ctx);
    int offset = Requests.number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    TruthSummary summary = truth.summary(ws.id(), clock.instant(), Truth.DEFAULT_WINDOW);
    FlaggedPage flagged =
        audits.flagged(ws.id(), filter.categories(), filter.platform(), offset, PAGE);
    Map<Long, Channel> channels =
        workspaces.channels(ws.id()).stream()
            .collect(Collectors.toMap(Channel::id, Function.identity()));
    AudienceView view =
        new AudienceView(
            ws,
            summary,
            audits.reasons(ws.id(), filter.categories(), REASONS),
            filter.category(),
            filter.platform() == null ? null : filter.platform().code(),
            filter.query(),
            flagged,
            offset,
            PAGE,
            audits.history(ws.id(), HISTORY),
            channels,
            member.role().atLeast(dev.rapport.workspace.Role.MANAGER));
    pages.render(
        ctx, "audience.jte", pages.shell(ctx, "Audience · " + ws.name(), ws, "audience"), view);
  }

  private void export(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    AudienceFilter filter = AudienceFilter.of(ctx);
    String format = Requests.query(ctx, "format");
    format = format == null ? "csv" : format.toLowerCase(Locale.ROOT);
    if (!format.equals("csv") && !format.equals("json")) {
      throw new IllegalArgumentException("'format' must be csv or json, not '" + format + "'.");
    }
    String name = ws.slug() + "-" + filter.category() + "." + format;
    ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    ctx.header("Cache-Control", "no-store");
    ctx.attribute(Errors.HANDLED, Boolean.TRUE);
    try (Writer out = new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8)) {
      if (format.equals("csv")) {
        ctx.contentType("text/csv; charset=utf-8");
        csv(ws, filter, out);
      } else {
        ctx.contentType("application/json");
        json(ws, filter, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void csv(Workspace ws, AudienceFilter filter, Writer out) throws IOException {
    out.write(
        Csv.row(
            List.of(
                "identity_id",
                "person_id",
                "platform",
                "platform_user_id",
                "handle",
                "display_name",
                "category",
                "probability",
                "decided_at",
                "reasons")));
    each(
        ws,
        filter,
        f -> {
          try {
            out.write(
                Csv.row(
                    List.of(
                        String.valueOf(f.identityId()),
                        String.valueOf(f.personId()),
                        f.platform().code(),
                        nz(f.platformUserId()),
                        nz(f.handle()),
                        nz(f.displayName()),
                        f.category().code(),
                        String.format(Locale.ROOT, "%.4f", f.probability()),
                        f.decidedAt() == null ? "" : f.decidedAt().toString(),
                        String.join("; ", f.reasons()))));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private void json(Workspace ws, AudienceFilter filter, Writer out) throws IOException {
    try (JsonGenerator g = json.getFactory().createGenerator(out)) {
      g.writeStartArray();
      each(
          ws,
          filter,
          f -> {
            try {
              json.writeValue(g, ApiViews.flagged(f));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      g.writeEndArray();
    }
  }

  private void each(Workspace ws, AudienceFilter filter, Consumer<FlaggedIdentity> sink) {
    int offset = 0;
    while (true) {
      FlaggedPage page =
          audits.flagged(ws.id(), filter.categories(), filter.platform(), offset, EXPORT_BATCH);
      page.identities().forEach(sink);
      offset += page.identities().size();
      if (page.identities().size() < EXPORT_BATCH || offset >= page.total()) {
        return;
      }
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
