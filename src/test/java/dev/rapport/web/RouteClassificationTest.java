package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every route Javalin has registered must say who may call it. A route added without an {@link
 * Access} fails this test (and {@link Guard} refuses to serve it at run time).
 */
class RouteClassificationTest {

  @Test
  void everyRegisteredRouteHasExactlyOneClassification() {
    try (TestServer s = TestServer.start()) {
      List<WebServer.Route> endpoints =
          s.server.routes().stream().filter(r -> WebServer.isEndpoint(r.method())).toList();
      assertThat(endpoints).isNotEmpty();
      assertThat(endpoints)
          .as("routes without an access classification")
          .allSatisfy(r -> assertThat(r.access()).as(r.method() + " " + r.path()).isNotNull());
      // Routes under a workspace must be classified by role, so that membership is checked.
      assertThat(endpoints)
          .filteredOn(r -> r.path().contains("{slug}"))
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.access().needsWorkspace()).as(r.path()).isTrue());
      assertThat(endpoints)
          .extracting(r -> r.method() + " " + r.path() + " " + r.access())
          .contains(
              "GET /health PUBLIC",
              "GET /login PUBLIC",
              "POST /login PUBLIC",
              "POST /logout SIGNED_IN",
              "GET / SIGNED_IN",
              "GET /w/{slug} VIEWER",
              "GET /w/{slug}/posts VIEWER",
              "GET /api/w/{slug}/summary VIEWER",
              "GET /api/openapi.yaml PUBLIC",
              "GET /api/openapi.json PUBLIC",
              "GET /w/{slug}/settings/tokens MANAGER",
              "POST /w/{slug}/settings/tokens MANAGER",
              "POST /w/{slug}/settings/tokens/{id}/revoke MANAGER");
    }
  }
}
