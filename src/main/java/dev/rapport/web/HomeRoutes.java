package dev.rapport.web;

import dev.rapport.web.view.Shell;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The signed-in start page: the workspaces the user belongs to (or straight into the only one).
 * Thread-safe.
 */
final class HomeRoutes {

  private final Pages pages;

  HomeRoutes(Pages pages) {
    this.pages = pages;
  }

  void register(Javalin app) {
    app.get("/", this::home, Access.SIGNED_IN);
  }

  private void home(Context ctx) {
    Shell shell = pages.shell(ctx, "Your workspaces", null);
    if (shell.workspaces().size() == 1) {
      ctx.redirect("/w/" + shell.workspaces().get(0).workspace().slug(), HttpStatus.SEE_OTHER);
      return;
    }
    pages.render(ctx, "workspaces.jte", shell, shell.workspaces());
  }
}
