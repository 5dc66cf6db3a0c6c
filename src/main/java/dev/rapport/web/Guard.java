package dev.rapport.web;

import dev.rapport.workspace.ApiTokens;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Sessions;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before every matched route and static file: finds the route's {@link Access}, who is
 * calling, whether they may, and whether a state-changing request carries its CSRF token. The one
 * place where access is decided; handlers read the outcome with {@link #caller} and {@link
 * #member}. Thread-safe.
 */
final class Guard {

  private static final Logger LOG = LoggerFactory.getLogger(Guard.class);

  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String CSRF_FIELD = "csrf";

  private static final String CALLER = "rapport.caller";
  private static final String MEMBER = "rapport.member";
  private static final Set<HandlerType> SAFE =
      Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

  private final Workspaces workspaces;
  private final Sessions sessions;
  private final ApiTokens tokens;
  private final WebSettings settings;
  private final Cookies cookies;

  Guard(Workspaces workspaces, Sessions sessions, ApiTokens tokens, WebSettings settings) {
    this.workspaces = workspaces;
    this.sessions = sessions;
    this.tokens = tokens;
    this.settings = settings;
    this.cookies = new Cookies(settings.secureCookies());
  }

  void check(Context ctx) {
    Access access =
        Access.of(ctx.routeRoles())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "route "
                            + ctx.method()
                            + " "
                            + ctx.endpointHandlerPath()
                            + " has no access classification; refusing to serve it"));
    if (access == Access.PUBLIC && isAsset(ctx)) {
      return; // stylesheets and scripts: no session look-up per file
    }
    Optional<Caller> caller = authenticate(ctx);
    caller.ifPresent(c -> ctx.attribute(CALLER, c));
    if (access != Access.PUBLIC && caller.isEmpty()) {
      throw new Unauthenticated("sign in first");
    }
    if (!SAFE.contains(ctx.method())) {
      checkCsrf(ctx, caller);
    }
    if (access.needsWorkspace()) {
      ctx.attribute(MEMBER, member(ctx, caller.orElseThrow(), access.minimumRole()));
    }
  }

  static Optional<Caller> caller(Context ctx) {
    return Optional.ofNullable(ctx.attribute(CALLER));
  }

  static Member member(Context ctx) {
    Member m = ctx.attribute(MEMBER);
    if (m == null) {
      throw new IllegalStateException("route reads a workspace but is not classified by role");
    }
    return m;
  }

  /**
   * The browser signed in with this request's cookie, for pages where no route matched (and so
   * {@link #check} did not run): an error page keeps the person's frame. Never a program's token.
   */
  Optional<Caller> browser(Context ctx) {
    if (isAsset(ctx) || ctx.path().startsWith("/api/")) {
      return Optional.empty();
    }
    return fromCookie(ctx);
  }

  static boolean isAsset(Context ctx) {
    return ctx.path().startsWith(WebServer.ASSETS + "/")
        || ctx.path().startsWith(WebServer.WEBJARS + "/");
  }

  private Optional<Caller> authenticate(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null && ctx.path().startsWith("/api/")) {
      // A program that sends a token means it: a bad one is refused, never mixed with a cookie.
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw new Unauthenticated("use Authorization: Bearer <token>");
      }
      ApiTokens.ApiToken token = tokens.find(authorization.substring(7).trim()).orElse(null);
      if (token == null) {
        refused(ctx, null, "unknown or revoked API token");
        throw new Unauthenticated("unknown or revoked API token");
      }
      return workspaces.user(token.userId()).map(u -> new Caller.Program(u, token));
    }
    return fromCookie(ctx);
  }

  private Optional<Caller> fromCookie(Context ctx) {
    String cookie = cookies.session(ctx);
    if (cookie == null) {
      return Optional.empty();
    }
    // Every request of the session keeps it alive (idle timeout), up to its absolute lifetime.
    return sessions
        .resume(cookie, settings.sessionIdle(), settings.sessionTtl())
        .flatMap(s -> workspaces.user(s.userId()).map(u -> new Caller.Browser(u, s)));
  }

  private void checkCsrf(Context ctx, Optional<Caller> caller) {
    if (caller.isPresent() && caller.get() instanceof Caller.Program) {
      return; // no ambient credential: a cross-site page cannot attach a bearer token
    }
    String expected =
        caller
            .map(c -> ((Caller.Browser) c).session().csrfToken())
            .orElseGet(() -> ctx.cookie(Cookies.LOGIN_CSRF));
    String supplied = ctx.header(CSRF_HEADER);
    if (supplied == null) {
      supplied = ctx.formParam(CSRF_FIELD);
    }
    if (expected == null || supplied == null || !same(expected, supplied)) {
      refused(ctx, caller.orElse(null), "csrf");
      throw new ForbiddenResponse(
          "This form has expired or did not come from Rapport. Reload the page and try again.");
    }
  }

  private Member member(Context ctx, Caller caller, Role minimum) {
    String slug = ctx.pathParam("slug");
    // Not a member, not this token's workspace, or no such workspace: all look the same (404),
    // so that nobody learns which workspaces exist.
    Workspace ws = workspaces.bySlug(slug).orElse(null);
    Role role =
        ws == null
            ? null
            : workspaces
                .role(ws.id(), caller.user().id())
                .flatMap(r -> caller.cap(ws.id(), r))
                .orElse(null);
    if (role == null) {
      refused(ctx, caller, "not a member");
      throw new NotFoundResponse("No such workspace.");
    }
    if (!role.atLeast(minimum)) {
      refused(ctx, caller, "role " + role.code() + " below " + minimum.code());
      throw new ForbiddenResponse(
          "This needs the "
              + minimum.code()
              + " role in "
              + ws.name()
              + "; you are "
              + role.code());
    }
    return new Member(ws, role);
  }

  /** An access control failure, as a security event of its own (ASVS 7.2.2). */
  private static void refused(Context ctx, Caller caller, String why) {
    LOG.atInfo()
        .addKeyValue("user", caller == null ? null : caller.user().id())
        .addKeyValue("method", ctx.method().name())
        .addKeyValue("route", RequestLog.route(ctx))
        .addKeyValue("why", why)
        .addKeyValue("ip", ctx.ip())
        .log("access refused");
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
