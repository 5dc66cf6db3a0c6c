package dev.rapport.web;

import dev.rapport.web.view.SecurityLogView;
import dev.rapport.workspace.SecurityLog;
import dev.rapport.workspace.Workspace;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/** Settings → Security log (managers and owners), and its API twin. Thread-safe. */
final class SecurityLogRoutes {

  static final int SHOWN = 200;

  private final SecurityLog log;
  private final Pages pages;

  SecurityLogRoutes(SecurityLog log, Pages pages) {
    this.log = log;
    this.pages = pages;
  }

  void register(Javalin app) {
    app.get("/w/{slug}/settings/log", this::page, Access.MANAGER);
    app.get("/api/w/{slug}/security-log", this::api, Access.MANAGER);
  }

  private void page(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    pages.render(
        ctx,
        "security-log.jte",
        pages.shell(ctx, "Security log · " + ws.name(), ws, "settings"),
        new SecurityLogView(ws, log.recent(ws.id(), SHOWN)));
  }

  private void api(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    ctx.json(Map.of("workspace", ws.slug(), "events", log.recent(ws.id(), SHOWN)));
  }
}
