package dev.rapport.web;

import dev.rapport.engagement.Click;
import dev.rapport.engagement.ClickRecorder;
import dev.rapport.engagement.TrackedLink;
import dev.rapport.engagement.TrackedLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /l/{code}}: the public short address of a tracked link. Sends the visitor on with the
 * UTM parameters and records the click (never the address: see {@link TrackedLinks}).
 *
 * <p>It answers in a Jetty handler in front of the web app, not as a Javalin route: a short link is
 * the one address the whole public hits, tens of thousands of times a second after a popular post,
 * and needs none of what the app's pipeline does for pages (sessions, route matching over every
 * page, access checks, CSRF, a request-log line per hit; the click row is its record). Anything
 * that is not a known code goes on to the app, which answers 404 or 405 with its usual pages. Links
 * never change once made, so they are cached. Clicks are written behind the answer, in batches
 * ({@link ClickRecorder}). Thread-safe.
 */
final class LinkRedirect extends HandlerWrapper {

  static final String PREFIX = "/l/";
  private static final int CACHE_LIMIT = 100_000;
  private static final Logger LOG = LoggerFactory.getLogger(LinkRedirect.class);

  private final TrackedLinks links;
  private final ClickRecorder clicks;
  private final Clock clock;
  private final boolean behindTls;
  private final ConcurrentHashMap<String, Target> cache = new ConcurrentHashMap<>();

  /** A known link with its destination, UTM parameters added, computed once. */
  private record Target(TrackedLink link, String location) {}

  LinkRedirect(TrackedLinks links, ClickRecorder clicks, Clock clock, boolean behindTls) {
    this.links = links;
    this.clicks = clicks;
    this.clock = clock;
    this.behindTls = behindTls;
  }

  @Override
  public void handle(
      String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, jakarta.servlet.ServletException {
    Target found = redirectable(target, request.getMethod());
    if (found == null) {
      super.handle(target, base, request, response);
      return;
    }
    base.setHandled(true);
    TrackedLink link = found.link();
    String agent = request.getHeader("User-Agent");
    String visitor = request.getRemoteAddr() + "|" + (agent == null ? "" : agent);
    // A HEAD is a link checker or a preview, not a visit: it is answered, not counted.
    if ("GET".equals(request.getMethod())) {
      try {
        clicks.record(new Click(link, clock.instant(), visitor, request.getHeader("Referer")));
      } catch (RuntimeException e) {
        // The visitor still reaches the page; the lost click is not silent.
        LOG.error("Click on link {} not recorded: {}", link.id(), e.toString(), e);
      }
    }
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    if (behindTls || request.isSecure()) {
      response.setHeader("Strict-Transport-Security", SecurityHeaders.STRICT_TRANSPORT_SECURITY);
    }
    response.setHeader("Location", found.location());
    response.setStatus(HttpServletResponse.SC_FOUND);
    response.setContentLength(0);
  }

  /** The link a GET or HEAD of this target redirects to, or null when the app should answer. */
  private Target redirectable(String target, String method) {
    if (!target.startsWith(PREFIX) || !("GET".equals(method) || "HEAD".equals(method))) {
      return null;
    }
    String code = target.substring(PREFIX.length());
    if (code.isEmpty() || code.length() > 64 || code.indexOf('/') >= 0) {
      return null;
    }
    Target known = cache.get(code);
    if (known == null) {
      Optional<TrackedLink> found = links.byCode(code);
      if (found.isEmpty()) {
        return null;
      }
      known = new Target(found.get(), found.get().destination().toString());
      if (cache.size() < CACHE_LIMIT) {
        cache.put(code, known);
      }
    }
    return known;
  }
}
