package dev.rapport.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.app.PlatformSettings;
import dev.rapport.app.Rapport;
import io.javalin.Javalin;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rapport's HTTP server: pages, the JSON API and static assets, over the capabilities of one {@link
 * Rapport}. Start with {@link #start}; thread-safe; {@link #stop} once.
 */
public final class WebServer implements AutoCloseable {

  /** Rapport's own stylesheets and scripts (from {@code src/main/resources/web}). */
  static final String ASSETS = "/assets";

  /** htmx and uPlot from their webjars: served locally, never from a CDN. */
  static final String WEBJARS = "/webjars";

  private static final List<String> WEBJAR_NAMES = List.of("htmx.org", "uplot");

  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

  private final Javalin app;
  private final List<Route> routes;

  private WebServer(Javalin app, List<Route> routes) {
    this.app = app;
    this.routes = routes;
  }

  /** A registered route and its access classification (null when it has none: a bug). */
  public record Route(String method, String path, Access access) {}

  public static WebServer start(Rapport rapport, WebSettings settings) {
    ObjectMapper json = Json.mapper();
    List<Route> routes = new CopyOnWriteArrayList<>();
    SecureRandom random = new SecureRandom();
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.jetty.defaultHost = settings.bindAddress();
              config.jetty.defaultPort = settings.port();
              config.jetty.threadPool =
                  new QueuedThreadPool(settings.requestThreads(), WebSettings.MIN_REQUEST_THREADS);
              config.jsonMapper(new JavalinJackson(json, false));
              config.http.defaultContentType = "text/html; charset=utf-8";
              // A known address asked with the wrong method says so (405), not "nothing here".
              config.http.prefer405over404 = true;
              // Follower files are uploaded to the audience page; AudienceAudit bounds them.
              config.jetty.multipartConfig.maxFileSize(
                  AudienceAudit.MAX_BYTES, io.javalin.config.SizeUnit.BYTES);
              config.jetty.multipartConfig.maxTotalRequestSize(
                  AudienceAudit.MAX_BYTES + 65_536, io.javalin.config.SizeUnit.BYTES);
              config.staticFiles.add(
                  sf -> {
                    sf.hostedPath = ASSETS;
                    sf.directory = "/web";
                    sf.location = Location.CLASSPATH;
                    sf.roles = Set.of(Access.PUBLIC);
                    sf.headers = Map.of("Cache-Control", "max-age=3600");
                  });
              // One mount per webjar: a classpath directory resolves inside a single jar.
              for (String webjar : WEBJAR_NAMES) {
                config.staticFiles.add(
                    sf -> {
                      sf.hostedPath = WEBJARS + "/" + webjar;
                      sf.directory = "/META-INF/resources/webjars/" + webjar;
                      sf.location = Location.CLASSPATH;
                      sf.roles = Set.of(Access.PUBLIC);
                      // Versioned paths: the content behind them never changes.
                      sf.headers = Map.of("Cache-Control", "max-age=31536000, immutable");
                    });
              }
              config.requestLogger.http(RequestLog::log);
              // Short links answer before the app's pipeline: see LinkRedirect.
              LinkRedirect redirect =
                  new LinkRedirect(
                      rapport.links(), rapport.clicks(), rapport.clock(), settings.secureCookies());
              config.jetty.modifyServer(
                  server -> {
                    // Inside Javalin's statistics handler, so a graceful stop waits for redirects.
                    if (server.getHandler() instanceof HandlerWrapper statistics) {
                      statistics.insertHandler(redirect);
                    } else {
                      server.insertHandler(redirect);
                    }
                  });
              config.events.handlerAdded(info -> routes.add(route(info)));
            });
    Pages pages = new Pages(rapport.workspaces());
    Guard guard =
        new Guard(rapport.workspaces(), rapport.sessions(), rapport.apiTokens(), settings);
    app.before(new SecurityHeaders(settings.secureCookies())::apply);
    app.beforeMatched(guard::check);
    new Errors(pages, json, guard).register(app);
    app.get("/health", new Health(rapport.database())::get, Access.PUBLIC);
    OpenApiDocument.load(json).register(app);
    LoginThrottle throttle = new LoginThrottle(rapport.clock(), settings.failureWindow());
    new LoginRoutes(
            rapport.workspaces(),
            rapport.passwords(),
            rapport.sessions(),
            throttle,
            new Cookies(settings.secureCookies()),
            pages,
            settings,
            random)
        .register(app);
    new HomeRoutes(pages).register(app);
    new AccountRoutes(
            rapport.workspaces(),
            rapport.passwords(),
            new dev.rapport.workspace.PasswordPolicy(),
            rapport.sessions(),
            rapport.securityLog(),
            throttle,
            new Cookies(settings.secureCookies()),
            pages,
            settings)
        .register(app);
    DashboardCache dashboards =
        new DashboardCache(
            rapport.truth(), rapport.retention(), rapport.consistency(), rapport.clock());
    new DashboardRoutes(dashboards, rapport.focus(), rapport.workspaces(), pages, json)
        .register(app);
    new TokenRoutes(rapport.apiTokens(), pages, rapport.securityLog()).register(app);
    new SecurityLogRoutes(rapport.securityLog(), pages).register(app);
    new SummaryApi(rapport.truth(), rapport.clock()).register(app);
    new ContentApi(rapport.consistency(), rapport.lessons(), json).register(app);
    new ReportRoutes(
            new Reports(rapport.consistency(), rapport.truth(), rapport.retention()),
            pages,
            json,
            rapport.clock())
        .register(app);
    registerPeople(app, rapport, pages, json);
    new PostRoutes(
            rapport.posts(),
            rapport.workspaces(),
            rapport.engagers(),
            rapport::dispatcher,
            rapport.reviews(),
            pages)
        .register(app);
    registerPublishing(app, rapport, pages, json);
    new ConnectRoutes(
            rapport.workspaces(),
            rapport.connections(),
            PlatformSettings.fromEnvironment(System.getenv()),
            rapport.clock(),
            rapport.securityLog(),
            pages)
        .register(app);
    app.start();
    LOG.atInfo()
        .addKeyValue("address", settings.bindAddress())
        .addKeyValue("port", app.port())
        .log("web server started");
    return new WebServer(app, List.copyOf(routes));
  }

  /** The composer, the posts list, the calendar and queues, and the posts API. */
  private static void registerPublishing(Javalin app, Rapport r, Pages pages, ObjectMapper json) {
    ComposeRoutes compose =
        new ComposeRoutes(
            r.reviews(), r.planner(), r.gates(), r.lessons(), r.workspaces(), pages, r.clock());
    compose.register(app);
    new ComposeMedia(r.media(), r.reviews(), compose).register(app);
    new CalendarRoutes(r.planner(), r.reviews(), r.workspaces(), pages, r.clock()).register(app);
    new PostListRoutes(r.reviews(), r.workspaces(), pages).register(app);
    new PublishingApi(r.reviews(), r.planner(), r.workspaces(), json, r.clock(), r.media())
        .register(app);
  }

  /** The audience, people, focus and channel pages and their API twins. */
  private static void registerPeople(Javalin app, Rapport r, Pages pages, ObjectMapper json) {
    new AudienceRoutes(r.truth(), r.audits(), r.workspaces(), pages, json, r.clock()).register(app);
    new AuditRoutes(
            new AudienceAudit(r.audits(), r.clock()),
            r.audits(),
            r.workspaces(),
            r.posts(),
            r.engagers(),
            pages)
        .register(app);
    new PeopleRoutes(
            r.people(),
            r.directory(),
            r.notes(),
            r.stages(),
            r.merges(),
            r.timeline(),
            r.workspaces(),
            pages,
            r.clock())
        .register(app);
    FocusRoutes focus = new FocusRoutes(r.focus(), r.people(), r.workspaces(), pages, r.clock());
    focus.register(app);
    ChannelRoutes channels =
        new ChannelRoutes(r.workspaces(), r.connections(), pages, r.securityLog());
    channels.register(app);
    Members members =
        new Members(
            r.workspaces(), r.passwords(), r.securityLog(), new java.security.SecureRandom());
    new SettingsRoutes(
            r.workspaces(), r.planner(), r.gates(), members, r.securityLog(), pages, r.clock())
        .register(app);
    new ResourceApi(
            r.workspaces(),
            channels,
            new BatchImport(
                new dev.rapport.imports.CsvImporter(
                    r.database(),
                    r.workspaces(),
                    r.people(),
                    r.posts(),
                    r.ledger(),
                    r.conversions(),
                    new dev.rapport.authenticity.RuleBaseline(),
                    r.clock()),
                json),
            r.links(),
            r.posts(),
            r.people(),
            r.gates(),
            members,
            r.securityLog(),
            json)
        .register(app);
    new WorkspaceApi(
            r.people(),
            r.directory(),
            r.notes(),
            r.stages(),
            r.merges(),
            r.timeline(),
            r.focus(),
            focus,
            r.audits(),
            r.truth(),
            r.workspaces(),
            r.connections(),
            json,
            r.clock())
        .register(app);
  }

  private static Route route(HandlerMetaInfo info) {
    Access access = Access.of(info.getRoles()).orElse(null);
    return new Route(info.getHttpMethod().name(), info.getPath(), access);
  }

  /** Every endpoint registered with Javalin, including before/after filters. */
  public List<Route> routes() {
    return routes;
  }

  public int port() {
    return app.port();
  }

  public void stop() {
    app.stop();
  }

  @Override
  public void close() {
    stop();
  }

  static boolean isEndpoint(String method) {
    return HandlerType.valueOf(method).isHttpMethod();
  }
}
