package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.publishing.DraftPost;
import dev.rapport.publishing.ScheduleOutcome;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpResponse;
import java.time.Instant;
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
 * The posts page over the real server: the list by state with its counts, who sees which links,
 * isolation between workspaces, a bad filter, paging past 50, and the composer's way back to it.
 */
class PostsPageTest {

  static final String PASSWORD = "correct horse battery staple";

  /** Concrete, specific and for the declared audience: the quality gates let it be scheduled. */
  static final String GOOD =
      "Our rye sourdough is back on Saturday at the Kreuzberg market stall: 8 EUR a loaf, baked"
          + " at 5am. Reserve yours by replying before Friday.";

  static TestServer server;
  static Workspace bakery;
  static Channel mastodon;
  static Channel bluesky;
  static Channel studioChannel;
  static User author;
  static long draft;
  static long untitled;
  static long inReview;
  static long scheduled;
  static long scheduledVariant;
  static long published;
  static long publishedVariant;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    var ws = server.rapport.workspaces();
    TargetAudience audience =
        new TargetAudience(
            "home bakers in Berlin", List.of("bread", "sourdough"), List.of(), List.of());
    bakery = ws.create("bakery", "Bakery", ZoneId.of("Europe/Berlin"), audience);
    mastodon = ws.addChannel(bakery.id(), Platform.MASTODON, "bakery@social", null);
    bluesky = ws.addChannel(bakery.id(), Platform.BLUESKY, "bakery.bsky", null);
    author =
        ws.createUser("author@example.com", "Ada Baker", server.rapport.passwords().hash(PASSWORD));
    server.grant(bakery, author, Role.AUTHOR);
    server.grant(bakery, server.user("viewer@example.com", PASSWORD), Role.VIEWER);

    draft = post(bakery, "Rye draft", mastodon, bluesky);
    untitled = post(bakery, null, mastodon);
    inReview = post(bakery, "Loaf in review", mastodon);
    server.rapport.reviews().submit(author.id(), bakery.id(), inReview);
    scheduled = post(bakery, "Scheduled loaf", mastodon);
    scheduledVariant = variant(bakery, scheduled);
    // 08:30 UTC is 10:30 in Berlin (summer time): the page shows the workspace's wall clock.
    assertThat(
            server
                .rapport
                .planner()
                .schedule(
                    author.id(),
                    bakery.id(),
                    scheduledVariant,
                    Instant.parse("2026-06-19T08:30:00Z"),
                    null))
        .isInstanceOf(ScheduleOutcome.Scheduled.class);
    // Imported, published before Rapport: no author, a publish time.
    published =
        server.rapport.posts()
            .create(
                bakery.id(),
                List.of(
                    new NewPost(
                        "Published loaf",
                        GOOD,
                        PostState.PUBLISHED,
                        "imported-1",
                        List.of(
                            new NewPost.NewVariant(
                                bluesky.id(),
                                GOOD,
                                PostState.PUBLISHED,
                                null,
                                Instant.parse("2026-06-10T07:00:00Z"),
                                "at://bakery/1",
                                null,
                                null)))))[0];
    publishedVariant = variant(bakery, published);

    // Another workspace, where the bakery's author writes too.
    Workspace other = ws.create("other", "Other", ZoneId.of("UTC"), audience);
    Channel otherChannel = ws.addChannel(other.id(), Platform.MASTODON, "other@social", null);
    server.grant(other, author, Role.AUTHOR);
    server.grant(other, server.user("stranger@example.com", PASSWORD), Role.OWNER);
    post(other, "Foreign secret", otherChannel);

    // A busy workspace: 55 drafts, more than a page.
    Workspace busy = ws.create("busy", "Busy", ZoneId.of("UTC"), audience);
    Channel busyChannel = ws.addChannel(busy.id(), Platform.MASTODON, "busy@social", null);
    server.grant(busy, author, Role.AUTHOR);
    for (int i = 1; i <= 55; i++) {
      post(busy, String.format("Loaf %03d", i), busyChannel);
    }

    // A workspace of its own for the composer, so that its new draft changes no count above.
    Workspace studio = ws.create("studio", "Studio", ZoneId.of("UTC"), audience);
    studioChannel = ws.addChannel(studio.id(), Platform.MASTODON, "studio@social", null);
    server.grant(studio, author, Role.AUTHOR);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long post(Workspace w, String title, Channel... channels) {
    List<DraftPost.DraftVariant> variants =
        java.util.Arrays.stream(channels)
            .map(c -> new DraftPost.DraftVariant(c.id(), GOOD, List.of()))
            .toList();
    return server.rapport.reviews().create(author.id(), w.id(), new DraftPost(title, variants));
  }

  static long variant(Workspace w, long postId) {
    return server.rapport.reviews().post(w.id(), postId).orElseThrow().variants().get(0).id();
  }

  static Client signedIn(String email) {
    return server.client().signedIn(email, PASSWORD);
  }

  /** The table rows' post ids, in order. */
  static List<Long> rows(String html) {
    Matcher m = Pattern.compile("<tr id=\"post-(\\d+)\"").matcher(html);
    List<Long> ids = new java.util.ArrayList<>();
    while (m.find()) {
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids;
  }

  @Test
  void aViewerSeesEveryPostWithItsStateChannelsTimesAndAuthor() {
    Client viewer = signedIn("viewer@example.com");
    HttpResponse<String> res = viewer.get("/w/bakery/posts");
    assertThat(res.statusCode()).isEqualTo(200);
    String html = res.body();
    assertThat(html)
        .contains("<h1>Posts</h1>")
        .contains("<a href=\"/w/bakery\">Bakery</a> › Posts")
        // In the workspace navigation, marked as the current page.
        .contains("href=\"/w/bakery/posts\" aria-current=\"page\">Posts</a>")
        .contains("href=\"/w/bakery/posts\" aria-current=\"page\">All (5)</a>");
    assertThat(rows(html)).containsExactly(published, scheduled, inReview, untitled, draft);

    // States as words, the post's and each variant's.
    assertThat(html)
        .contains(">In review</span>")
        .contains(">Scheduled</span>")
        .contains(">Published</span>")
        .doesNotContain("in_review<")
        .doesNotContain(">in review<");
    // Each variant: its channel, linked to the variant's page, with its time in Berlin.
    assertThat(html)
        .contains(
            "<a href=\"/w/bakery/posts/"
                + scheduledVariant
                + "\">mastodon · bakery@social</a> · Scheduled <time"
                + " datetime=\"2026-06-19T08:30:00Z\">Fri 19 Jun 2026, 10:30</time>")
        .contains(
            "<a href=\"/w/bakery/posts/"
                + publishedVariant
                + "\">bluesky · bakery.bsky</a> · Published <time"
                + " datetime=\"2026-06-10T07:00:00Z\">Wed 10 Jun 2026, 09:00</time>")
        .contains("Times in Europe/Berlin");
    // The author's name where there is one; the untitled draft shows the first words of its text.
    assertThat(html).contains("Ada Baker").contains("Our rye sourdough is back on Saturday at…");
    // A viewer cannot edit: no composer links, titles lead to the variant's page.
    assertThat(html)
        .doesNotContain("/compose")
        .doesNotContain("Write a post")
        .contains("<a href=\"/w/bakery/posts/" + variant(bakery, draft) + "\">Rye draft</a>");
    // Every member finds the page in the navigation, from any page.
    assertThat(viewer.get("/w/bakery/calendar").body()).contains("href=\"/w/bakery/posts\"");
    // The variant page leads back to the list.
    assertThat(viewer.get("/w/bakery/posts/" + scheduledVariant).body())
        .contains("<a href=\"/w/bakery/posts\">Posts</a> › Post");
  }

  @Test
  void theTabsCountEachStateAndShowTheLaterStatesOnlyWhenTheyHavePosts() {
    String html = signedIn("viewer@example.com").get("/w/bakery/posts").body();
    assertThat(html)
        .contains(">All (5)</a>")
        .contains(">Drafts (2)</a>")
        .contains(">In review (1)</a>")
        .contains(">Approved (0)</a>")
        .contains(">Scheduled (1)</a>")
        .contains(">Published (1)</a>")
        .doesNotContain(">Failed (")
        .doesNotContain(">Publishing (")
        .doesNotContain(">Unconfirmed (")
        .contains("<nav class=\"tabs\" aria-label=\"Posts by state\">");
    // A state with no posts is still a tab while it is the one selected, with its empty state.
    HttpResponse<String> failed =
        signedIn("viewer@example.com").get("/w/bakery/posts?state=failed");
    assertThat(failed.statusCode()).isEqualTo(200);
    assertThat(failed.body())
        .contains("href=\"/w/bakery/posts?state=failed\" aria-current=\"page\">Failed (0)</a>")
        .contains("No failed posts.");
    assertThat(rows(failed.body())).isEmpty();
  }

  @Test
  void theDraftsTabListsDraftsAndNotScheduledPostsAndAuthorsOpenThemInTheComposer() {
    Client a = signedIn("author@example.com");
    HttpResponse<String> res = a.get("/w/bakery/posts?state=draft");
    assertThat(res.statusCode()).isEqualTo(200);
    String html = res.body();
    assertThat(rows(html)).containsExactly(untitled, draft);
    assertThat(html)
        .contains("href=\"/w/bakery/posts?state=draft\" aria-current=\"page\">Drafts (2)</a>")
        .contains("<a href=\"/w/bakery/compose?post=" + draft + "\">Rye draft</a>")
        .contains("Drafts: 1–2 of 2")
        .contains("<a href=\"/w/bakery/compose\">Write a post</a>")
        .doesNotContain("Scheduled loaf")
        .doesNotContain("Published loaf");
    // Past the review steps the title leads to the variant's page, even for an author.
    String all = a.get("/w/bakery/posts").body();
    assertThat(all)
        .contains("<a href=\"/w/bakery/compose?post=" + inReview + "\">Loaf in review</a>")
        .contains("<a href=\"/w/bakery/posts/" + scheduledVariant + "\">Scheduled loaf</a>")
        .contains("<a href=\"/w/bakery/posts/" + publishedVariant + "\">Published loaf</a>");
    // A state with no posts says so in words.
    assertThat(a.get("/w/bakery/posts?state=approved").body())
        .contains("Nothing approved and waiting.");
  }

  @Test
  void anotherWorkspacesPostsNeverAppear() {
    // The author writes in both workspaces; each list is its own.
    Client a = signedIn("author@example.com");
    assertThat(a.get("/w/bakery/posts").body()).doesNotContain("Foreign secret");
    assertThat(a.get("/w/bakery/posts?state=draft").body()).doesNotContain("Foreign secret");
    String other = a.get("/w/other/posts").body();
    assertThat(other)
        .contains("Foreign secret")
        .contains(">All (1)</a>")
        .doesNotContain("Rye draft")
        .doesNotContain("Loaf in review");
    // Someone who is not a member of the bakery finds nothing there.
    Client stranger = signedIn("stranger@example.com");
    assertThat(stranger.get("/w/bakery/posts").statusCode()).isEqualTo(404);
    assertThat(stranger.get("/w/bakery/posts?state=draft").statusCode()).isEqualTo(404);
    // Signed out: to the sign-in page.
    assertThat(server.client().get("/w/bakery/posts").statusCode()).isEqualTo(303);
  }

  @Test
  void aBadStateOrPageIsA400ThatSaysWhatIsValid() {
    Client viewer = signedIn("viewer@example.com");
    HttpResponse<String> res = viewer.get("/w/bakery/posts?state=someday");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.body())
        .contains(
            "must be one of draft, in_review, approved, scheduled, publishing, published, failed,"
                + " unconfirmed");
    // What was given is shown back escaped.
    HttpResponse<String> script = viewer.get("/w/bakery/posts?state=%3Cscript%3Ex");
    assertThat(script.statusCode()).isEqualTo(400);
    assertThat(script.body()).doesNotContain("<script>x");
    for (String page : List.of("0", "-1", "two", "99999999999")) {
      HttpResponse<String> bad = viewer.get("/w/bakery/posts?page=" + page);
      assertThat(bad.statusCode()).as(page).isEqualTo(400);
      assertThat(bad.body()).as(page).contains("must be a whole number from 1 to");
    }
    // The state is read as written in the tabs, whatever its case.
    assertThat(viewer.get("/w/bakery/posts?state=IN_REVIEW").statusCode()).isEqualTo(200);
  }

  @Test
  void moreThanFiftyPostsArePagedNewestFirst() {
    Client a = signedIn("author@example.com");
    String first = a.get("/w/busy/posts").body();
    assertThat(rows(first)).hasSize(50);
    assertThat(first)
        .contains(">All (55)</a>")
        .contains("All posts: 1–50 of 55")
        .contains("Loaf 055")
        .contains("Loaf 006")
        .doesNotContain("Loaf 005")
        .contains("<a href=\"/w/busy/posts?page=2\" rel=\"next\">Older →</a>")
        .doesNotContain("Newer");

    String second = a.get("/w/busy/posts?page=2").body();
    assertThat(rows(second)).hasSize(5);
    assertThat(second)
        .contains("All posts: 51–55 of 55")
        .contains("Loaf 005")
        .contains("Loaf 001")
        .doesNotContain("Loaf 006")
        .contains("<a href=\"/w/busy/posts\" rel=\"prev\">← Newer</a>")
        .doesNotContain("Older");

    // The state filter is kept from page to page.
    assertThat(a.get("/w/busy/posts?state=draft").body())
        .contains("href=\"/w/busy/posts?state=draft&amp;page=2\" rel=\"next\"");
    assertThat(a.get("/w/busy/posts?state=draft&page=2").body())
        .contains("href=\"/w/busy/posts?state=draft\" rel=\"prev\"");

    // Past the last page: an empty state in words with the way back, not an error.
    HttpResponse<String> beyond = a.get("/w/busy/posts?page=9");
    assertThat(beyond.statusCode()).isEqualTo(200);
    assertThat(rows(beyond.body())).isEmpty();
    assertThat(beyond.body())
        .contains("There is no page 9 here: these posts fit on 2 pages.")
        .contains("<a href=\"/w/busy/posts?page=2\">Go to the last page</a>")
        .doesNotContain("rel=\"prev\"");
  }

  @Test
  void savingADraftInTheComposerLinksToTheDraftsList() {
    Client a = signedIn("author@example.com");
    String page = a.get("/w/studio/compose").body();
    String csrf = Client.csrfOf(page).orElseThrow();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("csrf", csrf);
    form.put("title", "Studio draft");
    form.put("text", GOOD);
    form.put("channel", String.valueOf(studioChannel.id()));
    form.put("action", "draft");
    HttpResponse<String> saved = a.post("/w/studio/compose", form);
    assertThat(saved.statusCode()).isEqualTo(303);
    String composer = a.get(saved.headers().firstValue("Location").orElseThrow()).body();
    assertThat(composer)
        .contains("Saved as a draft. <a href=\"/w/studio/posts?state=draft\">See all drafts</a>");
    String drafts = a.get("/w/studio/posts?state=draft").body();
    assertThat(drafts).contains("Studio draft").contains(">Drafts (1)</a>");
  }
}
