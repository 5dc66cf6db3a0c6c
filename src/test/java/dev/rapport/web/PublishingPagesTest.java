package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.PostState;
import dev.rapport.publishing.DraftPost;
import dev.rapport.publishing.PlannedVariant;
import dev.rapport.publishing.PublishingSettings;
import dev.rapport.publishing.Slot;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The composer, the calendar, the queues and the posts API over the real server: roles, isolation,
 * CSRF, what a refused step keeps, and that a scheduled post lands on the calendar.
 */
class PublishingPagesTest {

  static final String PASSWORD = "correct horse battery staple";

  /** Concrete, specific and for the declared audience: clears the rubric bar of 50. */
  static final String GOOD =
      "Our rye sourdough is back on Saturday at the Kreuzberg market stall: 8 EUR a loaf, baked"
          + " at 5am. Reserve yours by replying before Friday.";

  static TestServer server;
  static Workspace bakery;
  static Workspace studio;
  static Workspace other;
  static Channel mastodon;
  static Channel bluesky;
  static Channel studioChannel;
  static Channel otherChannel;
  static User author;
  static User manager;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    TargetAudience audience =
        new TargetAudience(
            "home bakers in Berlin", List.of("bread", "sourdough"), List.of(), List.of());
    bakery = server.rapport.workspaces().create("bakery", "Bakery", ZoneId.of("UTC"), audience);
    studio = server.rapport.workspaces().create("studio", "Studio", ZoneId.of("UTC"), audience);
    other = server.workspace("other", "Other");
    mastodon =
        server
            .rapport
            .workspaces()
            .addChannel(bakery.id(), Platform.MASTODON, "bakery@social", null);
    bluesky =
        server.rapport.workspaces().addChannel(bakery.id(), Platform.BLUESKY, "bakery.bsky", null);
    studioChannel =
        server
            .rapport
            .workspaces()
            .addChannel(studio.id(), Platform.MASTODON, "studio@social", null);
    otherChannel =
        server.rapport.workspaces().addChannel(other.id(), Platform.MASTODON, "other@social", null);
    author = server.user("author@example.com", PASSWORD);
    manager = server.user("manager@example.com", PASSWORD);
    User viewer = server.user("viewer@example.com", PASSWORD);
    User stranger = server.user("stranger@example.com", PASSWORD);
    server.grant(bakery, author, Role.AUTHOR);
    server.grant(bakery, manager, Role.MANAGER);
    server.grant(bakery, viewer, Role.VIEWER);
    server.grant(studio, author, Role.AUTHOR);
    server.grant(studio, manager, Role.MANAGER);
    server.grant(other, stranger, Role.OWNER);
    server
        .rapport
        .planner()
        .setSlots(
            manager.id(),
            bakery.id(),
            mastodon.id(),
            List.of(Slot.parse("thu 10:00"), Slot.parse("sat 10:00")));
    server
        .rapport
        .gates()
        .update(
            manager.id(),
            studio.id(),
            new PublishingSettings(true, PublishingSettings.DEFAULT.gates(), 50, 3, null));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Client signedIn(String email) {
    return server.client().signedIn(email, PASSWORD);
  }

  static String csrf(Client c, String slug) {
    return Client.csrfOf(c.get("/w/" + slug + "/calendar").body()).orElseThrow();
  }

  static Map<String, String> form(String csrf, String... pairs) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("csrf", csrf);
    for (int i = 0; i < pairs.length; i += 2) {
      f.put(pairs[i], pairs[i + 1]);
    }
    return f;
  }

  static long redirectId(HttpResponse<String> r, String name) {
    Matcher m =
        Pattern.compile(name + "=(\\d+)").matcher(r.headers().firstValue("Location").orElse(""));
    assertThat(m.find()).as("Location %s", r.headers().firstValue("Location")).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void viewersReadTheCalendarAndQueuesButCannotCompose() {
    Client viewer = signedIn("viewer@example.com");
    HttpResponse<String> calendar = viewer.get("/w/bakery/calendar");
    assertThat(calendar.statusCode()).isEqualTo(200);
    assertThat(calendar.body()).contains("Calendar").doesNotContain("/w/bakery/compose\"");
    assertThat(viewer.get("/w/bakery/queue").statusCode()).isEqualTo(200);
    assertThat(viewer.get("/w/bakery/compose").statusCode()).isEqualTo(403);
    String csrf = csrf(viewer, "bakery");
    assertThat(
            viewer
                .post(
                    "/w/bakery/compose",
                    form(csrf, "text", GOOD, "channel", String.valueOf(mastodon.id())))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            viewer
                .postJson("/api/w/bakery/posts", "{\"text\":\"x\",\"channels\":[1]}", csrf)
                .statusCode())
        .isEqualTo(403);
    assertThat(viewer.get("/api/w/bakery/posts").statusCode()).isEqualTo(200);
    // Authors see the composer in the navigation.
    assertThat(signedIn("author@example.com").get("/w/bakery/calendar").body())
        .contains("href=\"/w/bakery/compose\"");
  }

  @Test
  void anotherWorkspacesPostsAndPagesAreNotFound() {
    Client stranger = signedIn("stranger@example.com");
    for (String path :
        List.of(
            "/w/bakery/compose",
            "/w/bakery/calendar",
            "/w/bakery/queue",
            "/api/w/bakery/posts",
            "/api/w/bakery/calendar",
            "/api/w/bakery/queue")) {
      assertThat(stranger.get(path).statusCode()).as(path).isEqualTo(404);
    }
    // An author of the bakery cannot reach another workspace's post through the bakery's paths.
    long foreignPost =
        server
            .rapport
            .reviews()
            .create(
                server.rapport.workspaces().userByEmail("stranger@example.com").orElseThrow().id(),
                other.id(),
                new DraftPost(
                    null, List.of(new DraftPost.DraftVariant(otherChannel.id(), GOOD, List.of()))));
    long foreignVariant =
        server.rapport.reviews().post(other.id(), foreignPost).orElseThrow().variants().get(0).id();
    Client a = signedIn("author@example.com");
    String csrf = csrf(a, "bakery");
    assertThat(a.get("/w/bakery/compose?post=" + foreignPost).statusCode()).isEqualTo(404);
    assertThat(
            a.postJson(
                    "/api/w/bakery/posts/" + foreignVariant + "/schedule",
                    "{\"at\":\"next-slot\"}",
                    csrf)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            a.postJson("/api/w/bakery/posts/" + foreignVariant + "/submit", "{}", csrf)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            a.post(
                    "/w/bakery/calendar/move",
                    form(
                        csrf,
                        "variant",
                        String.valueOf(foreignVariant),
                        "date",
                        "2026-06-20",
                        "time",
                        "09:00"))
                .statusCode())
        .isEqualTo(404);
    assertThat(
            a.post(
                    "/w/bakery/compose",
                    form(csrf, "post", String.valueOf(foreignPost), "text", GOOD))
                .statusCode())
        .isEqualTo(404);
    // Nor another workspace's channel in a new post.
    HttpResponse<String> foreignChannel =
        a.postJson(
            "/api/w/bakery/posts",
            "{\"text\":\"" + GOOD + "\",\"channels\":[" + otherChannel.id() + "]}",
            csrf);
    assertThat(foreignChannel.statusCode()).isEqualTo(400);
    assertThat(foreignChannel.body()).contains("There is no channel " + otherChannel.id());
    assertThat(server.rapport.reviews().variant(other.id(), foreignVariant).orElseThrow().state())
        .isEqualTo(PostState.DRAFT);
  }

  @Test
  void postsWithoutTheCsrfTokenAreRefused() {
    Client a = signedIn("author@example.com");
    long before = server.rapport.reviews().posts(bakery.id(), null, 0, 1).total();
    Map<String, String> noToken =
        new LinkedHashMap<>(Map.of("text", GOOD, "channel", String.valueOf(mastodon.id())));
    assertThat(a.post("/w/bakery/compose", noToken).statusCode()).isEqualTo(403);
    assertThat(
            a.postJson(
                    "/api/w/bakery/posts",
                    "{\"text\":\"" + GOOD + "\",\"channels\":[" + mastodon.id() + "]}",
                    null)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            a.postJson(
                    "/api/w/bakery/posts",
                    "{\"text\":\"" + GOOD + "\",\"channels\":[" + mastodon.id() + "]}",
                    "wrong")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            a.post(
                    "/w/bakery/calendar/move",
                    Map.of("variant", "1", "date", "2026-06-20", "time", "09:00"))
                .statusCode())
        .isEqualTo(403);
    assertThat(server.rapport.reviews().posts(bakery.id(), null, 0, 1).total()).isEqualTo(before);
  }

  @Test
  void aScheduledPostLandsOnTheCalendarAndInTheQueue() {
    Client a = signedIn("author@example.com");
    HttpResponse<String> page = a.get("/w/bakery/compose");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("data-lint=\"/api/w/bakery/lint\"").contains("Add to queue");
    String csrf = Client.csrfOf(page.body()).orElseThrow();

    HttpResponse<String> saved =
        a.post(
            "/w/bakery/compose",
            form(
                csrf,
                "title",
                "Rye is back",
                "text",
                GOOD,
                "channel",
                String.valueOf(mastodon.id()),
                "action",
                "schedule",
                "at",
                "2026-06-19T08:30"));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location").orElseThrow())
        .startsWith("/w/bakery/calendar?week=2026-06-19");
    long postId = redirectId(saved, "scheduled");
    PlannedVariant v =
        server.rapport.reviews().post(bakery.id(), postId).orElseThrow().variants().get(0);
    assertThat(v.state()).isEqualTo(PostState.SCHEDULED);
    assertThat(v.scheduledAt()).isEqualTo(Instant.parse("2026-06-19T08:30:00Z"));

    HttpResponse<String> week = a.get("/w/bakery/calendar?week=2026-06-19");
    assertThat(week.body())
        .containsPattern("id=\"day-2026-06-19\"[^>]*>[\\s\\S]*id=\"variant-" + v.id() + "\"")
        .contains("href=\"/w/bakery/posts/" + v.id() + "\"")
        .contains("08:30")
        .contains("thu 10:00, sat 10:00");
    // Not in another day's cell: the cell of the 18th ends before the variant.
    String body = week.body();
    assertThat(body.indexOf("id=\"variant-" + v.id() + "\""))
        .isGreaterThan(body.indexOf("id=\"day-2026-06-19\""));
    assertThat(body.indexOf("id=\"variant-" + v.id() + "\""))
        .isLessThan(body.indexOf("id=\"day-2026-06-20\""));
    assertThat(a.get("/w/bakery/calendar?month=2026-06").body())
        .contains("id=\"variant-" + v.id() + "\"");
    HttpResponse<String> queue = a.get("/w/bakery/queue");
    assertThat(queue.body()).contains("id=\"queued-" + v.id() + "\"").contains("own time");

    // Move it with the keyboard form; it lands on the Saturday.
    HttpResponse<String> moved =
        a.post(
            "/w/bakery/calendar/move",
            form(csrf, "variant", String.valueOf(v.id()), "date", "2026-06-20", "time", "10:00"));
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(303);
    assertThat(server.rapport.reviews().variant(bakery.id(), v.id()).orElseThrow().scheduledAt())
        .isEqualTo(Instant.parse("2026-06-20T10:00:00Z"));
    assertThat(a.get("/w/bakery/queue").body())
        .contains("id=\"queued-" + v.id() + "\"")
        .contains(">slot<");
    // A blocked day refuses the move with the reason, and nothing moves.
    server
        .rapport
        .planner()
        .block(
            manager.id(), bakery.id(), null, LocalDate.of(2026, 6, 22), "Closed for the holiday");
    HttpResponse<String> refused =
        a.post(
            "/w/bakery/calendar/move",
            form(csrf, "variant", String.valueOf(v.id()), "date", "2026-06-22", "time", "10:00"));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("Closed for the holiday").contains("Blocked");
    assertThat(server.rapport.reviews().variant(bakery.id(), v.id()).orElseThrow().scheduledAt())
        .isEqualTo(Instant.parse("2026-06-20T10:00:00Z"));
  }

  @Test
  void aRefusedSaveKeepsWhatWasTypedAndSaysWhyNextToTheField() {
    Client a = signedIn("author@example.com");
    String csrf = csrf(a, "bakery");
    HttpResponse<String> noChannel =
        a.post(
            "/w/bakery/compose",
            form(
                csrf,
                "title",
                "Croissant <b>day</b>",
                "text",
                "Croissants on Sunday",
                "action",
                "draft"));
    assertThat(noChannel.statusCode()).isEqualTo(422);
    assertThat(noChannel.body())
        .contains("id=\"err-channels\"")
        .contains("Pick at least one channel")
        .contains("value=\"Croissant &lt;b>day&lt;/b>\"")
        .doesNotContain("<b>day")
        .contains(">Croissants on Sunday</textarea>");
    HttpResponse<String> badTime =
        a.post(
            "/w/bakery/compose",
            form(
                csrf,
                "text",
                "Croissants on Sunday",
                "channel",
                String.valueOf(bluesky.id()),
                "action",
                "schedule",
                "at",
                "soon"));
    assertThat(badTime.statusCode()).isEqualTo(422);
    assertThat(badTime.body()).contains("id=\"err-at\"").contains("must be a time like");
    // Bluesky has no slots: the draft is kept, and the reason stands next to the channel.
    long before = server.rapport.reviews().posts(bakery.id(), null, 0, 1).total();
    HttpResponse<String> noSlot =
        a.post(
            "/w/bakery/compose",
            form(csrf, "text", GOOD, "channel", String.valueOf(bluesky.id()), "action", "queue"));
    assertThat(noSlot.statusCode()).isEqualTo(409);
    assertThat(noSlot.body())
        .contains("id=\"err-text_" + bluesky.id() + "\"")
        .contains("Not scheduled")
        // The channel by the name people know it by, and where to set its slots on the web.
        .contains(
            "bluesky bakery.bsky has no time slots; set its weekly slots first, under Settings ›"
                + " Posting plan")
        .doesNotContain("channel " + bluesky.id() + " has")
        .contains(GOOD.substring(0, 30))
        .contains("name=\"post\"");
    assertThat(server.rapport.reviews().posts(bakery.id(), null, 0, 1).total())
        .isEqualTo(before + 1);
  }

  @Test
  void aDraftShowsItsGatesAndTheTextThatWillBePosted() {
    Client a = signedIn("author@example.com");
    String csrf = csrf(a, "bakery");
    HttpResponse<String> saved =
        a.post(
            "/w/bakery/compose",
            form(
                csrf,
                "text",
                "Great news!!! Visit https://example.com/bread now",
                "channel",
                String.valueOf(mastodon.id()),
                "action",
                "draft"));
    assertThat(saved.statusCode()).isEqualTo(303);
    long postId = redirectId(saved, "post");
    HttpResponse<String> page = a.get(saved.headers().firstValue("Location").orElseThrow());
    assertThat(page.body())
        .contains("Saved as a draft.")
        .contains("Quality gates")
        .contains("title=\"tracked-links\">Every link is a tracked link</th>")
        .contains(
            "replace them with tracked links: set the short-link address under Settings ›"
                + " Review and quality gates and save the post again")
        // Where the web can do it, the page points there rather than to a command.
        .contains("href=\"/w/bakery/settings#gates\"")
        .doesNotContain("rapport post settings")
        .contains("https://example.com/bread")
        .contains("Predicted authentic engagement")
        .containsPattern("class=\"gate-fail\"");
    // Editing through the form changes the variant and keeps the post.
    long variant =
        server.rapport.reviews().post(bakery.id(), postId).orElseThrow().variants().get(0).id();
    HttpResponse<String> edited =
        a.post(
            "/w/bakery/compose",
            form(
                csrf,
                "post",
                String.valueOf(postId),
                "text_" + mastodon.id(),
                GOOD,
                "action",
                "draft"));
    assertThat(edited.statusCode()).isEqualTo(303);
    assertThat(server.rapport.reviews().variant(bakery.id(), variant).orElseThrow().text())
        .isEqualTo(GOOD);
  }

  @Test
  void withApprovalRequiredAuthorsSubmitAndAnotherManagerApproves() {
    Client a = signedIn("author@example.com");
    String csrf = csrf(a, "studio");
    HttpResponse<String> page = a.get("/w/studio/compose");
    assertThat(page.body()).contains("Submit for approval").doesNotContain("Add to queue");
    HttpResponse<String> submitted =
        a.post(
            "/w/studio/compose",
            form(
                csrf,
                "text",
                GOOD,
                "channel",
                String.valueOf(studioChannel.id()),
                "action",
                "submit"));
    assertThat(submitted.statusCode()).isEqualTo(303);
    long postId = redirectId(submitted, "post");
    assertThat(server.rapport.reviews().post(studio.id(), postId).orElseThrow().state())
        .isEqualTo(PostState.IN_REVIEW);
    Client m = signedIn("manager@example.com");
    HttpResponse<String> review = m.get("/w/studio/compose?post=" + postId);
    assertThat(review.body()).contains("value=\"approve\"");
    HttpResponse<String> approved =
        m.post(
            "/w/studio/compose",
            form(
                Client.csrfOf(review.body()).orElseThrow(),
                "post",
                String.valueOf(postId),
                "text_" + studioChannel.id(),
                GOOD,
                "action",
                "approve"));
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(303);
    assertThat(server.rapport.reviews().post(studio.id(), postId).orElseThrow().state())
        .isEqualTo(PostState.APPROVED);
    assertThat(a.get("/w/studio/compose?post=" + postId).body()).contains("Add to queue");
  }
}
