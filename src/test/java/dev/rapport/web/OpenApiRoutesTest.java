package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the routes the server registers agree: every {@code /api/} route (method
 * and path) is documented with the access it is registered with, and the document lists nothing
 * that is not registered. A new API route without its entry in {@value ApiSpec#SOURCE} fails here,
 * with one line per route to add.
 */
class OpenApiRoutesTest {

  @Test
  void everyApiRouteIsDocumentedAndEveryDocumentedOperationIsRegistered() {
    ApiSpec spec = ApiSpec.load();
    try (TestServer s = TestServer.start()) {
      List<WebServer.Route> routes = s.server.routes();
      assertThat(routes)
          .as("the server registers API routes (else this test compares nothing)")
          .anyMatch(r -> r.path().startsWith("/api/w/"));
      List<String> differences = ApiSpec.differences(routes, spec.operations());
      assertThat(differences)
          .as(
              "The OpenAPI document and the registered /api/ routes differ (see docs/web.md,"
                  + " 'The API document'):%n  %s",
              String.join("\n  ", differences))
          .isEmpty();
    }
  }

  @Test
  void theComparisonNamesEachOffender() {
    // A route the document lacks, one it lists that nobody registered, and a wrong access.
    var documented = ApiSpec.load().operations();
    List<WebServer.Route> routes =
        List.of(
            new WebServer.Route("GET", "/api/w/{slug}/summary", Access.MANAGER),
            new WebServer.Route("DELETE", "/api/w/<slug>/people/<person>/", Access.OWNER),
            new WebServer.Route("GET", "/w/{slug}/not-api", Access.VIEWER),
            new WebServer.Route("BEFORE", "/api/*", null));
    List<String> differences = ApiSpec.differences(routes, documented);
    assertThat(differences)
        .contains(
            "missing from src/main/resources/openapi/rapport.yaml: DELETE"
                + " /api/w/<slug>/people/<person>/ (access OWNER): add"
                + " paths['/api/w/<slug>/people/<person>/'].delete with x-rapport-access: owner",
            "wrong access in src/main/resources/openapi/rapport.yaml: GET /api/w/{slug}/summary"
                + " says x-rapport-access: viewer but the route is registered with MANAGER",
            "documented but not registered: GET /api/w/{slug}/people/{id} (remove it from"
                + " src/main/resources/openapi/rapport.yaml, or register the route)")
        .noneMatch(d -> d.contains("not-api") || d.contains("/api/*"));
  }

  @Test
  void parameterNamesAndTrailingSlashesDoNotMatter() {
    assertThat(ApiSpec.key("get", "/api/w/{slug}/people/{id}/"))
        .isEqualTo(ApiSpec.key("GET", "/api/w/<workspace>/people/{person}"))
        .isEqualTo("GET /api/w/{}/people/{}");
  }
}
