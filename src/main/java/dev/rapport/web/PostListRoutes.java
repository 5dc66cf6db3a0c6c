package dev.rapport.web;

import dev.rapport.content.PostState;
import dev.rapport.publishing.PlannedPost;
import dev.rapport.publishing.Reviews;
import dev.rapport.web.view.PostsView;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The posts page: every post of the workspace by state (drafts, in review, approved, scheduled and
 * on), newest first, 50 a page, with tabs that count each state. Without it a saved draft could
 * only be found again by its address. Thread-safe.
 */
final class PostListRoutes {

  static final int PAGE_SIZE = 50;

  /** The highest page whose offset still fits in an int. */
  static final int MAX_PAGE = Integer.MAX_VALUE / PAGE_SIZE;

  private final Reviews reviews;
  private final Workspaces workspaces;
  private final Pages pages;

  PostListRoutes(Reviews reviews, Workspaces workspaces, Pages pages) {
    this.reviews = reviews;
    this.workspaces = workspaces;
    this.pages = pages;
  }

  void register(Javalin app) {
    app.get("/w/{slug}/posts", this::page, Access.VIEWER);
  }

  private void page(Context ctx) {
    Member m = Guard.member(ctx);
    Workspace ws = m.workspace();
    PostState state = state(Requests.query(ctx, "state"));
    int page = Requests.number(ctx, "page", 1, 1, MAX_PAGE);
    Reviews.PostPage list = reviews.posts(ws.id(), state, (page - 1) * PAGE_SIZE, PAGE_SIZE);
    Map<Long, Channel> channels = new LinkedHashMap<>();
    workspaces.channels(ws.id()).forEach(c -> channels.put(c.id(), c));
    PostsView view =
        new PostsView(
            ws,
            state,
            page,
            PAGE_SIZE,
            list,
            reviews.counts(ws.id()),
            channels,
            authors(list),
            m.role().atLeast(Role.AUTHOR));
    pages.render(
        ctx,
        "posts.jte",
        pages.shell(ctx, view.shown() + " · Posts · " + ws.name(), ws, "posts"),
        view);
  }

  /** The {@code state} filter, or null for every post; an unknown one is a 400 naming the rest. */
  static PostState state(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return PostState.fromCode(raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'state' must be one of "
              + Arrays.stream(PostState.values())
                  .map(PostState::code)
                  .collect(Collectors.joining(", "))
              + "; not '"
              + raw
              + "'.");
    }
  }

  /**
   * The display names of the page's authors, looked up once per author (a page of 50 posts usually
   * has a handful). Users who left the workspace still have their name.
   */
  private Map<Long, String> authors(Reviews.PostPage list) {
    Map<Long, String> names = new HashMap<>();
    for (PlannedPost p : list.posts()) {
      Long id = p.authorId();
      if (id != null && !names.containsKey(id)) {
        String name =
            workspaces.user(id).map(u -> u.displayName()).filter(n -> !n.isBlank()).orElse("");
        names.put(id, name);
      }
    }
    names.values().removeIf(String::isEmpty);
    return names;
  }
}
