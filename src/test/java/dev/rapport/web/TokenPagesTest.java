package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The API token settings: managers only, CSRF-protected, scoped to the workspace. */
class TokenPagesTest {

  static final String PASSWORD = "correct horse battery staple";
  static final Pattern TOKEN =
      Pattern.compile("id=\"new-token\" class=\"token\">(rpt_[A-Za-z0-9_-]+)<");

  @Test
  void managersIssueTokensThatProgramsUseAndViewersAreRefused() {
    try (TestServer s = TestServer.start()) {
      Workspace shop = s.workspace("shop", "Shop");
      Workspace other = s.workspace("other", "Other");
      User manager = s.user("manager@example.com", PASSWORD);
      User viewer = s.user("viewer@example.com", PASSWORD);
      s.grant(shop, manager, Role.MANAGER);
      s.grant(other, manager, Role.MANAGER);
      s.grant(shop, viewer, Role.VIEWER);

      Client v = s.client().signedIn("viewer@example.com", PASSWORD);
      assertThat(v.get("/w/shop/settings/tokens").statusCode()).isEqualTo(403);
      assertThat(v.get("/w/shop").body()).doesNotContain("/settings/tokens");

      Client m = s.client().signedIn("manager@example.com", PASSWORD);
      HttpResponse<String> page = m.get("/w/shop/settings/tokens");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("No tokens yet.").doesNotContain("value=\"owner\"");
      String csrf = Client.csrfOf(page.body()).orElseThrow();

      assertThat(
              m.post("/w/shop/settings/tokens", Map.of("name", "report", "role", "viewer"))
                  .statusCode())
          .as("no CSRF token")
          .isEqualTo(403);
      assertThat(
              m.post(
                      "/w/shop/settings/tokens",
                      Map.of("csrf", csrf, "name", "report", "role", "owner"))
                  .statusCode())
          .as("more rights than the manager has")
          .isEqualTo(400);

      HttpResponse<String> created =
          m.post(
              "/w/shop/settings/tokens", Map.of("csrf", csrf, "name", "report", "role", "viewer"));
      assertThat(created.statusCode()).isEqualTo(201);
      Matcher t = TOKEN.matcher(created.body());
      assertThat(t.find()).as(created.body()).isTrue();
      String token = t.group(1);
      assertThat(m.get("/w/shop/settings/tokens").body())
          .as("shown once")
          .doesNotContain(token)
          .contains("report");

      Client program = s.client();
      assertThat(
              program.get("/api/w/shop/summary", "Authorization", "Bearer " + token).statusCode())
          .isEqualTo(200);

      // Revoking through another workspace's address does nothing.
      long id = s.rapport.apiTokens().list(shop.id()).get(0).id();
      m.post("/w/other/settings/tokens/" + id + "/revoke", Map.of("csrf", csrf));
      assertThat(s.rapport.apiTokens().list(shop.id())).hasSize(1);
      HttpResponse<String> revoked =
          m.post("/w/shop/settings/tokens/" + id + "/revoke", Map.of("csrf", csrf));
      assertThat(revoked.statusCode()).isEqualTo(303);
      assertThat(s.rapport.apiTokens().list(shop.id())).isEmpty();
      assertThat(
              program.get("/api/w/shop/summary", "Authorization", "Bearer " + token).statusCode())
          .isEqualTo(401);
    }
  }
}
