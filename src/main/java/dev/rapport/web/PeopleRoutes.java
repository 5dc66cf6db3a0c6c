package dev.rapport.web;

import dev.rapport.people.Directory;
import dev.rapport.people.MergeOutcome;
import dev.rapport.people.MergeSuggestion;
import dev.rapport.people.Merges;
import dev.rapport.people.Notes;
import dev.rapport.people.People;
import dev.rapport.people.Person;
import dev.rapport.people.Stages;
import dev.rapport.people.Timeline;
import dev.rapport.people.TimelineEntry;
import dev.rapport.people.UndoOutcome;
import dev.rapport.web.view.PeopleView;
import dev.rapport.web.view.PersonNames;
import dev.rapport.web.view.PersonView;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The people pages: the filtered list, and one person with timeline, notes, tags, identities,
 * merges and undo. Reading needs a viewer; notes and tags an author; merges a manager. A note is
 * corrected or deleted by its author or a manager. Every id in a path is looked up inside the
 * workspace of the path, so another workspace's person (or another person's note) is a 404.
 * Thread-safe.
 */
final class PeopleRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(PeopleRoutes.class);

  static final int PAGE = 50;
  static final int TIMELINE_PAGE = 50;

  /** Suggestions read before keeping this person's: all of them, in any real workspace. */
  static final int SUGGESTIONS_SCANNED = 1_000_000;

  private final People people;
  private final Directory directory;
  private final Notes notes;
  private final Stages stages;
  private final Merges merges;
  private final Timeline timeline;
  private final Workspaces workspaces;
  private final Pages pages;
  private final Clock clock;

  PeopleRoutes(
      People people,
      Directory directory,
      Notes notes,
      Stages stages,
      Merges merges,
      Timeline timeline,
      Workspaces workspaces,
      Pages pages,
      Clock clock) {
    this.people = people;
    this.directory = directory;
    this.notes = notes;
    this.stages = stages;
    this.merges = merges;
    this.timeline = timeline;
    this.workspaces = workspaces;
    this.pages = pages;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/w/{slug}/people", this::list, Access.VIEWER);
    app.get("/w/{slug}/people/{id}", this::person, Access.VIEWER);
    app.post("/w/{slug}/people/{id}/notes", this::addNote, Access.AUTHOR);
    app.post("/w/{slug}/people/{id}/notes/{note}", this::editNote, Access.AUTHOR);
    app.post("/w/{slug}/people/{id}/notes/{note}/delete", this::deleteNote, Access.AUTHOR);
    app.post("/w/{slug}/people/{id}/tags", this::tag, Access.AUTHOR);
    app.post("/w/{slug}/people/{id}/tags/remove", this::untag, Access.AUTHOR);
    app.post("/w/{slug}/people/{id}/merge", this::merge, Access.MANAGER);
    app.post("/w/{slug}/people/{id}/merges/undo", this::undo, Access.MANAGER);
  }

  private void list(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    PeopleQuery q = PeopleQuery.of(ctx, clock.instant());
    int offset = Requests.number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    Directory.Page page = directory.find(ws.id(), q.filter(), offset, PAGE);
    pages.render(
        ctx,
        "people.jte",
        pages.shell(ctx, "People · " + ws.name(), ws, "people"),
        new PeopleView(ws, page, offset, PAGE, q.raw(), q.query()));
  }

  /** The person of the path, in the workspace of the path; 404 otherwise. */
  static Person find(People people, Context ctx, Workspace ws) {
    long id = Requests.pathId(ctx, "id", "person");
    return people.person(ws.id(), id).orElseThrow(() -> new NotFoundResponse("No such person."));
  }

  private void person(Context ctx) {
    Member m = Guard.member(ctx);
    Workspace ws = m.workspace();
    Person p = find(people, ctx, ws);
    Instant before = Requests.instant(ctx, "before");
    List<TimelineEntry> entries =
        new ArrayList<>(
            timeline.of(ws.id(), p.id(), before == null ? latest() : before, TIMELINE_PAGE + 1));
    Instant older = null;
    if (entries.size() > TIMELINE_PAGE) {
      entries = entries.subList(0, TIMELINE_PAGE);
      older = entries.get(TIMELINE_PAGE - 1).at();
    }
    List<Merges.MergeRecord> history = merges.history(ws.id(), p.id());
    // Suggestions compare every identity of the workspace: only when asked for, not on every view.
    boolean suggest = "1".equals(Requests.query(ctx, "suggest"));
    List<MergeSuggestion> suggestions =
        !suggest
            ? List.of()
            : merges.suggestions(ws.id(), SUGGESTIONS_SCANNED).stream()
                .filter(s -> s.personA() == p.id() || s.personB() == p.id())
                .toList();
    Map<Long, String> names = new HashMap<>();
    for (Merges.MergeRecord r : history) {
      name(ws, r.keptPersonId(), names);
      name(ws, r.absorbedPersonId(), names);
    }
    for (MergeSuggestion s : suggestions) {
      name(ws, s.personA(), names);
      name(ws, s.personB(), names);
    }
    Map<Long, Channel> channels =
        workspaces.channels(ws.id()).stream()
            .collect(Collectors.toMap(Channel::id, Function.identity()));
    PersonView view =
        new PersonView(
            ws,
            m.role(),
            userId(ctx),
            p,
            people.identitiesOf(ws.id(), p.id()),
            notes.tags(ws.id(), p.id()),
            notes.of(ws.id(), p.id()),
            stages.history(ws.id(), p.id()),
            history,
            suggest,
            suggestions,
            entries,
            older,
            channels,
            names);
    pages.render(
        ctx, "person.jte", pages.shell(ctx, view.name() + " · " + ws.name(), ws, "people"), view);
  }

  private void name(Workspace ws, long personId, Map<Long, String> names) {
    names.computeIfAbsent(
        personId,
        id ->
            people
                .person(ws.id(), id)
                .map(o -> PersonNames.of(o, people.identitiesOf(ws.id(), id)))
                .orElse("Person " + id));
  }

  private void addNote(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Person p = find(people, ctx, ws);
    String body = ctx.formParam("body");
    notes.add(ws.id(), p.id(), userId(ctx), author(ctx), body == null ? "" : body, clock.instant());
    back(ctx, ws, p, "notes");
  }

  private void editNote(Context ctx) {
    Member m = Guard.member(ctx);
    Person p = find(people, ctx, m.workspace());
    Notes.Note n = changeableNote(notes, ctx, m, p);
    String body = ctx.formParam("body");
    notes.edit(m.workspace().id(), n.id(), body == null ? "" : body, clock.instant());
    back(ctx, m.workspace(), p, "note-" + n.id());
  }

  private void deleteNote(Context ctx) {
    Member m = Guard.member(ctx);
    Person p = find(people, ctx, m.workspace());
    Notes.Note n = changeableNote(notes, ctx, m, p);
    notes.delete(m.workspace().id(), n.id());
    LOG.atInfo()
        .addKeyValue("workspace", m.workspace().id())
        .addKeyValue("person", p.id())
        .addKeyValue("note", n.id())
        .addKeyValue("user", userId(ctx))
        .log("note deleted");
    back(ctx, m.workspace(), p, "notes");
  }

  /**
   * The note of the path, on the person of the path (404 otherwise), if the caller may change it:
   * its author or a manager (403 otherwise).
   */
  static Notes.Note changeableNote(Notes notes, Context ctx, Member m, Person p) {
    long id = Requests.pathId(ctx, "note", "note");
    Notes.Note n =
        notes
            .note(m.workspace().id(), id)
            .filter(x -> x.personId() == p.id())
            .orElseThrow(() -> new NotFoundResponse("No such note."));
    if (!n.changeableBy(userId(ctx), m.role().atLeast(Role.MANAGER))) {
      throw new ForbiddenResponse("Only the note's author or a manager may change it.");
    }
    return n;
  }

  private void tag(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Person p = find(people, ctx, ws);
    notes.tag(ws.id(), p.id(), Notes.normalTag(ctx.formParam("tag")), clock.instant());
    back(ctx, ws, p, "tags");
  }

  private void untag(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Person p = find(people, ctx, ws);
    notes.untag(ws.id(), p.id(), Notes.normalTag(ctx.formParam("tag")));
    back(ctx, ws, p, "tags");
  }

  private void merge(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Person kept = find(people, ctx, ws);
    String raw = ctx.formParam("other");
    long otherId;
    try {
      otherId = Long.parseLong(raw == null ? "" : raw.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Give the number of the person to merge into this one, e.g. 42.");
    }
    Person absorbed =
        people
            .person(ws.id(), otherId)
            .orElseThrow(() -> new IllegalArgumentException("There is no person " + otherId + "."));
    String reason = ctx.formParam("reason");
    reason = reason == null || reason.isBlank() ? "merged by " + author(ctx) : reason.strip();
    MergeOutcome out = merges.merge(ws.id(), kept.id(), absorbed.id(), reason, clock.instant());
    if (out instanceof MergeOutcome.Refused no) {
      throw new ConflictResponse(no.reason());
    }
    LOG.atInfo()
        .addKeyValue("workspace", ws.id())
        .addKeyValue("kept", kept.id())
        .addKeyValue("absorbed", absorbed.id())
        .addKeyValue("user", Guard.caller(ctx).orElseThrow().user().id())
        .log("persons merged");
    back(ctx, ws, kept, "merges");
  }

  private void undo(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Person p = find(people, ctx, ws);
    long mergeId;
    try {
      mergeId = Long.parseLong(String.valueOf(ctx.formParam("merge")).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Say which merge to undo (its number).");
    }
    // Only a merge this person took part in, so that the address names what is undone.
    boolean known = merges.history(ws.id(), p.id()).stream().anyMatch(r -> r.id() == mergeId);
    if (!known) {
      throw new NotFoundResponse("No such merge.");
    }
    UndoOutcome out = merges.undo(ws.id(), mergeId, clock.instant());
    if (out instanceof UndoOutcome.Refused no) {
      throw new ConflictResponse(no.reason());
    }
    LOG.atInfo()
        .addKeyValue("workspace", ws.id())
        .addKeyValue("merge", mergeId)
        .addKeyValue("user", Guard.caller(ctx).orElseThrow().user().id())
        .log("merge undone");
    back(ctx, ws, p, "merges");
  }

  static String author(Context ctx) {
    return Guard.caller(ctx).orElseThrow().user().displayName();
  }

  static long userId(Context ctx) {
    return Guard.caller(ctx).orElseThrow().user().id();
  }

  private static void back(Context ctx, Workspace ws, Person p, String anchor) {
    ctx.redirect("/w/" + ws.slug() + "/people/" + p.id() + "#" + anchor, HttpStatus.SEE_OTHER);
  }

  /**
   * The timeline's "before" for its newest page: just after now, so that what happened now shows.
   */
  private Instant latest() {
    return clock.instant().plusMillis(1);
  }
}
