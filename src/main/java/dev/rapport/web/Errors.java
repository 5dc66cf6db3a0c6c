package dev.rapport.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.web.view.ErrorView;
import dev.rapport.web.view.Shell;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.MethodNotAllowedResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses: problem+json (RFC 9457) for the API and
 * health, an HTML page for browsers. Unexpected failures are logged once, here, with an id the
 * person can quote. Thread-safe.
 */
final class Errors {

  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  /** Set once a response body is written, so that the status-code mappers leave it alone. */
  static final String HANDLED = "rapport.body-written";

  private final Pages pages;
  private final ObjectMapper json;
  private final Guard guard;

  Errors(Pages pages, ObjectMapper json, Guard guard) {
    this.pages = pages;
    this.json = json;
    this.guard = guard;
  }

  void register(Javalin app) {
    app.exception(Unauthenticated.class, (e, ctx) -> unauthenticated(ctx, e));
    app.exception(MethodNotAllowedResponse.class, this::methodNotAllowed);
    app.exception(
        HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(), e.getMessage()));
    app.exception(Invalid.class, (e, ctx) -> respond(ctx, 400, e.getMessage(), e.fields()));
    app.exception(IllegalArgumentException.class, (e, ctx) -> respond(ctx, 400, e.getMessage()));
    app.exception(Exception.class, this::unexpected);
    // Statuses set without an exception (no route matched) get the same bodies.
    for (int status : new int[] {400, 401, 403, 404, 405, 429, 500}) {
      app.error(
          status,
          ctx -> {
            if (ctx.attribute(HANDLED) == null) {
              respond(ctx, status, defaultDetail(status));
            }
          });
    }
  }

  static boolean wantsJson(Context ctx) {
    return ctx.path().startsWith("/api/") || ctx.path().equals("/health");
  }

  void respond(Context ctx, int status, String detail) {
    respond(ctx, status, detail, null);
  }

  void respond(Context ctx, int status, String detail, java.util.List<Invalid.Field> errors) {
    ctx.attribute(HANDLED, Boolean.TRUE);
    ctx.status(status);
    String title = HttpStatus.forStatus(status).getMessage();
    String text = detail == null || detail.isBlank() ? defaultDetail(status) : detail;
    if (wantsJson(ctx)) {
      try {
        ctx.contentType(Problem.MEDIA_TYPE)
            .result(
                json.writeValueAsString(
                    new Problem("about:blank", title, status, text, ctx.path(), errors)));
      } catch (JsonProcessingException e) {
        ctx.contentType("text/plain").result(title);
      }
    } else {
      pages.render(ctx, "error.jte", shell(ctx, title), new ErrorView(status, title, text));
    }
  }

  /** The signed-in frame when the person is signed in, even where no route matched. */
  private Shell shell(Context ctx, String title) {
    try {
      Optional<Caller> caller = Guard.caller(ctx);
      if (caller.isEmpty()) {
        caller = guard.browser(ctx);
      }
      return pages.errorShell(ctx, title, caller);
    } catch (RuntimeException e) {
      // The error page itself must not fail (the database may be why we are here).
      LOG.atWarn().setCause(e).log("error page without the signed-in frame");
      return Shell.signedOut(title);
    }
  }

  private void unauthenticated(Context ctx, Unauthenticated e) {
    if (wantsJson(ctx)) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"rapport\"");
      respond(ctx, 401, e.getMessage());
      return;
    }
    ctx.attribute(HANDLED, Boolean.TRUE);
    String back = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    ctx.status(303)
        .header("Location", "/login?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
  }

  /** RFC 9110 wants an {@code Allow} header with 405; Javalin lists the methods in the details. */
  private void methodNotAllowed(MethodNotAllowedResponse e, Context ctx) {
    String allowed =
        e.getDetails().getOrDefault("availableMethods", e.getDetails().get("Available methods"));
    if (allowed == null || allowed.isBlank()) {
      respond(ctx, 405, defaultDetail(405));
      return;
    }
    ctx.header("Allow", allowed);
    respond(
        ctx,
        405,
        "This address does not accept " + ctx.method().name() + "; it accepts " + allowed + ".");
  }

  private void unexpected(Exception e, Context ctx) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    LOG.atError()
        .addKeyValue("error", id)
        .addKeyValue("method", ctx.method().name())
        .addKeyValue("path", ctx.path())
        .setCause(e)
        .log("request failed");
    respond(
        ctx,
        500,
        "Something went wrong on our side. The server log has the details under error " + id + ".");
  }

  private static String defaultDetail(int status) {
    return switch (status) {
      case 404 -> "There is nothing at this address.";
      case 405 -> "This address does not accept that method.";
      case 401 -> "Sign in first.";
      case 403 -> "You may not do this.";
      default -> HttpStatus.forStatus(status).getMessage();
    };
  }
}
