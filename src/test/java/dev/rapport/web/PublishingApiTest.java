package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.publishing.PublishingSettings;
import dev.rapport.publishing.Slot;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The posts, calendar and queue API: a post from draft to the calendar, paging, problems. */
class PublishingApiTest {

  static final String PASSWORD = "correct horse battery staple";
  static final ObjectMapper JSON = new ObjectMapper();
  static TestServer server;
  static Channel mastodon;
  static Channel bluesky;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    Workspace ws =
        server
            .rapport
            .workspaces()
            .create(
                "bakery",
                "Bakery",
                ZoneId.of("Europe/Berlin"),
                new TargetAudience(
                    "home bakers in Berlin", List.of("bread"), List.of(), List.of()));
    mastodon =
        server.rapport.workspaces().addChannel(ws.id(), Platform.MASTODON, "bakery@social", null);
    bluesky =
        server.rapport.workspaces().addChannel(ws.id(), Platform.BLUESKY, "bakery.bsky", null);
    User author = server.user("author@example.com", PASSWORD);
    User manager = server.user("manager@example.com", PASSWORD);
    server.grant(ws, author, Role.AUTHOR);
    server.grant(ws, manager, Role.MANAGER);
    server
        .rapport
        .planner()
        .setSlots(manager.id(), ws.id(), mastodon.id(), List.of(Slot.parse("thu 10:00")));
    server
        .rapport
        .gates()
        .update(
            manager.id(),
            ws.id(),
            new PublishingSettings(true, PublishingSettings.DEFAULT.gates(), 50, 3, null));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void aPostGoesFromDraftThroughReviewToTheCalendarAndTheQueue() throws Exception {
    Client author = server.client().signedIn("author@example.com", PASSWORD);
    String csrf = Client.csrfOf(author.get("/w/bakery/calendar").body()).orElseThrow();
    HttpResponse<String> created =
        author.postJson(
            "/api/w/bakery/posts",
            "{\"title\":\"Rye\",\"text\":\""
                + PublishingPagesTest.GOOD
                + "\",\"channels\":["
                + mastodon.id()
                + "],"
                + "\"variants\":[{\"channelId\":"
                + bluesky.id()
                + ",\"text\":\"Rye sourdough returns Saturday to our Kreuzberg stall, 8 EUR a loaf. Reply before Friday to reserve one.\"}]}",
            csrf);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode post = json(created);
    assertThat(post.get("state").asText()).isEqualTo("draft");
    assertThat(post.get("variants")).hasSize(2);
    long variant = 0;
    for (JsonNode v : post.get("variants")) {
      if (v.get("channelId").asLong() == mastodon.id()) {
        variant = v.get("variantId").asLong();
      }
    }
    assertThat(variant).isPositive();

    // Approval is required: scheduling a draft is refused with the reason.
    HttpResponse<String> early =
        author.postJson(
            "/api/w/bakery/posts/" + variant + "/schedule", "{\"at\":\"next-slot\"}", csrf);
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(early.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(json(early).get("detail").asText()).isNotBlank();

    HttpResponse<String> submitted =
        author.postJson("/api/w/bakery/posts/" + variant + "/submit", "{}", csrf);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
    assertThat(json(submitted).get("state").asText()).isEqualTo("in_review");
    // Authors do not approve.
    assertThat(
            author.postJson("/api/w/bakery/posts/" + variant + "/approve", "{}", csrf).statusCode())
        .isEqualTo(403);

    Client manager = server.client().signedIn("manager@example.com", PASSWORD);
    String managerCsrf = Client.csrfOf(manager.get("/w/bakery/calendar").body()).orElseThrow();
    HttpResponse<String> approved =
        manager.postJson("/api/w/bakery/posts/" + variant + "/approve", "{}", managerCsrf);
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(json(approved).get("state").asText()).isEqualTo("approved");

    // The list filters by state and pages.
    JsonNode inApproved = json(author.get("/api/w/bakery/posts?state=approved&limit=1"));
    assertThat(inApproved.get("total").asLong()).isEqualTo(1);
    assertThat(inApproved.get("items").get(0).get("postId").asLong())
        .isEqualTo(post.get("postId").asLong());
    assertThat(json(author.get("/api/w/bakery/posts?state=draft")).get("total").asLong()).isZero();

    // Next slot: Thursday 2026-06-18 10:00 in Berlin is 08:00 UTC.
    HttpResponse<String> scheduled =
        author.postJson(
            "/api/w/bakery/posts/" + variant + "/schedule", "{\"at\":\"next-slot\"}", csrf);
    assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
    assertThat(json(scheduled).get("scheduledAt").asText()).isEqualTo("2026-06-18T08:00:00Z");
    // Moved to a chosen wall-clock time.
    HttpResponse<String> moved =
        author.postJson(
            "/api/w/bakery/posts/" + variant + "/schedule", "{\"at\":\"2026-06-19T09:15\"}", csrf);
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    assertThat(json(moved).get("scheduledAt").asText()).isEqualTo("2026-06-19T07:15:00Z");

    JsonNode calendar = json(author.get("/api/w/bakery/calendar?from=2026-06-15&to=2026-06-21"));
    assertThat(calendar.get("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(calendar.get("days")).hasSize(7);
    JsonNode friday = calendar.get("days").get(4);
    assertThat(friday.get("date").asText()).isEqualTo("2026-06-19");
    assertThat(friday.get("entries").get(0).get("variantId").asLong()).isEqualTo(variant);
    assertThat(friday.get("entries").get(0).get("localTime").asText()).isEqualTo("09:15");

    JsonNode queue = json(author.get("/api/w/bakery/queue"));
    JsonNode first = queue.get("channels").get(0);
    assertThat(first.get("channelId").asLong()).isEqualTo(mastodon.id());
    assertThat(first.get("slots").get(0).asText()).isEqualTo("thu 10:00");
    assertThat(first.get("items").get(0).get("variantId").asLong()).isEqualTo(variant);
    assertThat(first.get("runwayDays").asLong()).isEqualTo(3);
  }

  @Test
  void problemsSayWhatWasWrong() throws Exception {
    Client author = server.client().signedIn("author@example.com", PASSWORD);
    String csrf = Client.csrfOf(author.get("/w/bakery/calendar").body()).orElseThrow();
    HttpResponse<String> badState = author.get("/api/w/bakery/posts?state=someday");
    assertThat(badState.statusCode()).isEqualTo(400);
    assertThat(json(badState).get("detail").asText()).contains("'state' must be one of");
    assertThat(json(author.get("/api/w/bakery/posts?limit=0")).get("detail").asText())
        .contains("'limit'");
    HttpResponse<String> noChannels =
        author.postJson("/api/w/bakery/posts", "{\"text\":\"hello\"}", csrf);
    assertThat(noChannels.statusCode()).isEqualTo(400);
    assertThat(json(noChannels).get("detail").asText()).contains("at least one channel");
    HttpResponse<String> notJson = author.postJson("/api/w/bakery/posts", "[1]", csrf);
    assertThat(json(notJson).get("detail").asText()).contains("JSON object");
    HttpResponse<String> range = author.get("/api/w/bakery/calendar?from=2026-01-01&to=2027-06-01");
    assertThat(range.statusCode()).isEqualTo(400);
    assertThat(json(range).get("detail").asText()).contains("at most");
    assertThat(
            author
                .postJson("/api/w/bakery/posts/999999/schedule", "{\"at\":\"next-slot\"}", csrf)
                .statusCode())
        .isEqualTo(404);
    HttpResponse<String> badAt =
        author.postJson(
            "/api/w/bakery/posts",
            "{\"text\":\"" + PublishingPagesTest.GOOD + "\",\"channels\":[" + mastodon.id() + "]}",
            csrf);
    long v = json(badAt).get("variants").get(0).get("variantId").asLong();
    HttpResponse<String> when =
        author.postJson("/api/w/bakery/posts/" + v + "/schedule", "{\"at\":\"tomorrow\"}", csrf);
    assertThat(when.statusCode()).isEqualTo(400);
    assertThat(json(when).get("detail").asText()).contains("must be a time like");
  }
}
