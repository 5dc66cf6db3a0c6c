package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.workspace.ApiTokens;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sign-in, sessions, CSRF, throttling, headers and workspace isolation, over real HTTP. */
class WebSecurityTest {

  static final String PASSWORD = "correct horse battery staple";

  static TestServer server;
  static Workspace alpha;
  static Workspace beta;
  static User alice; // owner of alpha only
  static User bob; // viewer of beta only

  @BeforeAll
  static void start() {
    server = TestServer.start();
    alpha = server.workspace("alpha", "Alpha Bakery");
    beta = server.workspace("beta", "Beta Studio");
    alice = server.user("alice@example.com", PASSWORD);
    bob = server.user("bob@example.com", PASSWORD);
    server.grant(alpha, alice, Role.OWNER);
    server.grant(beta, bob, Role.VIEWER);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void healthChecksTheDatabaseAndIsPublic() {
    HttpResponse<String> r = server.client().get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(r.body()).contains("\"status\":\"up\"").contains("\"database\":\"up\"");
  }

  @Test
  void healthSaysDownWhenTheDatabaseIsGone() {
    try (TestServer s = TestServer.start()) {
      s.rapport.database().close();
      HttpResponse<String> r = s.client().get("/health");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("\"status\":\"down\"").contains("\"database\":\"down\"");
    }
  }

  @Test
  void signInWithTheRightPasswordOpensASessionInASecureCookie() {
    Client c = server.client();
    HttpResponse<String> r = c.signIn("Alice@Example.com", PASSWORD);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/");
    String setCookie =
        r.headers().allValues("Set-Cookie").stream()
            .filter(h -> h.startsWith(Cookies.SESSION + "="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
    String token = c.cookie(Cookies.SESSION).orElseThrow();
    assertThat(token).hasSizeGreaterThanOrEqualTo(43); // 256 bits, base64url

    // The only workspace opens straight away.
    HttpResponse<String> home = c.get("/");
    assertThat(home.statusCode()).isEqualTo(303);
    assertThat(home.headers().firstValue("Location")).contains("/w/alpha");
    HttpResponse<String> dashboard = c.get("/w/alpha");
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains("Alpha Bakery").contains("From followers to customers");

    // Only the SHA-256 of the token is stored.
    List<String> stored =
        server
            .rapport
            .database()
            .jdbi()
            .withHandle(
                h -> h.createQuery("SELECT id FROM web_session").mapTo(String.class).list());
    assertThat(stored).isNotEmpty().doesNotContain(token).allMatch(s -> s.matches("[0-9a-f]{64}"));
  }

  @Test
  void signInWithAWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
    Client c = server.client();
    HttpResponse<String> wrongPassword = c.signIn("alice@example.com", "not it");
    HttpResponse<String> unknownEmail = c.signIn("nobody@example.com", PASSWORD);
    for (HttpResponse<String> r : List.of(wrongPassword, unknownEmail)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).contains(LoginRoutes.WRONG);
      assertThat(r.headers().allValues("Set-Cookie"))
          .noneMatch(h -> h.startsWith("rapport_session"));
    }
    assertThat(c.cookie(Cookies.SESSION)).isEmpty();
  }

  @Test
  void signedOutVisitorsAreSentToSignInAndProgramsGet401() {
    Client c = server.client();
    HttpResponse<String> page = c.get("/w/alpha");
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).contains("/login?next=%2Fw%2Falpha");
    HttpResponse<String> api = c.get("/api/w/alpha/summary");
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));
    assertThat(api.body()).contains("\"status\":401");
  }

  @Test
  void signInRedirectsOnlyWithinTheSite() {
    assertThat(LoginRoutes.safeNext("/w/alpha?x=1")).isEqualTo("/w/alpha?x=1");
    assertThat(LoginRoutes.safeNext("https://evil.example/")).isEqualTo("/");
    assertThat(LoginRoutes.safeNext("//evil.example/")).isEqualTo("/");
    assertThat(LoginRoutes.safeNext("/\\evil.example/")).isEqualTo("/");
    assertThat(LoginRoutes.safeNext(null)).isEqualTo("/");
  }

  @Test
  void statePostsWithoutTheirCsrfTokenAreRefused() {
    Client c = server.client().signedIn("alice@example.com", PASSWORD);
    HttpResponse<String> none = c.post("/logout", Map.of());
    assertThat(none.statusCode()).isEqualTo(403);
    HttpResponse<String> wrong = c.post("/logout", Map.of("csrf", "forged"));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(c.get("/w/alpha").statusCode()).as("still signed in").isEqualTo(200);

    String csrf = Client.csrfOf(c.get("/w/alpha").body()).orElseThrow();
    HttpResponse<String> right = c.post("/logout", Map.of("csrf", csrf));
    assertThat(right.statusCode()).isEqualTo(303);
    assertThat(c.get("/w/alpha").statusCode()).as("signed out").isEqualTo(303);
  }

  @Test
  void htmxRequestsCarryTheCsrfTokenInAHeader() {
    Client c = server.client().signedIn("alice@example.com", PASSWORD);
    String page = c.get("/w/alpha").body();
    String csrf = Client.csrfOf(page).orElseThrow();
    assertThat(page).contains("hx-headers=\"{&#34;X-CSRF-Token&#34;: &#34;" + csrf + "&#34;}\"");
    assertThat(c.htmxPost("/logout", null).statusCode()).isEqualTo(403);
    assertThat(c.htmxPost("/logout", "forged").statusCode()).isEqualTo(403);
    assertThat(c.htmxPost("/logout", csrf).statusCode()).isEqualTo(303);
    assertThat(c.get("/w/alpha").statusCode()).as("signed out").isEqualTo(303);
  }

  @Test
  void theSignInFormItselfNeedsItsCsrfToken() {
    Client c = server.client();
    c.get("/login");
    HttpResponse<String> r =
        c.post("/login", Map.of("email", "alice@example.com", "password", PASSWORD));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(c.cookie(Cookies.SESSION)).isEmpty();
  }

  @Test
  void aWorkspaceOfSomeoneElseIsNotFoundNotForbidden() {
    Client c = server.client().signedIn("alice@example.com", PASSWORD);
    HttpResponse<String> other = c.get("/w/beta");
    HttpResponse<String> missing = c.get("/w/does-not-exist");
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(other.body()).doesNotContain("Beta Studio").isEqualTo(missing.body());
    HttpResponse<String> api = c.get("/api/w/beta/summary");
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.body()).doesNotContain("beta\"");

    Client b = server.client().signedIn("bob@example.com", PASSWORD);
    assertThat(b.get("/w/beta").statusCode()).isEqualTo(200);
    assertThat(b.get("/w/alpha").statusCode()).isEqualTo(404);
  }

  @Test
  void everyWorkspaceRouteRefusesANonMemberWithNotFound() {
    Client c = server.client().signedIn("alice@example.com", PASSWORD);
    String csrf = Client.csrfOf(c.get("/w/alpha").body()).orElseThrow();
    List<WebServer.Route> scoped =
        server.server.routes().stream()
            .filter(r -> WebServer.isEndpoint(r.method()) && r.path().contains("{slug}"))
            .toList();
    assertThat(scoped).hasSizeGreaterThanOrEqualTo(5);
    for (WebServer.Route r : scoped) {
      String path = r.path().replace("{slug}", "beta").replaceAll("\\{[^}]+}", "1");
      HttpResponse<String> answer =
          switch (r.method()) {
            case "GET" -> c.get(path);
            case "POST" -> c.post(path, Map.of("csrf", csrf));
            default -> c.send(r.method(), path, "application/json", "{}", csrf);
          };
      assertThat(answer.statusCode()).as(r.method() + " " + path).isEqualTo(404);
      assertThat(answer.body()).as(path).doesNotContain("Beta Studio");
    }
  }

  @Test
  void apiTokensWorkInTheirWorkspaceOnlyAndAreStoredHashed() {
    ApiTokens.Issued issued =
        server.rapport.apiTokens().issue(alpha.id(), alice.id(), "reporting", Role.VIEWER);
    Client program = server.client();
    String bearer = "Bearer " + issued.token();
    HttpResponse<String> ok = program.get("/api/w/alpha/summary", "Authorization", bearer);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("\"workspace\":\"alpha\"").contains("\"vanityFollowers\":0");
    // No posts: rates are undefined, and JSON says so with null rather than a made-up 0.
    assertThat(ok.body()).contains("\"authenticRate\":null");

    // A token is scoped to its workspace, even where its user is a member (alice is not in beta).
    server.grant(beta, alice, Role.OWNER);
    try {
      assertThat(program.get("/api/w/beta/summary", "Authorization", bearer).statusCode())
          .isEqualTo(404);
    } finally {
      server
          .rapport
          .database()
          .jdbi()
          .useHandle(
              h ->
                  h.execute(
                      "DELETE FROM membership WHERE workspace_id = ? AND user_id = ?",
                      beta.id(),
                      alice.id()));
    }
    // Tokens do not open pages.
    assertThat(program.get("/w/alpha", "Authorization", bearer).statusCode()).isEqualTo(303);
    assertThat(program.get("/api/w/alpha/summary", "Authorization", "Bearer rpt_nope").statusCode())
        .isEqualTo(401);

    List<String> hashes =
        server
            .rapport
            .database()
            .jdbi()
            .withHandle(
                h -> h.createQuery("SELECT token_hash FROM api_token").mapTo(String.class).list());
    assertThat(hashes).isNotEmpty().doesNotContain(issued.token());
    assertThat(server.rapport.apiTokens().revoke(alpha.id(), issued.grant().id())).isTrue();
    assertThat(program.get("/api/w/alpha/summary", "Authorization", bearer).statusCode())
        .isEqualTo(401);
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    Client c = server.client();
    for (String path : List.of("/login", "/health", "/no-such-page", "/assets/rapport.css")) {
      HttpResponse<String> r = c.get(path);
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(csp).as(path).contains("script-src 'self'").contains("frame-ancestors 'none'");
      assertThat(csp).as(path).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).isPresent();
    }
  }

  @Test
  void errorsArePagesForPeopleAndProblemDetailsForPrograms() {
    Client c = server.client();
    HttpResponse<String> page = c.get("/no-such-page");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("Not Found");
    HttpResponse<String> api = c.get("/api/no-such-thing");
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));
    assertThat(api.body()).contains("\"type\":\"about:blank\"").contains("\"status\":404");
  }

  @Test
  void staticAssetsAreServedLocally() {
    Client c = server.client();
    for (String path :
        List.of(
            "/webjars/htmx.org/1.9.12/dist/htmx.min.js",
            "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
            "/webjars/uplot/1.6.30/dist/uPlot.min.css",
            "/assets/dashboard.js",
            "/assets/rapport.css")) {
      assertThat(c.get(path).statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void markupInDataIsEscaped() {
    Workspace evil = server.workspace("evil", "<script>alert('owned')</script> & Co");
    User eve = server.user("eve@example.com", PASSWORD);
    server.grant(evil, eve, Role.VIEWER);
    Client c = server.client().signedIn("eve@example.com", PASSWORD);
    String html = c.get("/w/evil").body();
    assertThat(html).doesNotContain("<script>alert(");
    assertThat(html).contains("&lt;script&gt;alert('owned')&lt;/script&gt; &amp; Co");
  }

  @Test
  void failedSignInsAreLimitedPerAccount() {
    try (TestServer s = TestServer.start()) {
      s.user("carol@example.com", PASSWORD);
      Client c = s.client();
      for (int i = 0; i < WebSettings.DEFAULT_ACCOUNT_FAILURES; i++) {
        assertThat(c.signIn("carol@example.com", "guess " + i).statusCode()).isEqualTo(401);
      }
      // Even the right password waits now: the attacker learns nothing from further guesses.
      HttpResponse<String> r = c.signIn("carol@example.com", PASSWORD);
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("Retry-After"))
          .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
      assertThat(c.cookie(Cookies.SESSION)).isEmpty();
    }
  }

  @Test
  void failedSignInsAreLimitedPerClientAddress() {
    WebSettings tight =
        WebSettings.of("127.0.0.1", 0).withLoginLimits(100, 3, Duration.ofMinutes(1));
    try (TestServer s = TestServer.start(tight)) {
      Client c = s.client();
      for (int i = 0; i < 3; i++) {
        assertThat(c.signIn("someone" + i + "@example.com", "guess").statusCode()).isEqualTo(401);
      }
      assertThat(c.signIn("another@example.com", "guess").statusCode()).isEqualTo(429);
    }
  }
}
