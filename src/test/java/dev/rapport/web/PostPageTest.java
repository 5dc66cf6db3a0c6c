package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.Post;
import dev.rapport.content.Variant;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The post detail page: who engaged, split by verdict; workspace-scoped; retry needs an author. */
class PostPageTest {

  static final String PASSWORD = "correct horse battery staple";
  static TestServer server;
  static Workspace bakery;
  static long variant;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    bakery = BakeryFixture.build(server.rapport, TestServer.NOW);
    Workspace other = server.workspace("other", "Other");
    User owner = server.user("owner@example.com", PASSWORD);
    User viewer = server.user("viewer@example.com", PASSWORD);
    server.grant(bakery, owner, Role.OWNER);
    server.grant(other, owner, Role.OWNER);
    server.grant(bakery, viewer, Role.VIEWER);
    Post post = server.rapport.posts().recent(bakery.id(), 1).get(0);
    Variant v = server.rapport.posts().variantsOf(bakery.id(), new long[] {post.id()}).get(0);
    variant = v.id();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void showsTheSplitByVerdictAndTheEngagers() {
    Client owner = server.client().signedIn("owner@example.com", PASSWORD);
    HttpResponse<String> page = owner.get("/w/" + BakeryFixture.SLUG + "/posts/" + variant);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    // The fixture's 10 suspicious accounts like every post, beside the real people's likes.
    assertThat(page.body())
        .contains("Who engaged, by verdict")
        .contains("From suspicious accounts")
        .contains("suspicious")
        .contains("real person")
        .containsPattern("<td class=\"num\">\\d+%</td>");
    HttpResponse<String> api = owner.get("/api/w/" + BakeryFixture.SLUG + "/posts/" + variant);
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.body())
        .contains("\"byVerdict\"")
        .contains("\"suspicious\"")
        .contains("\"engagers\"");
  }

  @Test
  void showsTheReviewHistoryOfAPlannedPost() {
    Client owner = server.client().signedIn("owner@example.com", PASSWORD);
    String page = owner.get("/w/" + BakeryFixture.SLUG + "/posts/" + variant).body();
    // Posts imported with their platform history carry no review history, and say so.
    assertThat(page).contains("Review history").contains("No change recorded");
  }

  @Test
  void anotherWorkspacesPostIsNotFoundAndViewersCannotRetry() {
    Client owner = server.client().signedIn("owner@example.com", PASSWORD);
    assertThat(owner.get("/w/other/posts/" + variant).statusCode()).isEqualTo(404);
    assertThat(owner.get("/w/" + BakeryFixture.SLUG + "/posts/999999").statusCode()).isEqualTo(404);
    Client viewer = server.client().signedIn("viewer@example.com", PASSWORD);
    String csrf =
        Client.csrfOf(viewer.get("/w/" + BakeryFixture.SLUG + "/posts/" + variant).body())
            .orElseThrow();
    assertThat(
            viewer
                .post(
                    "/w/" + BakeryFixture.SLUG + "/posts/" + variant + "/retry",
                    Map.of("csrf", csrf))
                .statusCode())
        .isEqualTo(403);
  }
}
