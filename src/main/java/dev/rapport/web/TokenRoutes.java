package dev.rapport.web;

import dev.rapport.web.view.TokensView;
import dev.rapport.web.view.TypedForm;
import dev.rapport.workspace.ApiTokens;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.SecurityLog;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Workspace settings: API tokens for programs (managers and owners only). Thread-safe. */
final class TokenRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(TokenRoutes.class);

  private final ApiTokens tokens;
  private final Pages pages;
  private final SecurityLog log;

  TokenRoutes(ApiTokens tokens, Pages pages, SecurityLog log) {
    this.tokens = tokens;
    this.pages = pages;
    this.log = log;
  }

  void register(Javalin app) {
    app.get("/w/{slug}/settings/tokens", this::list, Access.MANAGER);
    app.post("/w/{slug}/settings/tokens", this::issue, Access.MANAGER);
    app.post("/w/{slug}/settings/tokens/{id}/revoke", this::revoke, Access.MANAGER);
  }

  private void list(Context ctx) {
    show(ctx, null, TypedForm.NONE);
  }

  private void issue(Context ctx) {
    try {
      issue(ctx, Guard.member(ctx));
    } catch (RuntimeException e) {
      if (!Refusals.shownOnForm(e)) {
        throw e;
      }
      ctx.status(Refusals.status(e));
      show(ctx, null, Refusals.of(ctx, "issue", "issue", e));
    }
  }

  private void issue(Context ctx, Member m) {
    Role role = role(ctx.formParam("role"));
    if (!m.role().atLeast(role)) {
      throw new IllegalArgumentException(
          "A token cannot have more rights than you: you are " + m.role().code() + ".");
    }
    ApiTokens.Issued issued =
        tokens.issue(
            m.workspace().id(),
            Guard.caller(ctx).orElseThrow().user().id(),
            ctx.formParam("name"),
            role);
    LOG.atInfo()
        .addKeyValue("workspace", m.workspace().id())
        .addKeyValue("token", issued.grant().id())
        .log("API token issued");
    SecurityEvents.record(
        log,
        ctx,
        "token.issued",
        "API token '" + issued.grant().name() + "' (" + role.code() + ")");
    ctx.status(HttpStatus.CREATED);
    show(ctx, issued.token(), TypedForm.NONE);
  }

  private static Role role(String code) {
    try {
      return Role.fromCode(code == null ? "" : code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Choose a role: viewer, author, manager or owner.");
    }
  }

  private void revoke(Context ctx) {
    Member m = Guard.member(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("no such token");
    }
    // Scoped by workspace: a token id of another workspace revokes nothing.
    if (tokens.revoke(m.workspace().id(), id)) {
      LOG.atInfo()
          .addKeyValue("workspace", m.workspace().id())
          .addKeyValue("token", id)
          .log("API token revoked");
      SecurityEvents.record(log, ctx, "token.revoked", "API token #" + id);
    }
    ctx.redirect("/w/" + m.workspace().slug() + "/settings/tokens", HttpStatus.SEE_OTHER);
  }

  private void show(Context ctx, String newToken, TypedForm typed) {
    Member m = Guard.member(ctx);
    List<Role> grantable = Arrays.stream(Role.values()).filter(r -> m.role().atLeast(r)).toList();
    pages.render(
        ctx,
        "tokens.jte",
        pages.shell(ctx, "API tokens · " + m.workspace().name(), m.workspace(), "settings"),
        new TokensView(m.workspace(), tokens.list(m.workspace().id()), grantable, newToken, typed));
  }
}
