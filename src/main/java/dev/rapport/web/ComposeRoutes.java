package dev.rapport.web;

import dev.rapport.content.PostState;
import dev.rapport.content.quality.BrandLessons;
import dev.rapport.content.quality.Forecast;
import dev.rapport.content.quality.Media;
import dev.rapport.content.quality.WhatWorked;
import dev.rapport.publishing.DraftPost;
import dev.rapport.publishing.GateReport;
import dev.rapport.publishing.Gates;
import dev.rapport.publishing.PlannedPost;
import dev.rapport.publishing.PlannedVariant;
import dev.rapport.publishing.Planner;
import dev.rapport.publishing.PublishingSettings;
import dev.rapport.publishing.Refused;
import dev.rapport.publishing.Reviews;
import dev.rapport.publishing.ScheduleOutcome;
import dev.rapport.web.view.ComposeView;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The composer: write a post once with a variant per channel, see the rubric's findings as one
 * types (the page's script calls {@code POST /api/w/{slug}/lint}), then save it as a draft, submit
 * it for approval, approve it, or schedule it (next free slot or a chosen time), as the workspace's
 * review settings and the caller's role allow. A saved post shows its gates, its forecast and the
 * text that will be posted (untracked links replaced). Thread-safe.
 */
final class ComposeRoutes {

  private final Reviews reviews;
  private final Planner planner;
  private final Gates gates;
  private final BrandLessons lessons;
  private final Workspaces workspaces;
  private final Pages pages;
  private final Clock clock;

  ComposeRoutes(
      Reviews reviews,
      Planner planner,
      Gates gates,
      BrandLessons lessons,
      Workspaces workspaces,
      Pages pages,
      Clock clock) {
    this.reviews = reviews;
    this.planner = planner;
    this.gates = gates;
    this.lessons = lessons;
    this.workspaces = workspaces;
    this.pages = pages;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/w/{slug}/compose", this::page, Access.AUTHOR);
    app.post("/w/{slug}/compose", this::submit, Access.AUTHOR);
  }

  /** What the form sent, kept as typed so that a refused step loses nothing. */
  private record Form(
      Long postId,
      String title,
      String sharedText,
      Map<Long, String> texts,
      List<Long> chosen,
      String action,
      String at) {

    static Form of(Context ctx) {
      Long post = null;
      String raw = ctx.formParam("post");
      if (raw != null && !raw.isBlank()) {
        try {
          post = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
          throw new NotFoundResponse("No such post.");
        }
      }
      List<Long> chosen = new ArrayList<>();
      for (String c : ctx.formParams("channel")) {
        try {
          chosen.add(Long.parseLong(c.strip()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'channel' must be a channel id, not '" + c + "'.");
        }
      }
      Map<Long, String> texts = new LinkedHashMap<>();
      ctx.formParamMap()
          .forEach(
              (name, values) -> {
                if (name.startsWith("text_") && !values.isEmpty()) {
                  try {
                    texts.put(Long.parseLong(name.substring(5)), values.get(0));
                  } catch (NumberFormatException e) {
                    // not a channel's text field; ignored like any unknown field
                  }
                }
              });
      String action = ctx.formParam("action");
      return new Form(
          post,
          blankToEmpty(ctx.formParam("title")),
          blankToEmpty(ctx.formParam("text")),
          texts,
          chosen,
          action == null ? "draft" : action,
          blankToEmpty(ctx.formParam("at")));
    }

    /** A channel's own text, else the shared text. */
    String textOf(long channelId) {
      String own = texts.get(channelId);
      return own == null || own.isBlank() ? sharedText : own;
    }
  }

  private static String blankToEmpty(String s) {
    return s == null ? "" : s;
  }

  private void page(Context ctx) {
    Member m = Guard.member(ctx);
    Workspace ws = m.workspace();
    String raw = Requests.query(ctx, "post");
    if (raw == null) {
      render(ctx, blank(ctx, ws), 200);
      return;
    }
    long id;
    try {
      id = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new NotFoundResponse("No such post.");
    }
    PlannedPost post =
        reviews.post(ws.id(), id).orElseThrow(() -> new NotFoundResponse("No such post."));
    ComposeView.Notice notice = noticeOf(ws, Requests.query(ctx, "done"));
    render(ctx, saved(ctx, ws, post, Map.of(), notice, ""), 200);
  }

  /** What the last step did, with the list the post now sits in (where it is found again). */
  private static ComposeView.Notice noticeOf(Workspace ws, String done) {
    if (done == null) {
      return null;
    }
    String posts = "/w/" + ws.slug() + "/posts?state=";
    return switch (done) {
      case "saved" ->
          new ComposeView.Notice(
              "Saved as a draft.", "See all drafts", posts + PostState.DRAFT.code());
      case "submitted" ->
          new ComposeView.Notice(
              "Submitted: a manager reviews it next.",
              "See posts in review",
              posts + PostState.IN_REVIEW.code());
      case "approved" ->
          new ComposeView.Notice(
              "Approved: it can be scheduled now.",
              "See approved posts",
              posts + PostState.APPROVED.code());
      case "media-added" ->
          new ComposeView.Notice(
              "Attached. The quality gates below are checked again with it.", null, null);
      case "media-removed" -> new ComposeView.Notice("The attachment was removed.", null, null);
      default -> null;
    };
  }

  private void submit(Context ctx) {
    Member m = Guard.member(ctx);
    Workspace ws = m.workspace();
    long actor = Guard.caller(ctx).orElseThrow().user().id();
    Form form = Form.of(ctx);
    Optional<PlannedPost> existing =
        form.postId() == null
            ? Optional.empty()
            : Optional.of(
                reviews
                    .post(ws.id(), form.postId())
                    .orElseThrow(() -> new NotFoundResponse("No such post.")));
    List<Channel> channels = workspaces.channels(ws.id());

    Map<String, String> errors = validate(ws, form, existing, channels);
    if (!errors.isEmpty()) {
      render(ctx, typed(ctx, ws, form, existing, channels, errors), 422);
      return;
    }
    long postId;
    try {
      postId = save(actor, ws, form, existing, channels);
    } catch (Refused | IllegalArgumentException e) {
      render(ctx, typed(ctx, ws, form, existing, channels, Map.of("form", e.getMessage())), 409);
      return;
    }
    PublishingSettings settings = gates.settings(ws.id());
    PlannedPost post = reviews.post(ws.id(), postId).orElseThrow();
    if (settings.linkBase() != null) {
      for (PlannedVariant v : post.variants()) {
        if (v.state().compareTo(PostState.SCHEDULED) < 0) {
          gates.trackLinks(actor, ws.id(), v.id());
        }
      }
    }
    String base = "/w/" + ws.slug() + "/compose?post=" + postId;
    try {
      switch (form.action()) {
        case "draft" -> ctx.redirect(base + "&done=saved", HttpStatus.SEE_OTHER);
        case "submit" -> {
          reviews.submit(actor, ws.id(), postId);
          ctx.redirect(base + "&done=submitted", HttpStatus.SEE_OTHER);
        }
        case "approve" -> {
          reviews.approve(actor, ws.id(), postId);
          ctx.redirect(base + "&done=approved", HttpStatus.SEE_OTHER);
        }
        case "queue", "schedule" -> schedule(ctx, ws, actor, postId, form);
        default ->
            throw new IllegalArgumentException(
                "'action' must be draft, submit, approve, queue or schedule.");
      }
    } catch (Refused e) {
      PlannedPost now = reviews.post(ws.id(), postId).orElseThrow();
      render(ctx, saved(ctx, ws, now, Map.of("form", e.getMessage()), null, form.at()), 409);
    }
  }

  private Map<String, String> validate(
      Workspace ws, Form form, Optional<PlannedPost> existing, List<Channel> channels) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (form.title().length() > 200) {
      errors.put("title", "A title is at most 200 characters.");
    }
    List<Long> wanted =
        existing
            .map(p -> p.variants().stream().map(PlannedVariant::channelId).toList())
            .orElse(form.chosen());
    if (wanted.isEmpty()) {
      errors.put("channels", "Pick at least one channel to post on.");
    }
    for (long id : wanted) {
      if (channels.stream().noneMatch(c -> c.id() == id)) {
        throw new NotFoundResponse("No such channel.");
      }
      String text = form.textOf(id);
      if (text.isBlank()) {
        errors.put("text_" + id, "Write something for this channel (or a shared text above).");
      } else if (text.length() > 8000) {
        errors.put("text_" + id, "At most 8,000 characters; this is " + text.length() + ".");
      }
    }
    if (form.action().equals("schedule")) {
      if (form.at().isBlank()) {
        errors.put("at", "Choose when to publish, or use the next free slot.");
      } else {
        try {
          Scheduling.at(ws, form.at(), "at");
        } catch (IllegalArgumentException e) {
          errors.put("at", e.getMessage());
        }
      }
    }
    return errors;
  }

  /** Creates the post, or edits the variants whose text changed; returns the post's id. */
  private long save(
      long actor, Workspace ws, Form form, Optional<PlannedPost> existing, List<Channel> channels) {
    if (existing.isEmpty()) {
      List<DraftPost.DraftVariant> variants = new ArrayList<>();
      for (Channel c : channels) {
        if (form.chosen().contains(c.id())) {
          variants.add(new DraftPost.DraftVariant(c.id(), form.textOf(c.id()).strip(), List.of()));
        }
      }
      String title = form.title().isBlank() ? null : form.title().strip();
      return reviews.create(actor, ws.id(), new DraftPost(title, variants));
    }
    PlannedPost post = existing.get();
    for (PlannedVariant v : post.variants()) {
      String text = form.textOf(v.channelId()).strip();
      if (!text.equals(v.text())) {
        reviews.edit(actor, ws.id(), v.id(), text, v.media());
      }
    }
    return post.id();
  }

  private void schedule(Context ctx, Workspace ws, long actor, long postId, Form form) {
    Instant at = form.action().equals("schedule") ? Scheduling.at(ws, form.at(), "at") : null;
    PlannedPost post = reviews.post(ws.id(), postId).orElseThrow();
    Map<String, String> errors = new LinkedHashMap<>();
    Instant first = null;
    for (PlannedVariant v : post.variants()) {
      if (v.state().compareTo(PostState.PUBLISHING) >= 0) {
        continue;
      }
      ScheduleOutcome out =
          at == null
              ? planner.addToQueue(actor, ws.id(), v.id(), null)
              : planner.schedule(actor, ws.id(), v.id(), at, null);
      String why = Scheduling.refusal(out);
      if (why != null) {
        errors.put("text_" + v.channelId(), "Not scheduled: " + why);
      } else if (first == null) {
        first = ((ScheduleOutcome.Scheduled) out).at();
      }
    }
    if (errors.isEmpty() && first != null) {
      ctx.redirect(
          "/w/"
              + ws.slug()
              + "/calendar?week="
              + first.atZone(ws.timeZone()).toLocalDate()
              + "&scheduled="
              + postId,
          HttpStatus.SEE_OTHER);
      return;
    }
    if (errors.isEmpty()) {
      errors.put("form", "Every channel of this post is already published or publishing.");
    }
    PlannedPost now = reviews.post(ws.id(), postId).orElseThrow();
    render(ctx, saved(ctx, ws, now, errors, null, form.at()), 409);
  }

  // --- views ---

  private ComposeView blank(Context ctx, Workspace ws) {
    List<ComposeView.ChannelDraft> drafts = new ArrayList<>();
    for (Channel c : workspaces.channels(ws.id())) {
      drafts.add(new ComposeView.ChannelDraft(c, false, "", null, null, null, null));
    }
    return view(ctx, ws, null, "", "", drafts, Map.of(), null, null, "");
  }

  /** The form as typed, after a refused save (nothing the person wrote is lost). */
  private ComposeView typed(
      Context ctx,
      Workspace ws,
      Form form,
      Optional<PlannedPost> existing,
      List<Channel> channels,
      Map<String, String> errors) {
    List<ComposeView.ChannelDraft> drafts = new ArrayList<>();
    for (Channel c : channels) {
      Optional<PlannedVariant> v =
          existing.flatMap(
              p -> p.variants().stream().filter(x -> x.channelId() == c.id()).findFirst());
      if (existing.isPresent() && v.isEmpty()) {
        continue;
      }
      boolean chosen = v.isPresent() || form.chosen().contains(c.id());
      String own = form.texts().getOrDefault(c.id(), "");
      drafts.add(new ComposeView.ChannelDraft(c, chosen, own, v.orElse(null), null, null, null));
    }
    return view(
        ctx,
        ws,
        existing.orElse(null),
        form.title(),
        form.sharedText(),
        drafts,
        errors,
        null,
        null,
        form.at());
  }

  /** A saved post: each variant with its gates and forecast at its time. */
  private ComposeView saved(
      Context ctx,
      Workspace ws,
      PlannedPost post,
      Map<String, String> errors,
      ComposeView.Notice notice,
      String at) {
    Instant now = clock.instant();
    WhatWorked worked = lessons.of(ws.id()).whatWorked();
    String forecastNote = worked instanceof WhatWorked.TooThin thin ? thin.reason() : null;
    List<ComposeView.ChannelDraft> drafts = new ArrayList<>();
    for (PlannedVariant v : post.variants()) {
      Channel c =
          workspaces
              .channel(ws.id(), v.channelId())
              .orElseThrow(() -> new NotFoundResponse("No such post."));
      Instant when =
          v.scheduledAt() != null
              ? v.scheduledAt()
              : v.plannedAt() != null
                  ? v.plannedAt()
                  : planner.nextFreeSlot(ws.id(), c.id(), now).orElse(now);
      GateReport report = gates.check(ws.id(), v.id(), when);
      Forecast forecast =
          worked instanceof WhatWorked.Learned learned && c.platform() != Platform.NOSTR
              ? learned
                  .model()
                  .predict(
                      new dev.rapport.content.quality.PlannedPost(
                          v.text(),
                          dev.rapport.content.quality.Platform.parse(c.platform().code()),
                          when.atZone(ws.timeZone()),
                          v.media().stream().map(x -> new Media(x.kind(), x.altText())).toList(),
                          ""))
              : null;
      drafts.add(new ComposeView.ChannelDraft(c, true, v.text(), v, report, when, forecast));
    }
    return view(
        ctx,
        ws,
        post,
        post.title() == null ? "" : post.title(),
        "",
        drafts,
        errors,
        notice,
        forecastNote,
        at);
  }

  private ComposeView view(
      Context ctx,
      Workspace ws,
      PlannedPost post,
      String title,
      String shared,
      List<ComposeView.ChannelDraft> drafts,
      Map<String, String> errors,
      ComposeView.Notice notice,
      String forecastNote,
      String at) {
    Member m = Guard.member(ctx);
    PublishingSettings settings = gates.settings(ws.id());
    return new ComposeView(
        ws,
        post,
        title,
        shared,
        drafts,
        settings.requiresApproval(),
        settings.linkBase(),
        m.role(),
        Guard.caller(ctx).orElseThrow().user().id(),
        at,
        errors,
        notice,
        forecastNote);
  }

  /** The saved post's page again with errors (a refused attachment), as the composer shows it. */
  void showSaved(
      Context ctx, Workspace ws, PlannedPost post, Map<String, String> errors, int status) {
    render(ctx, saved(ctx, ws, post, errors, null, ""), status);
  }

  private void render(Context ctx, ComposeView view, int status) {
    ctx.status(status);
    pages.render(
        ctx,
        "compose.jte",
        pages.shell(ctx, "Compose · " + view.workspace().name(), view.workspace(), "compose"),
        view);
  }
}
