package dev.rapport.web;

import dev.rapport.content.Posts;
import dev.rapport.content.Variant;
import dev.rapport.engagement.Engagers;
import dev.rapport.publishing.Reviews;
import dev.rapport.publishing.dispatch.DispatchFailure;
import dev.rapport.publishing.dispatch.Dispatcher;
import dev.rapport.web.view.PostView;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The post detail page and its API twin: one variant's state and dispatch history, the engagement
 * split by the engagers' verdicts, the engagers, and "retry this channel" for a failed variant.
 * Thread-safe.
 */
final class PostRoutes {

  static final int ENGAGERS = 500;

  private final Posts posts;
  private final Workspaces workspaces;
  private final Engagers engagers;
  private final Supplier<Dispatcher> dispatcher;
  private final Reviews reviews;
  private final Pages pages;

  PostRoutes(
      Posts posts,
      Workspaces workspaces,
      Engagers engagers,
      Supplier<Dispatcher> dispatcher,
      Reviews reviews,
      Pages pages) {
    this.posts = posts;
    this.workspaces = workspaces;
    this.engagers = engagers;
    this.dispatcher = dispatcher;
    this.reviews = reviews;
    this.pages = pages;
  }

  void register(Javalin app) {
    app.get("/w/{slug}/posts/{id}", this::page, Access.VIEWER);
    app.post("/w/{slug}/posts/{id}/retry", this::retry, Access.AUTHOR);
    app.get("/api/w/{slug}/posts/{id}", this::api, Access.VIEWER);
    app.post("/api/w/{slug}/posts/{id}/retry", this::retryApi, Access.AUTHOR);
  }

  private PostView view(Context ctx) {
    Member m = Guard.member(ctx);
    Workspace ws = m.workspace();
    long id = Requests.pathId(ctx, "id", "post variant");
    Variant v = posts.variant(ws.id(), id).orElseThrow(() -> new NotFoundResponse("No such post."));
    Channel c =
        workspaces
            .channel(ws.id(), v.channelId())
            .orElseThrow(() -> new NotFoundResponse("No such post."));
    Dispatcher d = dispatcher.get();
    DispatchFailure failure =
        d.failures(ws.id()).stream().filter(f -> f.variantId() == id).findFirst().orElse(null);
    return new PostView(
        ws,
        v,
        c,
        engagers.split(ws.id(), id),
        engagers.of(ws.id(), id, ENGAGERS),
        d.history(ws.id(), id),
        failure,
        m.role().atLeast(Role.AUTHOR),
        reviews.history(ws.id(), v.postId()).stream()
            .filter(h -> h.variantId() == null || h.variantId() == id)
            .toList());
  }

  private void page(Context ctx) {
    PostView view = view(ctx);
    pages.render(
        ctx,
        "post.jte",
        pages.shell(ctx, "Post · " + view.workspace().name(), view.workspace(), "posts"),
        view);
  }

  private void api(Context ctx) {
    PostView v = view(ctx);
    // A LinkedHashMap, not Map.of: the order is the document's, and "failure" may be null.
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("variant", v.variant());
    body.put("channel", v.channel());
    body.put("byVerdict", v.split());
    body.put("engagers", v.engagers());
    body.put("history", v.history());
    body.put("failure", v.failure());
    ctx.json(body);
  }

  private long retried(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    long id = Requests.pathId(ctx, "id", "post variant");
    posts.variant(ws.id(), id).orElseThrow(() -> new NotFoundResponse("No such post."));
    try {
      dispatcher.get().retry(ws.id(), id);
    } catch (IllegalStateException e) {
      // Published or still queued: the request is sound, the variant's state refuses it.
      throw new ConflictResponse("This post cannot be retried: " + e.getMessage() + ".");
    }
    return id;
  }

  private void retry(Context ctx) {
    long id = retried(ctx);
    ctx.redirect(
        "/w/" + Guard.member(ctx).workspace().slug() + "/posts/" + id, HttpStatus.SEE_OTHER);
  }

  private void retryApi(Context ctx) {
    long id = retried(ctx);
    ctx.status(HttpStatus.ACCEPTED).json(Map.of("variantId", id, "retry", "queued"));
  }
}
