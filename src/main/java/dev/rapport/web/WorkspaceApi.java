package dev.rapport.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.people.Audits;
import dev.rapport.people.Directory;
import dev.rapport.people.FocusList;
import dev.rapport.people.Merges;
import dev.rapport.people.Notes;
import dev.rapport.people.People;
import dev.rapport.people.Person;
import dev.rapport.people.Stages;
import dev.rapport.people.Timeline;
import dev.rapport.people.TimelineEntry;
import dev.rapport.platforms.Connections;
import dev.rapport.platforms.Connections.ConnectionStatus;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The JSON twins of the people, focus, audience and channel pages under {@code /api/w/{slug}/}.
 * Lists are paged with {@code offset} and {@code limit}; bodies are JSON objects, checked field by
 * field; every error is a problem detail (see {@link Errors}). Thread-safe.
 */
final class WorkspaceApi {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  private final People people;
  private final Directory directory;
  private final Notes notes;
  private final Stages stages;
  private final Merges merges;
  private final Timeline timeline;
  private final FocusList focus;
  private final FocusRoutes focusRoutes;
  private final Audits audits;
  private final Truth truth;
  private final Workspaces workspaces;
  private final Connections connections;
  private final ObjectMapper json;
  private final Clock clock;

  WorkspaceApi(
      People people,
      Directory directory,
      Notes notes,
      Stages stages,
      Merges merges,
      Timeline timeline,
      FocusList focus,
      FocusRoutes focusRoutes,
      Audits audits,
      Truth truth,
      Workspaces workspaces,
      Connections connections,
      ObjectMapper json,
      Clock clock) {
    this.people = people;
    this.directory = directory;
    this.notes = notes;
    this.stages = stages;
    this.merges = merges;
    this.timeline = timeline;
    this.focus = focus;
    this.focusRoutes = focusRoutes;
    this.audits = audits;
    this.truth = truth;
    this.workspaces = workspaces;
    this.connections = connections;
    this.json = json;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/api/w/{slug}/people", this::people, Access.VIEWER);
    app.get("/api/w/{slug}/people/{id}", this::person, Access.VIEWER);
    app.post("/api/w/{slug}/people/{id}/notes", this::addNote, Access.AUTHOR);
    app.patch("/api/w/{slug}/people/{id}/notes/{note}", this::editNote, Access.AUTHOR);
    app.delete("/api/w/{slug}/people/{id}/notes/{note}", this::deleteNote, Access.AUTHOR);
    app.get("/api/w/{slug}/focus", this::focus, Access.VIEWER);
    app.post("/api/w/{slug}/focus/{id}/done", this::done, Access.AUTHOR);
    app.get("/api/w/{slug}/audits", this::audits, Access.VIEWER);
    app.get("/api/w/{slug}/audience", this::audience, Access.VIEWER);
    app.get("/api/w/{slug}/channels", this::channels, Access.VIEWER);
  }

  private void people(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    PeopleQuery q = PeopleQuery.of(ctx, clock.instant());
    int offset = Requests.number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = Requests.number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    Directory.Page page = directory.find(ws.id(), q.filter(), offset, limit);
    ctx.json(
        ApiViews.Paged.of(
            page.people().stream().map(ApiViews::person).toList(),
            page.total(),
            offset,
            limit,
            "/api/w/" + ws.slug() + "/people" + (q.query().isEmpty() ? "" : "?" + q.query())));
  }

  private void person(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Person p = PeopleRoutes.find(people, ctx, ws);
    int limit = Requests.number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    Instant before = Requests.instant(ctx, "before");
    List<TimelineEntry> entries =
        new ArrayList<>(
            timeline.of(ws.id(), p.id(), before == null ? latest() : before, limit + 1));
    String next = null;
    if (entries.size() > limit) {
      entries = entries.subList(0, limit);
      next =
          "/api/w/"
              + ws.slug()
              + "/people/"
              + p.id()
              + "?before="
              + entries.get(limit - 1).at()
              + "&limit="
              + limit;
    }
    ctx.json(
        new ApiViews.PersonDetail(
            ApiViews.person(p, people.identitiesOf(ws.id(), p.id()), notes.tags(ws.id(), p.id())),
            notes.of(ws.id(), p.id()).stream().map(ApiViews::note).toList(),
            stages.history(ws.id(), p.id()).stream().map(ApiViews::stage).toList(),
            merges.history(ws.id(), p.id()).stream().map(ApiViews::merge).toList(),
            entries.stream().map(ApiViews::entry).toList(),
            next));
  }

  private void addNote(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Person p = PeopleRoutes.find(people, ctx, ws);
    JsonNode body = body(ctx);
    String text = text(body, "body", true);
    Notes.Note note =
        notes.add(
            ws.id(),
            p.id(),
            PeopleRoutes.userId(ctx),
            PeopleRoutes.author(ctx),
            text,
            clock.instant());
    ctx.status(HttpStatus.CREATED)
        .header("Location", "/api/w/" + ws.slug() + "/people/" + p.id())
        .json(ApiViews.note(note));
  }

  /** A note's author or a manager corrects its text; it keeps its time and gets an edit time. */
  private void editNote(Context ctx) {
    Member m = Guard.member(ctx);
    Person p = PeopleRoutes.find(people, ctx, m.workspace());
    Notes.Note n = PeopleRoutes.changeableNote(notes, ctx, m, p);
    String text = text(body(ctx), "body", true);
    Notes.Note edited =
        notes
            .edit(m.workspace().id(), n.id(), text, clock.instant())
            .orElseThrow(() -> new NotFoundResponse("No such note."));
    ctx.json(ApiViews.note(edited));
  }

  private void deleteNote(Context ctx) {
    Member m = Guard.member(ctx);
    Person p = PeopleRoutes.find(people, ctx, m.workspace());
    Notes.Note n = PeopleRoutes.changeableNote(notes, ctx, m, p);
    notes.delete(m.workspace().id(), n.id());
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private void focus(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    int limit = Requests.number(ctx, "limit", FocusList.DEFAULT_LIMIT, 1, MAX_LIMIT);
    focus.refresh(ws.id(), clock.instant());
    ctx.json(Map.of("items", focus.today(ws.id(), limit).stream().map(ApiViews::focus).toList()));
  }

  private void done(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Person p = PeopleRoutes.find(people, ctx, ws);
    JsonNode body = body(ctx);
    JsonNode channel = body.get("channelId");
    if (channel != null && !channel.isNull() && !channel.canConvertToLong()) {
      throw new IllegalArgumentException("'channelId' must be a channel number.");
    }
    FocusRoutes.Done d =
        FocusRoutes.Done.parse(
            text(body, "reason", true),
            text(body, "action", false),
            channel == null || channel.isNull() ? null : channel.asText(),
            text(body, "note", false));
    var recorded = focusRoutes.record(ctx, ws, p, d);
    ctx.status(HttpStatus.CREATED)
        .json(Map.of("actionId", recorded.actionId(), "answered", recorded.answered()));
  }

  private void audits(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    int limit = Requests.number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    ctx.json(
        Map.of("items", audits.history(ws.id(), limit).stream().map(ApiViews::audit).toList()));
  }

  /** The audience breakdown, the commonest reasons and a page of the flagged accounts. */
  record Audience(
      Instant asOf,
      long vanityFollowers,
      long followers,
      long authenticFollowers,
      double qualityScore,
      Map<String, Long> byCategory,
      List<dev.rapport.authenticity.AuditReport.ReasonCount> reasons,
      ApiViews.Paged<ApiViews.FlaggedJson> flagged) {}

  private void audience(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    AudienceFilter filter = AudienceFilter.of(ctx);
    int offset = Requests.number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = Requests.number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    TruthSummary s = truth.summary(ws.id(), clock.instant(), Truth.DEFAULT_WINDOW);
    Audits.FlaggedPage page =
        audits.flagged(ws.id(), filter.categories(), filter.platform(), offset, limit);
    ctx.json(
        new Audience(
            s.asOf(),
            s.vanityFollowers(),
            s.followers(),
            s.authenticFollowers(),
            s.qualityScore(),
            ApiViews.categories(s.audience().byCategory()),
            audits.reasons(ws.id(), filter.categories(), AudienceRoutes.REASONS),
            ApiViews.Paged.of(
                page.identities().stream().map(ApiViews::flagged).toList(),
                page.total(),
                offset,
                limit,
                "/api/w/"
                    + ws.slug()
                    + "/audience"
                    + (filter.query().isEmpty() ? "" : "?" + filter.query()))));
  }

  private void channels(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Map<Long, ConnectionStatus> statuses =
        connections.statuses(ws.id()).stream()
            .collect(Collectors.toMap(ConnectionStatus::channelId, Function.identity()));
    ctx.json(
        Map.of(
            "items",
            workspaces.channels(ws.id()).stream()
                .map(c -> ApiViews.channel(c, statuses.get(c.id())))
                .toList()));
  }

  /** The request's JSON object; anything else is a 400 that says what was wrong. */
  private JsonNode body(Context ctx) {
    return JsonBody.read(json, ctx);
  }

  private static String text(JsonNode body, String field, boolean required) {
    return JsonBody.text(body, field, required);
  }

  /**
   * The timeline's "before" for its newest page: just after now, so that what happened now shows.
   */
  private Instant latest() {
    return clock.instant().plusMillis(1);
  }
}
