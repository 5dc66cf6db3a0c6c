package dev.rapport.web;

import dev.rapport.web.view.Shell;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the jte templates compiled at build time (auto-escaping HTML; no compiler at run time).
 * Thread-safe.
 */
final class Pages {

  static final String TEMPLATE_PACKAGE = "dev.rapport.web.templates";

  private final TemplateEngine engine;
  private final Workspaces workspaces;

  Pages(Workspaces workspaces) {
    this.workspaces = workspaces;
    this.engine =
        TemplateEngine.createPrecompiled(
            null, ContentType.Html, Pages.class.getClassLoader(), TEMPLATE_PACKAGE);
  }

  /** The frame for the caller of this request, with the workspace switcher filled in. */
  Shell shell(Context ctx, String title, Workspace current) {
    return Guard.caller(ctx)
        .filter(Caller.Browser.class::isInstance)
        .map(Caller.Browser.class::cast)
        .map(
            b ->
                new Shell(
                    title,
                    b.user(),
                    b.session().csrfToken(),
                    workspaces.memberships(b.user().id()),
                    current))
        .orElseGet(() -> Shell.signedOut(title));
  }

  /**
   * The frame of an error page: a signed-in person keeps their navigation (and the workspace's,
   * when the address is in one of their workspaces), so that a refusal does not look like being
   * signed out. Only the caller's own memberships are used: an unknown or foreign workspace shows
   * no more than it did.
   */
  Shell errorShell(Context ctx, String title, java.util.Optional<Caller> caller) {
    if (caller.isEmpty() || !(caller.get() instanceof Caller.Browser b)) {
      return Shell.signedOut(title);
    }
    java.util.List<dev.rapport.workspace.Membership> mine = workspaces.memberships(b.user().id());
    String slug = ctx.pathParamMap().get("slug");
    Workspace current =
        mine.stream()
            .map(dev.rapport.workspace.Membership::workspace)
            .filter(w -> w.slug().equals(slug))
            .findFirst()
            .orElse(null);
    Shell shell = new Shell(title, b.user(), b.session().csrfToken(), mine, current);
    return current == null ? shell : shell.in(section(ctx.path()));
  }

  /** The navigation entry an address belongs to, e.g. "settings" for /w/x/settings/channels. */
  static String section(String path) {
    String[] parts = path.split("/");
    if (parts.length < 4) {
      return "dashboard";
    }
    return switch (parts[3]) {
      case "audience", "people", "focus", "compose", "calendar", "queue", "reports", "settings" ->
          parts[3];
      default -> null;
    };
  }

  /** The frame with the workspace navigation entry {@code section} marked as current. */
  Shell shell(Context ctx, String title, Workspace current, String section) {
    return shell(ctx, title, current).in(section);
  }

  void render(Context ctx, String template, Shell shell, Object view) {
    StringOutput out = new StringOutput();
    engine.render(template, Map.of("shell", shell, "view", view), out);
    ctx.attribute(Errors.HANDLED, Boolean.TRUE);
    ctx.contentType("text/html; charset=utf-8").result(out.toString());
  }
}
