package dev.rapport.web;

import dev.rapport.engagement.TrackedLink;
import dev.rapport.engagement.TrackedLinks;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /l/{code}}: the public short address of a tracked link. Sends the visitor on with the
 * UTM parameters and records the click (never the address: see {@link TrackedLinks}). Links never
 * change once made, so they are cached. Thread-safe.
 */
final class LinkRedirect {

  static final String PATH = "/l/{code}";
  private static final int CACHE_LIMIT = 100_000;

  private final TrackedLinks links;
  private final Clock clock;
  private final ConcurrentHashMap<String, TrackedLink> cache = new ConcurrentHashMap<>();

  LinkRedirect(TrackedLinks links, Clock clock) {
    this.links = links;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get(PATH, this::follow, Access.PUBLIC);
  }

  void follow(Context ctx) {
    String code = ctx.pathParam("code");
    TrackedLink link = cache.get(code);
    if (link == null) {
      Optional<TrackedLink> found = links.byCode(code);
      if (found.isEmpty()) {
        throw new NotFoundResponse("This link does not exist.");
      }
      link = found.get();
      if (cache.size() < CACHE_LIMIT) {
        cache.put(code, link);
      }
    }
    String visitor = ctx.ip() + "|" + Optional.ofNullable(ctx.userAgent()).orElse("");
    links.recordClick(link, clock.instant(), visitor, ctx.header("Referer"));
    ctx.header("Cache-Control", "no-store");
    ctx.redirect(link.destination().toString(), io.javalin.http.HttpStatus.FOUND);
  }
}
