package dev.rapport.web;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per request, as key=value pairs, with the ids that let a person follow it. */
final class RequestLog {

  private static final Logger LOG = LoggerFactory.getLogger("dev.rapport.web.requests");

  private RequestLog() {}

  static void log(Context ctx, Float ms) {
    var event = Guard.isAsset(ctx) ? LOG.atDebug() : LOG.atInfo();
    event
        .addKeyValue("method", ctx.method().name())
        .addKeyValue("path", ctx.path())
        .addKeyValue("route", route(ctx))
        .addKeyValue("status", ctx.statusCode())
        .addKeyValue("ms", String.format(java.util.Locale.ROOT, "%.1f", ms))
        .addKeyValue("user", Guard.caller(ctx).map(c -> c.user().id()).orElse(null))
        .addKeyValue("via", Guard.caller(ctx).map(RequestLog::via).orElse("anonymous"))
        .log("request");
  }

  /** The matched route pattern, or "-" when nothing matched (a 404). */
  static String route(Context ctx) {
    try {
      String r = ctx.endpointHandlerPath();
      return r == null || r.isEmpty() ? "-" : r;
    } catch (RuntimeException e) {
      return "-";
    }
  }

  private static String via(Caller c) {
    return c instanceof Caller.Program p ? "token:" + p.token().id() : "session";
  }
}
