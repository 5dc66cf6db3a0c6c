package dev.rapport.web;

import dev.rapport.people.BrandAction;
import dev.rapport.people.DoneOutcome;
import dev.rapport.people.FocusKind;
import dev.rapport.people.FocusList;
import dev.rapport.people.People;
import dev.rapport.people.Person;
import dev.rapport.web.view.FocusView;
import dev.rapport.web.view.PersonNames;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Today's focus list and "done": the page brings the list up to date with the ledger (an
 * incremental refresh, as {@code rapport focus} does) and records what the brand did. Thread-safe.
 */
final class FocusRoutes {

  static final int LIMIT = FocusList.DEFAULT_LIMIT;

  private final FocusList focus;
  private final People people;
  private final Workspaces workspaces;
  private final Pages pages;
  private final Clock clock;

  FocusRoutes(FocusList focus, People people, Workspaces workspaces, Pages pages, Clock clock) {
    this.focus = focus;
    this.people = people;
    this.workspaces = workspaces;
    this.pages = pages;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/w/{slug}/focus", this::page, Access.VIEWER);
    app.post("/w/{slug}/focus/{id}/done", this::done, Access.AUTHOR);
  }

  private void page(Context ctx) {
    Member m = Guard.member(ctx);
    Workspace ws = m.workspace();
    focus.refresh(ws.id(), clock.instant());
    FocusView view =
        new FocusView(
            ws,
            m.role(),
            focus.today(ws.id(), LIMIT),
            workspaces.channels(ws.id()).stream()
                .collect(Collectors.toMap(Channel::id, Function.identity())),
            doneNotice(ws, Requests.query(ctx, "done")));
    pages.render(ctx, "focus.jte", pages.shell(ctx, "Focus · " + ws.name(), ws, "focus"), view);
  }

  private void done(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Person p = PeopleRoutes.find(people, ctx, ws);
    Done d =
        Done.parse(
            ctx.formParam("reason"),
            ctx.formParam("action"),
            ctx.formParam("channel"),
            ctx.formParam("note"));
    record(ctx, ws, p, d);
    // The list no longer shows the person: the page after the redirect says where it went.
    ctx.redirect("/w/" + ws.slug() + "/focus?done=" + p.id(), HttpStatus.SEE_OTHER);
  }

  /**
   * "Marked done" for the person of {@code ?done=}, named as the pages name them; null when there
   * is none, or it is not a person of this workspace (the address only ever names one).
   */
  private FocusView.Done doneNotice(Workspace ws, String raw) {
    if (raw == null) {
      return null;
    }
    long id;
    try {
      id = Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      return null;
    }
    return people
        .person(ws.id(), id)
        .map(p -> new FocusView.Done(p.id(), PersonNames.of(p, people.identitiesOf(ws.id(), id))))
        .orElse(null);
  }

  /** Records a "done" for the person; refusals are conflicts with the reason in plain words. */
  DoneOutcome.Recorded record(Context ctx, Workspace ws, Person p, Done d) {
    if (d.channelId() != null && workspaces.channel(ws.id(), d.channelId()).isEmpty()) {
      throw new IllegalArgumentException("There is no channel " + d.channelId() + " here.");
    }
    DoneOutcome out =
        focus.done(ws.id(), p.id(), d.kind(), d.action(), d.channelId(), d.note(), clock.instant());
    if (out instanceof DoneOutcome.Refused no) {
      throw new ConflictResponse(no.reason());
    }
    return (DoneOutcome.Recorded) out;
  }

  /** A validated "done": which reason it settles, what the brand did, where, and a few words. */
  record Done(FocusKind kind, BrandAction action, Long channelId, String note) {

    static final int MAX_NOTE = 2_000;

    static Done parse(String reason, String action, String channel, String note) {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException(
            "Say which reason this settles: unanswered, close_to_buying, slipping or"
                + " thank_advocate.");
      }
      FocusKind kind;
      try {
        kind = FocusKind.fromCode(reason);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'reason' must be unanswered, close_to_buying, slipping or thank_advocate; not '"
                + reason
                + "'.");
      }
      BrandAction act;
      try {
        act =
            action == null || action.isBlank()
                ? BrandAction.OTHER
                : BrandAction.fromCode(action.toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'action' must be replied, thanked, messaged, offered or other; not '" + action + "'.");
      }
      Long ch = null;
      if (channel != null && !channel.isBlank()) {
        try {
          ch = Long.parseLong(channel.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "'channel' must be a channel number, not '" + channel + "'.");
        }
      }
      String n = note == null || note.isBlank() ? null : note.strip();
      if (n != null && n.length() > MAX_NOTE) {
        throw new IllegalArgumentException("A note holds at most 2,000 characters.");
      }
      return new Done(kind, act, ch, n);
    }
  }
}
