package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.workspace.ApiTokens;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /api/w/{slug}/lint and GET /api/w/{slug}/consistency, as a program uses them. */
class ContentApiTest {

  static TestServer server;
  static String bearer;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = TestServer.start();
    Workspace ws = server.workspace("shop", "Shop");
    User u = server.user("ann@shop.test", "a long password here");
    server.grant(ws, u, Role.AUTHOR);
    var ch = server.rapport.workspaces().addChannel(ws.id(), Platform.BLUESKY, "shop.test", "S");
    server.rapport.workspaces().updateChannelPlan(ch.id(), null, 3);
    ApiTokens.Issued t = server.rapport.apiTokens().issue(ws.id(), u.id(), "composer", Role.AUTHOR);
    bearer = "Bearer " + t.token();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> lint(String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(server.uri("/api/w/shop/lint"))
            .header("Authorization", bearer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void lintReturnsTheRubricWithFindingsThatPointAtWords() throws Exception {
    HttpResponse<String> r =
        lint(
            "{\"text\":\"THE BEST bread EVER!!! #bread #yum #food #love #bake #sourdough\","
                + "\"platform\":\"bluesky\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"platform\":\"bluesky\"").contains("\"overall\":");
    assertThat(r.body()).contains("\"findings\"").contains("\"suggestion\"");

    HttpResponse<String> good =
        lint(
            "{\"text\":\"Our rye loaf uses 3 flours and rests 48 hours. Which should we bake"
                + " Saturday?\",\"platform\":\"bluesky\"}");
    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(overall(good.body())).isGreaterThan(overall(r.body()));
  }

  @Test
  void badBodiesGetAClearProblem() throws Exception {
    HttpResponse<String> notJson = lint("{text:");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.headers().firstValue("Content-Type").orElse(""))
        .contains("application/problem+json");
    assertThat(notJson.body()).contains("not JSON");
    assertThat(lint("{\"text\":\"hi\",\"platform\":\"myspace\"}").body())
        .contains("unknown platform");
    assertThat(lint("{\"platform\":\"x\"}").body()).contains("\\\"text\\\" must be a string");
    assertThat(
            lint("{\"text\":\"hi\",\"platform\":\"x\",\"media\":[{\"kind\":\"hologram\"}]}").body())
        .contains("not one of image");
    String huge = "a".repeat(ContentApi.MAX_TEXT + 1);
    assertThat(lint("{\"text\":\"" + huge + "\",\"platform\":\"x\"}").statusCode()).isEqualTo(400);
  }

  @Test
  void consistencyListsEachChannelWithItsPlan() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(server.uri("/api/w/shop/consistency"))
                .header("Authorization", bearer)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"handle\":\"shop.test\"")
        .contains("\"postsPerWeek\":3")
        .contains("\"runwayDays\":0.0")
        .contains("RunwayShort".isEmpty() ? "" : "\"alerts\"");
  }

  @Test
  void insightsSayWhenTheHistoryIsTooThin() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(server.uri("/api/w/shop/insights"))
                .header("Authorization", bearer)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"posts\":0")
        .contains("\"tooThin\":\"")
        .contains("\"handle\":\"shop.test\"")
        .contains("DEFAULT_TOO_THIN");
  }

  private static int overall(String body) {
    var m = java.util.regex.Pattern.compile("\"overall\":(\\d+)").matcher(body);
    assertThat(m.find()).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
