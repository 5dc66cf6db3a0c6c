package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.app.Rapport;
import dev.rapport.authenticity.Audit;
import dev.rapport.authenticity.AuditSink;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.TargetAudience;
import dev.rapport.authenticity.Verdict;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.people.IdentityKey;
import dev.rapport.platforms.Connections;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audience, people, person, focus and channel pages and their API twins over the bakery
 * fixture: what they show, who may act, CSRF, workspace isolation, escaping and safe exports.
 */
class PeoplePagesTest {

  static final String PASSWORD = "correct horse battery staple";
  static final String EVIL_HANDLE = "=HYPERLINK(\"http://evil.example\",\"x\")";
  static final String BAKERY = "/w/" + BakeryFixture.SLUG;
  static final ObjectMapper JSON = new ObjectMapper();

  static TestServer server;
  static Workspace bakery;
  static Workspace studio;
  static Channel bluesky;
  static long studioPerson;
  static long lookAlikePerson;
  static String ownerToken;
  static String viewerToken;
  static String authorToken;
  static String otherAuthorToken;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    Rapport r = server.rapport;
    bakery = BakeryFixture.build(r, TestServer.NOW);
    studio = server.workspace("studio", "Studio North");
    User owner = server.user("owner@example.com", PASSWORD);
    User viewer = server.user("viewer@example.com", PASSWORD);
    server.grant(bakery, owner, Role.OWNER);
    server.grant(studio, owner, Role.OWNER);
    server.grant(bakery, viewer, Role.VIEWER);
    User author = server.user("author@example.com", PASSWORD);
    User otherAuthor = server.user("other-author@example.com", PASSWORD);
    server.grant(bakery, author, Role.AUTHOR);
    server.grant(bakery, otherAuthor, Role.AUTHOR);
    bluesky =
        r.workspaces().channels(bakery.id()).stream()
            .filter(c -> c.platform() == Platform.BLUESKY)
            .findFirst()
            .orElseThrow();

    // A stranger whose handle and reasons would run as spreadsheet formulas.
    long[] evil =
        r.people()
            .resolve(
                bakery.id(),
                List.of(new IdentityKey(Platform.X, "666", EVIL_HANDLE, "+SUM(A1:A9)")));
    r.people()
        .recordVerdicts(
            bakery.id(),
            evil,
            List.of(
                new Verdict(
                    Category.SUSPICIOUS, 0.99, 1.0, List.of("-2+3 followers", "@cmd"), "test")),
            TestServer.NOW);

    // Follower 30 of bluesky has the same handle on mastodon: a look-alike to merge.
    long[] lookAlike =
        r.people()
            .resolve(
                bakery.id(),
                List.of(
                    new IdentityKey(Platform.MASTODON, "m30", "@follower30@lyon.social", null)));
    lookAlikePerson = r.people().identity(bakery.id(), lookAlike[0]).orElseThrow().personId();

    // Follower 10 (a real person) replied two days ago and waits for an answer.
    long waiting = identity("follower10.bsky.social");
    r.ledger()
        .ingest(
            bakery.id(),
            List.of(
                new Engagement(
                    waiting,
                    bluesky.id(),
                    null,
                    EngagementKind.REPLY,
                    TestServer.NOW.minus(Duration.ofDays(2)),
                    "test",
                    "reply-10")));

    // One stored audit: two followers re-judged by a later run.
    AuditSink sink = r.audits().start(bakery.id(), bluesky.id());
    Audit audit = new Audit(TargetAudience.none());
    for (int i : new int[] {45, 46}) {
      ProfileSnapshot p =
          ProfileSnapshot.builder("bluesky", "did:plc:f" + i)
              .handle("follower" + i + ".bsky.social")
              .observedAt(TestServer.NOW.minus(Duration.ofHours(1)))
              .build();
      Verdict v =
          new Verdict(
              Category.SUSPICIOUS,
              0.97,
              1.0,
              List.of("follows 4,812 accounts, followed by 3"),
              "x");
      sink.verdict(p, v);
      audit.add(p, v);
    }
    sink.completed(audit.report("followers-june.csv", "rules-v1", 0, null));

    long studioIdentity =
        r.people()
            .resolve(
                studio.id(),
                List.of(new IdentityKey(Platform.MASTODON, "s1", "@ann@studio.example", "Ann")))[0];
    studioPerson = r.people().identity(studio.id(), studioIdentity).orElseThrow().personId();
    ownerToken = r.apiTokens().issue(bakery.id(), owner.id(), "test", Role.OWNER).token();
    viewerToken = r.apiTokens().issue(bakery.id(), viewer.id(), "test", Role.VIEWER).token();
    authorToken = r.apiTokens().issue(bakery.id(), author.id(), "test", Role.AUTHOR).token();
    otherAuthorToken =
        r.apiTokens().issue(bakery.id(), otherAuthor.id(), "test", Role.AUTHOR).token();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long identity(String handle) {
    return server
        .rapport
        .people()
        .byHandle(bakery.id(), Platform.BLUESKY, handle)
        .orElseThrow()
        .id();
  }

  static long person(String handle) {
    return server.rapport.people().identity(bakery.id(), identity(handle)).orElseThrow().personId();
  }

  static Client owner() {
    return server.client().signedIn("owner@example.com", PASSWORD);
  }

  static Client viewer() {
    return server.client().signedIn("viewer@example.com", PASSWORD);
  }

  static Client author() {
    return server.client().signedIn("author@example.com", PASSWORD);
  }

  static Client otherAuthor() {
    return server.client().signedIn("other-author@example.com", PASSWORD);
  }

  static String csrf(Client c, String page) {
    return Client.csrfOf(c.get(page).body()).orElseThrow();
  }

  @Test
  void audiencePageShowsTheBreakdownReasonsFlaggedAccountsAndAuditHistory() {
    HttpResponse<String> r = viewer().get(BAKERY + "/audience");
    assertThat(r.statusCode()).isEqualTo(200);
    String html = r.body();
    // The fixture's followers by verdict (two suspicious ones re-judged suspicious: same counts).
    assertThat(html)
        .containsPattern("id=\"verdict-real_person\"[\\s\\S]*?<td class=\"num count\">30</td>")
        .containsPattern("id=\"verdict-influencer\"[\\s\\S]*?<td class=\"num count\">5</td>")
        .containsPattern("id=\"verdict-suspicious\"[\\s\\S]*?<td class=\"num count\">10</td>")
        .containsPattern("id=\"verdict-inactive\"[\\s\\S]*?<td class=\"num count\">5</td>");
    // 10 suspicious followers plus the stranger: 11 flagged, most confident first.
    assertThat(html).contains("1–11 of 11 accounts");
    assertThat(html.indexOf("HYPERLINK")).isLessThan(html.indexOf("follower45.bsky.social"));
    // Reasons are counted by shape: numbers and handles taken out.
    assertThat(html)
        .contains("follows N accounts, followed by N")
        .contains("fixture")
        .contains("8 accounts");
    // The stored audit.
    assertThat(html)
        .contains("followers-june.csv")
        .contains("rules-v1")
        .contains("bluesky lyonbakery");
    // Navigation marks the current section.
    assertThat(html).contains("href=\"" + BAKERY + "/audience\" aria-current=\"page\"");

    String filtered = viewer().get(BAKERY + "/audience?category=inactive&platform=bluesky").body();
    assertThat(filtered).contains("1–5 of 5 accounts").doesNotContain("HYPERLINK");
    assertThat(viewer().get(BAKERY + "/audience?category=robots").statusCode()).isEqualTo(400);

    // With nothing audited yet, the page points to its own upload form, not to a command.
    String empty = owner().get("/w/studio/audience").body();
    assertThat(empty)
        .contains("<a href=\"#audit-form\">Audit a follower file</a> below")
        .contains("The form above stores one.")
        .doesNotContain("rapport audit");
  }

  @Test
  void csvExportDefusesFormulasAndJsonExportListsTheSameAccounts() throws Exception {
    Client v = viewer();
    HttpResponse<String> csv = v.get(BAKERY + "/audience/export?category=flagged&format=csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(d -> assertThat(d).contains("attachment"));
    List<String> lines = csv.body().lines().toList();
    assertThat(lines).hasSize(12); // header + 11
    String evil = lines.stream().filter(l -> l.contains("HYPERLINK")).findFirst().orElseThrow();
    assertThat(evil)
        .contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",")
        .contains(",'+SUM(A1:A9),")
        .contains(",'-2+3 followers; @cmd");
    // No cell of the whole file starts a formula.
    for (String line : lines) {
      for (String cell : line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
        String bare = cell.startsWith("\"") ? cell.substring(1) : cell;
        assertThat(bare).as(line).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@");
      }
    }

    HttpResponse<String> json = v.get(BAKERY + "/audience/export?format=json&platform=x");
    assertThat(json.statusCode()).isEqualTo(200);
    JsonNode items = JSON.readTree(json.body());
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("handle").asText()).isEqualTo(EVIL_HANDLE);
    assertThat(items.get(0).get("reasons")).hasSize(2);
    assertThat(v.get(BAKERY + "/audience/export?format=xlsx").statusCode()).isEqualTo(400);
  }

  @Test
  void peopleListFiltersAndPages() {
    Client v = viewer();
    String all = v.get(BAKERY + "/people").body();
    // 60 followers, the stranger and the look-alike, 50 a page.
    assertThat(all).contains("1–50 of 62 people").contains("rel=\"next\"");
    assertThat(v.get(BAKERY + "/people?offset=50").body()).contains("51–62 of 62 people");
    assertThat(v.get(BAKERY + "/people?verdict=suspicious").body()).contains("1–11 of 11 people");
    assertThat(v.get(BAKERY + "/people?verdict=suspicious&platform=x").body())
        .contains("1–1 of 1 people");
    assertThat(v.get(BAKERY + "/people?stage=customer").body()).contains("of 2 people");
    // The 20 people who liked a post in the last 8 weeks and the 10 suspicious likers.
    assertThat(v.get(BAKERY + "/people?engaged=90d").body()).contains("of 30 people");
    assertThat(v.get(BAKERY + "/people?engaged=never").body()).contains("of 32 people");
    HttpResponse<String> bad = v.get(BAKERY + "/people?engaged=lately");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("quiet-90d");
    // Verdicts are named as the pages name them, and taken that way too.
    HttpResponse<String> robot = v.get(BAKERY + "/people?verdict=robot");
    assertThat(robot.statusCode()).isEqualTo(400);
    assertThat(robot.body())
        .contains(
            "There is no verdict 'robot'. The verdicts are real person, influencer/brand, mass"
                + " follower, suspicious, inactive, self-declared bot or unknown.")
        .doesNotContain("real_person")
        .contains("<nav class=\"wsnav\"");
    assertThat(v.get(BAKERY + "/people?verdict=self-declared%20bot").statusCode()).isEqualTo(200);
    HttpResponse<String> audience = v.get(BAKERY + "/audience?category=robot");
    assertThat(audience.statusCode()).isEqualTo(400);
    assertThat(audience.body())
        .contains("Show the suspicious accounts and bots, or those judged real person,")
        .doesNotContain("self_declared_bot");
  }

  @Test
  void personPageShowsIdentitiesAndTimelineAndEscapesNotes() {
    long ann = person("follower0.bsky.social");
    Client o = owner();
    String page = BAKERY + "/people/" + ann;
    HttpResponse<String> r = o.get(page);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("follower0.bsky.social")
        .contains("real person")
        .contains("class=\"kind-engagement\"");
    // A like of a known post links to that post's page, which answers.
    java.util.regex.Matcher liked =
        java.util.regex.Pattern.compile(
                "<a href=\"(" + BAKERY + "/posts/\\d+)\">liked your post on bluesky")
            .matcher(r.body());
    assertThat(liked.find()).as(r.body()).isTrue();
    assertThat(o.get(liked.group(1)).statusCode()).isEqualTo(200);
    // An entry about no post (a reply to the brand) stays plain text.
    assertThat(o.get(BAKERY + "/people/" + person("follower10.bsky.social")).body())
        .contains("<span class=\"summary\">replied to you on bluesky");
    String csrf = Client.csrfOf(r.body()).orElseThrow();

    String note = "<script>alert('x')</script> loves <b>rye</b>";
    HttpResponse<String> added = o.post(page + "/notes", Map.of("csrf", csrf, "body", note));
    assertThat(added.statusCode()).isEqualTo(303);
    String after = o.get(page).body();
    assertThat(after)
        .contains("&lt;script&gt;alert('x')&lt;/script&gt; loves &lt;b&gt;rye&lt;/b&gt;")
        .doesNotContain("<script>alert")
        .doesNotContain("<b>rye</b>");

    assertThat(o.post(page + "/tags", Map.of("csrf", csrf, "tag", "Wholesale")).statusCode())
        .isEqualTo(303);
    assertThat(o.get(BAKERY + "/people?tag=wholesale").body()).contains("1–1 of 1 people");
    assertThat(o.post(page + "/tags", Map.of("csrf", csrf, "tag", "<bad>")).statusCode())
        .isEqualTo(400);
    assertThat(o.post(page + "/tags/remove", Map.of("csrf", csrf, "tag", "wholesale")).statusCode())
        .isEqualTo(303);
    assertThat(server.rapport.notes().tags(bakery.id(), ann)).isEmpty();
  }

  @Test
  void notesAreCorrectedAndDeletedByTheirAuthorOrAManager() {
    long p = person("follower4.bsky.social");
    String page = BAKERY + "/people/" + p;
    Client a = author();
    String csrf = csrf(a, page);
    assertThat(a.post(page + "/notes", Map.of("csrf", csrf, "body", "Wants rye")).statusCode())
        .isEqualTo(303);
    long id = server.rapport.notes().of(bakery.id(), p).get(0).id();
    String note = page + "/notes/" + id;
    // Its author is offered to change it.
    assertThat(a.get(page).body())
        .contains("<form method=\"post\" action=\"" + note + "\"")
        .contains("action=\"" + note + "/delete\"");

    HttpResponse<String> edited = a.post(note, Map.of("csrf", csrf, "body", " Wants spelt "));
    assertThat(edited.statusCode()).isEqualTo(303);
    assertThat(edited.headers().firstValue("Location")).hasValue(page + "#note-" + id);
    String after = a.get(page).body();
    // The note and its timeline entry show the text now, and when it was edited.
    assertThat(after)
        .doesNotContain("Wants rye")
        .contains("<p class=\"note-body\">Wants spelt</p>")
        .contains("<span class=\"summary\">note by author: Wants spelt</span>")
        .contains("edited <time datetime=\"2026-06-17T12:00:00Z\">");
    assertThat(server.rapport.notes().note(bakery.id(), id).orElseThrow().editedAt())
        .isEqualTo(TestServer.NOW);

    // Another author may neither change it nor is offered to; a viewer neither.
    Client other = otherAuthor();
    String otherCsrf = csrf(other, page);
    assertThat(other.get(page).body()).doesNotContain(note + "/delete");
    assertThat(other.post(note, Map.of("csrf", otherCsrf, "body", "mine")).statusCode())
        .isEqualTo(403);
    assertThat(other.post(note + "/delete", Map.of("csrf", otherCsrf)).statusCode()).isEqualTo(403);
    Client v = viewer();
    assertThat(v.post(note + "/delete", Map.of("csrf", csrf(v, page))).statusCode()).isEqualTo(403);
    // No CSRF token, no change; an empty text is refused; another person's path does not reach it.
    assertThat(a.post(note, Map.of("body", "no token")).statusCode()).isEqualTo(403);
    assertThat(a.post(note + "/delete", Map.of("csrf", "forged")).statusCode()).isEqualTo(403);
    assertThat(a.post(note, Map.of("csrf", csrf, "body", "  ")).statusCode()).isEqualTo(400);
    String elsewhere = BAKERY + "/people/" + person("follower5.bsky.social") + "/notes/" + id;
    assertThat(a.post(elsewhere + "/delete", Map.of("csrf", csrf)).statusCode()).isEqualTo(404);
    assertThat(a.post(page + "/notes/999999/delete", Map.of("csrf", csrf)).statusCode())
        .isEqualTo(404);
    assertThat(server.rapport.notes().note(bakery.id(), id).orElseThrow().body())
        .isEqualTo("Wants spelt");

    // A manager (here the owner) deletes it: it leaves the notes and the timeline.
    Client o = owner();
    assertThat(o.get(page).body()).contains(note + "/delete");
    HttpResponse<String> deleted = o.post(note + "/delete", Map.of("csrf", csrf(o, page)));
    assertThat(deleted.statusCode()).isEqualTo(303);
    String gone = o.get(page).body();
    assertThat(gone).doesNotContain("Wants spelt").doesNotContain("class=\"kind-note\"");
    assertThat(server.rapport.notes().of(bakery.id(), p)).isEmpty();
  }

  @Test
  void notesAreCorrectedAndDeletedThroughTheApi() throws Exception {
    long p = person("follower6.bsky.social");
    String notesPath = "/api" + BAKERY + "/people/" + p + "/notes";
    HttpResponse<String> created = postJson(notesPath, authorToken, "{\"body\":\"Likes rye\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode note = JSON.readTree(created.body());
    assertThat(note.get("editedAt").isNull()).isTrue();
    String path = notesPath + "/" + note.get("id").asLong();

    assertThat(sendJson("PATCH", path, otherAuthorToken, "{\"body\":\"x\"}").statusCode())
        .isEqualTo(403);
    assertThat(sendJson("DELETE", path, viewerToken, null).statusCode()).isEqualTo(403);
    assertThat(sendJson("PATCH", path, authorToken, "{\"text\":\"x\"}").statusCode())
        .isEqualTo(400);
    HttpResponse<String> edited =
        sendJson("PATCH", path, authorToken, "{\"body\":\"Likes spelt\"}");
    assertThat(edited.statusCode()).isEqualTo(200);
    JsonNode after = JSON.readTree(edited.body());
    assertThat(after.get("body").asText()).isEqualTo("Likes spelt");
    assertThat(after.get("at").asText()).isEqualTo(note.get("at").asText());
    assertThat(after.get("editedAt").asText()).isEqualTo("2026-06-17T12:00:00Z");

    // A manager deletes it; then it is gone.
    assertThat(sendJson("DELETE", path, ownerToken, null).statusCode()).isEqualTo(204);
    assertThat(sendJson("DELETE", path, ownerToken, null).statusCode()).isEqualTo(404);
    assertThat(sendJson("PATCH", path, authorToken, "{\"body\":\"x\"}").statusCode())
        .isEqualTo(404);
    assertThat(server.rapport.notes().of(bakery.id(), p)).isEmpty();
  }

  @Test
  void viewersCannotActAndFormsWithoutCsrfAreRefused() {
    long p = person("follower3.bsky.social");
    Client v = viewer();
    String csrf = csrf(v, BAKERY + "/people/" + p);
    String base = BAKERY + "/people/" + p;
    assertThat(v.post(base + "/notes", Map.of("csrf", csrf, "body", "hi")).statusCode())
        .isEqualTo(403);
    assertThat(v.post(base + "/tags", Map.of("csrf", csrf, "tag", "vip")).statusCode())
        .isEqualTo(403);
    assertThat(v.post(base + "/merge", Map.of("csrf", csrf, "other", "1")).statusCode())
        .isEqualTo(403);
    assertThat(
            v.post(BAKERY + "/focus/" + p + "/done", Map.of("csrf", csrf, "reason", "unanswered"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            v.post(
                    BAKERY + "/settings/channels/" + bluesky.id() + "/disconnect",
                    Map.of("csrf", csrf))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            v.post(
                    BAKERY + "/settings/channels",
                    Map.of("csrf", csrf, "platform", "x", "handle", "a"))
                .statusCode())
        .isEqualTo(403);
    // A viewer's page offers no forms that would be refused.
    assertThat(v.get(base).body()).doesNotContain("/notes\"").doesNotContain("/merge\"");

    Client o = owner();
    assertThat(o.post(base + "/notes", Map.of("body", "no token")).statusCode()).isEqualTo(403);
    assertThat(o.post(base + "/notes", Map.of("csrf", "forged", "body", "x")).statusCode())
        .isEqualTo(403);
    assertThat(server.rapport.notes().of(bakery.id(), p)).isEmpty();
    assertThat(viewerCannotWriteThroughTheApi(p)).isEqualTo(403);
  }

  private static int viewerCannotWriteThroughTheApi(long p) {
    return postJson("/api" + BAKERY + "/people/" + p + "/notes", viewerToken, "{\"body\":\"hi\"}")
        .statusCode();
  }

  @Test
  void anotherWorkspacesPersonIsNotFoundEverywhere() {
    Client o = owner();
    String csrf = csrf(o, BAKERY + "/people");
    // The owner may see studio's person in studio ...
    assertThat(o.get("/w/studio/people/" + studioPerson).statusCode()).isEqualTo(200);
    // ... but never through the bakery's addresses.
    assertThat(o.get(BAKERY + "/people/" + studioPerson).statusCode()).isEqualTo(404);
    assertThat(
            o.post(BAKERY + "/people/" + studioPerson + "/notes", Map.of("csrf", csrf, "body", "x"))
                .statusCode())
        .isEqualTo(404);
    assertThat(
            o.post(BAKERY + "/people/" + studioPerson + "/tags", Map.of("csrf", csrf, "tag", "x"))
                .statusCode())
        .isEqualTo(404);
    assertThat(
            o.post(
                    BAKERY + "/focus/" + studioPerson + "/done",
                    Map.of("csrf", csrf, "reason", "unanswered"))
                .statusCode())
        .isEqualTo(404);
    long ann = person("follower0.bsky.social");
    HttpResponse<String> merge =
        o.post(
            BAKERY + "/people/" + ann + "/merge",
            Map.of("csrf", csrf, "other", String.valueOf(studioPerson)));
    assertThat(merge.statusCode()).isEqualTo(400);
    assertThat(server.rapport.notes().of(studio.id(), studioPerson)).isEmpty();
    assertThat(o.get(BAKERY + "/people/nobody").statusCode()).isEqualTo(404);

    HttpResponse<String> api =
        server
            .client()
            .get(
                "/api" + BAKERY + "/people/" + studioPerson,
                "Authorization",
                "Bearer " + ownerToken);
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));
    // The bakery's token does not open studio at all.
    assertThat(
            server
                .client()
                .get("/api/w/studio/people", "Authorization", "Bearer " + ownerToken)
                .statusCode())
        .isEqualTo(404);
    // A channel of studio cannot be disconnected through the bakery.
    Channel studioChannel =
        server.rapport.workspaces().addChannel(studio.id(), Platform.X, "studio", "Studio");
    assertThat(
            o.post(
                    BAKERY + "/settings/channels/" + studioChannel.id() + "/disconnect",
                    Map.of("csrf", csrf))
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void mergeAndUndoFromThePersonPage() {
    long kept = person("follower20.bsky.social");
    long absorbed = person("follower21.bsky.social");
    Client o = owner();
    String page = BAKERY + "/people/" + kept;
    String csrf = csrf(o, page);
    HttpResponse<String> merged =
        o.post(
            page + "/merge",
            Map.of("csrf", csrf, "other", String.valueOf(absorbed), "reason", "same baker"));
    assertThat(merged.statusCode()).isEqualTo(303);
    assertThat(server.rapport.people().identitiesOf(bakery.id(), kept)).hasSize(2);
    String after = o.get(page).body();
    assertThat(after)
        .contains("follower21.bsky.social")
        .contains("same baker")
        .contains("Undo merge");
    assertThat(o.get(BAKERY + "/people/" + absorbed).body())
        .contains("This person was merged into");
    // Merging again is a conflict, said in words.
    HttpResponse<String> again =
        o.post(page + "/merge", Map.of("csrf", csrf, "other", String.valueOf(absorbed)));
    assertThat(again.statusCode()).isEqualTo(409);

    long mergeId = server.rapport.merges().history(bakery.id(), kept).get(0).id();
    // The undo must come from a person of the merge, and name a merge.
    assertThat(o.post(page + "/merges/undo", Map.of("csrf", csrf)).statusCode()).isEqualTo(400);
    long stranger = person("follower22.bsky.social");
    assertThat(
            o.post(
                    BAKERY + "/people/" + stranger + "/merges/undo",
                    Map.of("csrf", csrf, "merge", String.valueOf(mergeId)))
                .statusCode())
        .isEqualTo(404);
    HttpResponse<String> undone =
        o.post(page + "/merges/undo", Map.of("csrf", csrf, "merge", String.valueOf(mergeId)));
    assertThat(undone.statusCode()).isEqualTo(303);
    assertThat(server.rapport.people().identitiesOf(bakery.id(), kept)).hasSize(1);
    assertThat(server.rapport.people().identitiesOf(bakery.id(), absorbed)).hasSize(1);
    assertThat(o.get(page).body()).contains("undone");
  }

  @Test
  void lookAlikesAreSuggestedOnRequestAndMergeInOneClick() {
    long follower30 = person("follower30.bsky.social");
    Client o = owner();
    String page = BAKERY + "/people/" + follower30;
    String plain = o.get(page).body();
    assertThat(plain)
        .contains("Look for this person on other platforms")
        .doesNotContain("same handle 'follower30'");
    String suggested = o.get(page + "?suggest=1").body();
    assertThat(suggested)
        .contains("same handle 'follower30' on")
        .contains("name=\"other\" value=\"" + lookAlikePerson + "\"");
    String lonely =
        o.get(BAKERY + "/people/" + person("follower31.bsky.social") + "?suggest=1").body();
    assertThat(lonely).contains("No other person looks like the same human.");
    assertThat(viewer().get(page + "?suggest=1").body())
        .contains("same handle 'follower30' on")
        .doesNotContain("/merge\"");
  }

  @Test
  void focusListShowsTheWaitingPersonAndDoneTakesThemOff() throws Exception {
    long waiting = person("follower10.bsky.social");
    Client o = owner();
    HttpResponse<String> page = o.get(BAKERY + "/focus");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("id=\"focus-" + waiting + "\"")
        .contains("Waiting for an answer")
        .contains("for an answer on");
    JsonNode api =
        JSON.readTree(
            server
                .client()
                .get("/api" + BAKERY + "/focus", "Authorization", "Bearer " + viewerToken)
                .body());
    assertThat(api.get("items").findValuesAsText("personId")).contains(String.valueOf(waiting));

    String csrf = Client.csrfOf(page.body()).orElseThrow();
    HttpResponse<String> bad =
        o.post(BAKERY + "/focus/" + waiting + "/done", Map.of("csrf", csrf, "reason", "bored"));
    assertThat(bad.statusCode()).isEqualTo(400);
    HttpResponse<String> done =
        o.post(
            BAKERY + "/focus/" + waiting + "/done",
            Map.of(
                "csrf",
                csrf,
                "reason",
                "unanswered",
                "action",
                "replied",
                "channel",
                String.valueOf(bluesky.id()),
                "note",
                "answered about opening hours"));
    assertThat(done.statusCode()).isEqualTo(303);
    String back = done.headers().firstValue("Location").orElseThrow();
    assertThat(back).isEqualTo(BAKERY + "/focus?done=" + waiting);
    // After the redirect the list says what happened and links to the person.
    String after = o.get(back).body();
    assertThat(after)
        .contains("id=\"focus-notice\"")
        .contains(
            "Marked done: <a href=\""
                + BAKERY
                + "/people/"
                + waiting
                + "#timeline\">F10</a> — recorded on their timeline.")
        .doesNotContain("id=\"focus-" + waiting + "\"");
    // A person of another workspace, or no person, gives no notice.
    assertThat(o.get(BAKERY + "/focus?done=" + studioPerson).body()).doesNotContain("focus-notice");
    assertThat(o.get(BAKERY + "/focus?done=x").statusCode()).isEqualTo(200);
    assertThat(o.get(BAKERY + "/focus").body()).doesNotContain("id=\"focus-" + waiting + "\"");
    assertThat(o.get(BAKERY + "/people/" + waiting).body()).contains("class=\"kind-brand-action\"");
  }

  @Test
  void channelsShowConnectionsAndManagersAddAndDisconnect() throws Exception {
    Channel mastodon =
        server.rapport.workspaces().channels(bakery.id()).stream()
            .filter(c -> c.platform() == Platform.MASTODON)
            .findFirst()
            .orElseThrow();
    server
        .rapport
        .connections()
        .connect(
            bakery.id(),
            mastodon.id(),
            URI.create("https://lyon.social"),
            "109",
            "@bakery@lyon.social",
            Map.of("token", "secret-token-value"));
    server
        .rapport
        .connections()
        .connect(
            bakery.id(),
            bluesky.id(),
            URI.create("https://bsky.social"),
            "did:plc:bakery",
            "lyonbakery.bsky.social",
            Map.of("appPassword", "app-password-value"));
    server
        .rapport
        .connections()
        .account(bakery.id(), bluesky.id())
        .orElseThrow()
        .reconnectNeeded("the app password was revoked");
    Channel linkedin =
        server.rapport.workspaces().addChannel(bakery.id(), Platform.LINKEDIN, "lyon-bakery", null);
    String page = viewer().get(BAKERY + "/settings/channels").body();
    assertThat(page)
        .containsPattern(
            "id=\"channel-" + mastodon.id() + "\"[\\s\\S]*?Connected</span> as @bakery@lyon.social")
        .contains("https://lyon.social")
        .containsPattern(
            "id=\"channel-"
                + bluesky.id()
                + "\"[\\s\\S]*?Reconnect needed: the app password was revoked")
        .containsPattern("id=\"channel-" + linkedin.id() + "\"[\\s\\S]*?Not connected")
        .doesNotContain("secret-token-value")
        .doesNotContain("app-password-value")
        .doesNotContain("Disconnect");
    JsonNode api =
        JSON.readTree(
            server
                .client()
                .get("/api" + BAKERY + "/channels", "Authorization", "Bearer " + viewerToken)
                .body());
    JsonNode blueskyJson = null;
    for (JsonNode c : api.get("items")) {
      if (c.get("id").asLong() == bluesky.id()) {
        blueskyJson = c;
      }
    }
    assertThat(blueskyJson).isNotNull();
    assertThat(blueskyJson.at("/connection/reconnectNeeded").asBoolean()).isTrue();
    assertThat(blueskyJson.at("/connection/reconnectReason").asText())
        .isEqualTo("the app password was revoked");
    assertThat(api.toString()).doesNotContain("app-password-value");

    Client o = owner();
    String csrf = csrf(o, BAKERY + "/settings/channels");
    assertThat(
            o.post(
                    BAKERY + "/settings/channels",
                    Map.of("csrf", csrf, "platform", "threads", "handle", "@lyonbakery"))
                .statusCode())
        .isEqualTo(303);
    assertThat(
            o.post(
                    BAKERY + "/settings/channels",
                    Map.of("csrf", csrf, "platform", "threads", "handle", "@LyonBakery"))
                .statusCode())
        .as("the same channel twice")
        .isEqualTo(409);
    assertThat(
            o.post(
                    BAKERY + "/settings/channels",
                    Map.of("csrf", csrf, "platform", "myspace", "handle", "x"))
                .statusCode())
        .isEqualTo(400);
    assertThat(o.get(BAKERY + "/settings/channels").body()).contains("@lyonbakery");

    assertThat(
            o.post(
                    BAKERY + "/settings/channels/" + mastodon.id() + "/disconnect",
                    Map.of("csrf", csrf))
                .statusCode())
        .isEqualTo(303);
    assertThat(server.rapport.connections().statuses(bakery.id()))
        .extracting(Connections.ConnectionStatus::channelId)
        .containsExactly(bluesky.id());
  }

  @Test
  void apiTwinsAnswerWithJsonAndProblems() throws Exception {
    Client program = server.client();
    String auth = "Bearer " + viewerToken;
    JsonNode people =
        JSON.readTree(
            program
                .get("/api" + BAKERY + "/people?verdict=suspicious&limit=5", "Authorization", auth)
                .body());
    assertThat(people.get("total").asLong()).isEqualTo(11);
    assertThat(people.get("items")).hasSize(5);
    assertThat(people.get("next").asText()).contains("verdict=suspicious").contains("offset=5");

    long ann = person("follower1.bsky.social");
    JsonNode person =
        JSON.readTree(
            program
                .get("/api" + BAKERY + "/people/" + ann + "?limit=3", "Authorization", auth)
                .body());
    assertThat(person.at("/person/stage").asText()).isEqualTo("customer");
    assertThat(person.at("/person/identities/0/verdict").asText()).isEqualTo("real_person");
    assertThat(person.get("timeline")).hasSize(3);
    assertThat(person.get("timelineNext").asText()).contains("before=");

    HttpResponse<String> created =
        postJson(
            "/api" + BAKERY + "/people/" + ann + "/notes",
            ownerToken,
            "{\"body\":\"Orders for the café\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).get("body").asText()).isEqualTo("Orders for the café");
    HttpResponse<String> missing =
        postJson("/api" + BAKERY + "/people/" + ann + "/notes", ownerToken, "{\"text\":\"x\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));
    assertThat(JSON.readTree(missing.body()).get("detail").asText())
        .isEqualTo("'body' is required.");
    assertThat(
            postJson("/api" + BAKERY + "/people/" + ann + "/notes", ownerToken, "[1").statusCode())
        .isEqualTo(400);
    assertThat(
            postJson("/api" + BAKERY + "/focus/" + ann + "/done", ownerToken, "{\"reason\":7}")
                .statusCode())
        .isEqualTo(400);

    JsonNode audits =
        JSON.readTree(program.get("/api" + BAKERY + "/audits", "Authorization", auth).body());
    assertThat(audits.get("items")).hasSize(1);
    assertThat(audits.at("/items/0/subject").asText()).isEqualTo("followers-june.csv");
    assertThat(audits.at("/items/0/byCategory/suspicious").asLong()).isEqualTo(2);

    JsonNode audience =
        JSON.readTree(
            program
                .get("/api" + BAKERY + "/audience?category=suspicious", "Authorization", auth)
                .body());
    assertThat(audience.get("followers").asLong()).isEqualTo(BakeryFixture.KNOWN);
    assertThat(audience.at("/byCategory/real_person").asLong()).isEqualTo(30);
    assertThat(audience.at("/flagged/total").asLong()).isEqualTo(11);
    assertThat(audience.at("/reasons/0/count").asLong()).isEqualTo(8);

    JsonNode channels =
        JSON.readTree(program.get("/api" + BAKERY + "/channels", "Authorization", auth).body());
    assertThat(channels.get("items").findValuesAsText("platform")).contains("bluesky", "mastodon");

    HttpResponse<String> badLimit =
        program.get("/api" + BAKERY + "/people?limit=0", "Authorization", auth);
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(badLimit.body()).contains("'limit' must be a whole number from 1 to 200");
  }

  @Test
  void everyNewRouteIsClassified() {
    assertThat(server.server.routes())
        .extracting(r -> r.method() + " " + r.path() + " " + r.access())
        .contains(
            "GET /w/{slug}/audience VIEWER",
            "GET /w/{slug}/audience/export VIEWER",
            "GET /w/{slug}/people VIEWER",
            "GET /w/{slug}/people/{id} VIEWER",
            "POST /w/{slug}/people/{id}/notes AUTHOR",
            "POST /w/{slug}/people/{id}/notes/{note} AUTHOR",
            "POST /w/{slug}/people/{id}/notes/{note}/delete AUTHOR",
            "POST /w/{slug}/people/{id}/merge MANAGER",
            "POST /w/{slug}/people/{id}/merges/undo MANAGER",
            "GET /w/{slug}/focus VIEWER",
            "POST /w/{slug}/focus/{id}/done AUTHOR",
            "GET /w/{slug}/settings/channels VIEWER",
            "POST /w/{slug}/settings/channels/{id}/disconnect MANAGER",
            "GET /api/w/{slug}/people VIEWER",
            "POST /api/w/{slug}/people/{id}/notes AUTHOR",
            "PATCH /api/w/{slug}/people/{id}/notes/{note} AUTHOR",
            "DELETE /api/w/{slug}/people/{id}/notes/{note} AUTHOR",
            "POST /api/w/{slug}/focus/{id}/done AUTHOR",
            "GET /api/w/{slug}/audience VIEWER");
  }

  static HttpResponse<String> postJson(String path, String token, String body) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(server.uri(path))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> sendJson(String method, String path, String token, String body) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(server.uri(path))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .method(
                      method,
                      body == null
                          ? java.net.http.HttpRequest.BodyPublishers.noBody()
                          : java.net.http.HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
