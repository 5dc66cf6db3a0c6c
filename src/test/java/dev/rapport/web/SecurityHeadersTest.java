package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.workspace.Role;
import dev.rapport.workspace.Sessions;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The response headers of ASVS 4.0.3 V14.4 and V8.2 on every kind of response, HSTS and the {@code
 * __Host-} session cookie when the server is behind TLS, the request size limit and error bodies
 * without internals.
 */
class SecurityHeadersTest {

  static final String PASSWORD = "correct horse battery staple";

  @Test
  void everyKindOfResponseCarriesTheHeaders() {
    try (TestServer s = TestServer.start()) {
      Workspace ws = s.workspace("alpha", "Alpha");
      User u = s.user("ana@example.com", PASSWORD);
      s.grant(ws, u, Role.VIEWER);
      Client c = s.client().signedIn("ana@example.com", PASSWORD);
      for (String path :
          List.of(
              "/login",
              "/w/alpha",
              "/me",
              "/api/w/alpha/summary",
              "/api/openapi.json",
              "/health",
              "/no-such-page",
              "/api/no-such-thing",
              "/assets/rapport.css")) {
        HttpResponse<String> r = c.get(path);
        var h = r.headers();
        assertThat(h.firstValue("Content-Security-Policy").orElse(""))
            .as(path)
            .contains("default-src 'self'")
            .contains("object-src 'none'")
            .contains("frame-ancestors 'none'");
        assertThat(h.firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
        assertThat(h.firstValue("Referrer-Policy")).as(path).contains("same-origin");
        assertThat(h.firstValue("X-Frame-Options")).as(path).contains("DENY");
        assertThat(h.firstValue("Permissions-Policy").orElse(""))
            .as(path)
            .contains("camera=()")
            .contains("geolocation=()");
        assertThat(h.firstValue("Cross-Origin-Opener-Policy")).as(path).contains("same-origin");
        assertThat(h.firstValue("Strict-Transport-Security")).as("plain HTTP: %s", path).isEmpty();
        assertThat(h.firstValue("Server").orElse("")).as(path).doesNotContainIgnoringCase("jetty");
        if (path.startsWith("/assets/")) {
          assertThat(h.firstValue("Cache-Control")).as(path).contains("max-age=3600");
        } else {
          assertThat(h.firstValue("Cache-Control")).as(path).contains("no-store");
        }
        if (path.startsWith("/api/")) {
          assertThat(h.firstValue("Content-Disposition"))
              .as(path)
              .contains("attachment; filename=\"api.json\"");
        } else {
          assertThat(h.firstValue("Content-Disposition")).as(path).isEmpty();
        }
        String type = h.firstValue("Content-Type").orElse("");
        assertThat(type).as(path).isNotEmpty();
        if (type.startsWith("text/html")) {
          assertThat(type).as(path).contains("charset=utf-8");
        }
      }
    }
  }

  @Test
  void staticMountsListNoDirectories() {
    try (TestServer s = TestServer.start()) {
      for (String path :
          List.of("/assets/", "/assets", "/webjars/htmx.org/", "/webjars/uplot/1.6.30/dist/")) {
        HttpResponse<String> r = s.client().get(path);
        assertThat(r.statusCode()).as(path).isIn(303, 404);
        // A listing would name the other files of the folder; the 404 page names none of them.
        assertThat(r.body())
            .as(path)
            .doesNotContain("Index of")
            .doesNotContain("compose.js")
            .doesNotContain("calendar.js")
            .doesNotContain("uPlot.esm.js");
      }
    }
  }

  @Test
  void behindTlsTheServerAsksForHttpsAndPrefixesTheSessionCookie() {
    WebSettings settings = WebSettings.of("127.0.0.1", 0).withSecureCookies(true);
    try (TestServer s = TestServer.start(settings)) {
      Workspace ws = s.workspace("alpha", "Alpha");
      User u = s.user("ana@example.com", PASSWORD);
      s.grant(ws, u, Role.VIEWER);
      // By hand: java.net.http keeps Secure cookies for HTTPS, and this test server speaks HTTP.
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> login = send(http, HttpRequest.newBuilder(s.uri("/login")).GET());
      assertThat(login.headers().firstValue("Strict-Transport-Security"))
          .contains(SecurityHeaders.STRICT_TRANSPORT_SECURITY);
      String loginCsrf = Client.csrfOf(login.body()).orElseThrow();
      String form =
          "csrf="
              + loginCsrf
              + "&email=ana%40example.com&password="
              + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
      HttpResponse<String> signIn =
          send(
              http,
              HttpRequest.newBuilder(s.uri("/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Cookie", Cookies.LOGIN_CSRF + "=" + loginCsrf)
                  .POST(HttpRequest.BodyPublishers.ofString(form)));
      assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(303);
      String setCookie =
          signIn.headers().allValues("Set-Cookie").stream()
              .filter(v -> v.startsWith(Cookies.SECURE_SESSION + "="))
              .findFirst()
              .orElseThrow();
      assertThat(setCookie)
          .contains("; Secure")
          .contains("; HttpOnly")
          .contains("SameSite=Lax")
          .contains("Path=/")
          .doesNotContainIgnoringCase("domain=");

      Sessions.Opened session = s.rapport.sessions().open(u.id(), java.time.Duration.ofMinutes(10));
      assertThat(
              s.client()
                  .get("/w/alpha", "Cookie", Cookies.SECURE_SESSION + "=" + session.token())
                  .statusCode())
          .as("the prefixed cookie is the session")
          .isEqualTo(200);
      assertThat(s.client().get("/w/alpha", "Cookie", Cookies.SESSION + "=" + session.token()))
          .as("a cookie without the prefix is ignored (it could come from a sibling subdomain)")
          .satisfies(r -> assertThat(r.statusCode()).isEqualTo(303));
    }
  }

  @Test
  void oversizedBodiesAreRefusedAndErrorsShowNoInternals() {
    try (TestServer s = TestServer.start()) {
      Workspace ws = s.workspace("alpha", "Alpha");
      User u = s.user("ana@example.com", PASSWORD);
      s.grant(ws, u, Role.OWNER);
      String token = s.rapport.apiTokens().issue(ws.id(), u.id(), "t", Role.OWNER).token();
      Client c = s.client();
      String huge = "{\"body\":\"" + "x".repeat(2_000_000) + "\"}";
      HttpResponse<String> big =
          c.bearer("POST", "/api/w/alpha/posts", token, "application/json", huge);
      assertThat(big.statusCode()).isEqualTo(413);
      assertThat(big.headers().firstValue("Content-Type").orElse(""))
          .startsWith(Problem.MEDIA_TYPE);

      for (HttpResponse<String> r :
          List.of(
              big,
              c.bearer("POST", "/api/w/alpha/posts", token, "application/json", "{"),
              c.bearer("GET", "/api/w/alpha/people?limit=x", token, null, null),
              c.bearer("GET", "/api/w/alpha/people/not-a-number", token, null, null),
              c.get("/api/w/alpha/people/99999999999999999999999"))) {
        assertThat(r.statusCode()).as(r.uri().toString()).isBetween(400, 499);
        assertThat(r.body())
            .as(r.uri().toString())
            .doesNotContain("Exception")
            .doesNotContain("\tat ")
            .doesNotContain("org.eclipse.jetty")
            .doesNotContain("dev.rapport.");
      }
    }
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
