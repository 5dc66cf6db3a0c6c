package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.app.Rapport;
import dev.rapport.content.Post;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Audits from the browser and the API, reports, settings and the REST resources over the bakery
 * fixture: happy paths, roles (403), another workspace (404), CSRF, and refused bodies that say
 * which field was wrong and write nothing.
 */
class WebResourcesTest {

  static final String PASSWORD = "correct horse battery staple";
  static final String BAKERY = "/w/" + BakeryFixture.SLUG;
  static final String API = "/api/w/" + BakeryFixture.SLUG;
  static final String EVIL = "=HYPERLINK(\"http://evil.example\",\"x\")";
  static final ObjectMapper JSON = new ObjectMapper();

  static TestServer server;
  static Rapport r;
  static Workspace bakery;
  static Workspace studio;
  static Channel bluesky;
  static Channel evilChannel;
  static User owner;
  static User manager;
  static User viewer;
  static User stranger;
  static String managerToken;
  static String viewerToken;
  static long variant;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    r = server.rapport;
    bakery = BakeryFixture.build(r, TestServer.NOW);
    studio = server.workspace("studio", "Studio North");
    owner = server.user("owner@example.com", PASSWORD);
    manager = server.user("manager@example.com", PASSWORD);
    viewer = server.user("viewer@example.com", PASSWORD);
    stranger = server.user("stranger@example.com", PASSWORD);
    server.grant(bakery, owner, Role.OWNER);
    server.grant(bakery, manager, Role.MANAGER);
    server.grant(bakery, viewer, Role.VIEWER);
    server.grant(studio, owner, Role.OWNER);
    server.grant(studio, stranger, Role.VIEWER);
    bluesky =
        r.workspaces().channels(bakery.id()).stream()
            .filter(c -> c.platform() == Platform.BLUESKY)
            .findFirst()
            .orElseThrow();
    evilChannel = r.workspaces().addChannel(bakery.id(), Platform.X, EVIL, "x");
    r.workspaces().updateChannelPlan(evilChannel.id(), null, 2);
    managerToken = r.apiTokens().issue(bakery.id(), manager.id(), "sync", Role.MANAGER).token();
    viewerToken = r.apiTokens().issue(bakery.id(), viewer.id(), "read", Role.VIEWER).token();
    Post post = r.posts().recent(bakery.id(), 1).get(0);
    variant = r.posts().variantsOf(bakery.id(), new long[] {post.id()}).get(0).id();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in =
        WebResourcesTest.class.getResourceAsStream("/dev/rapport/authenticity/" + name)) {
      return in.readAllBytes();
    }
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  static String csrf(Client c) {
    return Client.csrfOf(c.get(BAKERY + "/settings").body()).orElseThrow();
  }

  // --- audits -------------------------------------------------------------------------------

  @Test
  void everyPageNamesTheIconAndTheIconIsServedWithoutSignIn() throws IOException {
    Client anonymous = server.client();
    assertThat(anonymous.get("/login").body())
        .contains("<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">");
    HttpResponse<String> icon = anonymous.get("/assets/favicon.svg");
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
    assertThat(icon.body()).startsWith("<svg");
  }

  @Test
  void aManagerAuditsAFollowerFileFromTheAudiencePage() throws IOException {
    Client c = server.client().signedIn("manager@example.com", PASSWORD);
    HttpResponse<String> page = c.get(BAKERY + "/audience");
    assertThat(page.body())
        .contains("id=\"audit-form\"")
        .contains("enctype=\"multipart/form-data\"");
    String csrf = Client.csrfOf(page.body()).orElseThrow();
    int before = r.audits().history(bakery.id(), 100).size();
    HttpResponse<String> done =
        c.upload(
            BAKERY + "/audience/audits",
            Map.of("csrf", csrf, "channel", String.valueOf(bluesky.id()), "maxErrors", "0"),
            "file",
            "followers.jsonl",
            resource("audience.jsonl"));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(done.body()).contains("Audit of followers.jsonl").contains("8 accounts read");
    assertThat(r.audits().history(bakery.id(), 100)).hasSize(before + 1);
    assertThat(r.audits().history(bakery.id(), 1).get(0).subject()).isEqualTo("followers.jsonl");
    assertThat(r.audits().history(bakery.id(), 1).get(0).channelId()).isEqualTo(bluesky.id());
    // The new audit is in the history on the audience page.
    assertThat(c.get(BAKERY + "/audience").body()).contains("followers.jsonl");
  }

  @Test
  void aFileThatStopsAtABadRecordStoresNothingAndSaysWhere() throws IOException {
    Client c = server.client().signedIn("manager@example.com", PASSWORD);
    String csrf = csrf(c);
    int audits = r.audits().history(bakery.id(), 100).size();
    long identities = r.people().countIdentities(bakery.id());
    HttpResponse<String> refused =
        c.upload(
            BAKERY + "/audience/audits",
            Map.of("csrf", csrf, "maxErrors", "0"),
            "file",
            "bad.csv",
            resource("bad-types.csv"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("Nothing was stored")
        .contains("bad.csv line 3")
        .contains("followers_count");
    assertThat(r.audits().history(bakery.id(), 100)).hasSize(audits);
    assertThat(r.people().countIdentities(bakery.id())).isEqualTo(identities);

    // With one bad record allowed, the rest is audited and the skipped record is listed.
    HttpResponse<String> skipped =
        c.upload(
            BAKERY + "/audience/audits",
            Map.of("csrf", csrf, "maxErrors", "1"),
            "file",
            "bad.csv",
            resource("bad-types.csv"));
    assertThat(skipped.statusCode()).as(skipped.body()).isEqualTo(200);
    assertThat(skipped.body()).contains("1 bad records skipped").contains("2 accounts read");
    assertThat(r.audits().history(bakery.id(), 100)).hasSize(audits + 1);
  }

  @Test
  void auditUploadsAreRefusedToViewersWithoutCsrfAndInAnotherWorkspace() throws IOException {
    Client v = server.client().signedIn("viewer@example.com", PASSWORD);
    assertThat(v.get(BAKERY + "/audience").body()).doesNotContain("id=\"audit-form\"");
    byte[] file = resource("audience.jsonl");
    assertThat(
            v.upload(BAKERY + "/audience/audits", Map.of("csrf", csrf(v)), "file", "f.jsonl", file)
                .statusCode())
        .isEqualTo(403);
    Client m = server.client().signedIn("manager@example.com", PASSWORD);
    assertThat(
            m.upload(BAKERY + "/audience/audits", Map.of(), "file", "f.jsonl", file).statusCode())
        .isEqualTo(403);
    assertThat(
            m.upload("/w/studio/audience/audits", Map.of("csrf", csrf(m)), "file", "f.jsonl", file)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            server
                .client()
                .bearer(
                    "POST",
                    API + "/audits",
                    viewerToken,
                    "application/x-ndjson",
                    new String(file, java.nio.charset.StandardCharsets.UTF_8))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void theAuditApiRunsOnTheBodyAndNamesTheBadFieldAndLine() throws IOException {
    Client p = server.client();
    int audits = r.audits().history(bakery.id(), 100).size();
    HttpResponse<String> bad =
        p.bearer(
            "POST",
            API + "/audits?filename=bad.csv",
            managerToken,
            "text/csv",
            new String(resource("bad-types.csv"), java.nio.charset.StandardCharsets.UTF_8));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = json(bad);
    assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("followers_count");
    assertThat(problem.get("errors").get(0).get("line").asLong()).isEqualTo(3);
    assertThat(r.audits().history(bakery.id(), 100)).hasSize(audits);

    HttpResponse<String> ok =
        p.bearer(
            "POST",
            API + "/audits?channelId=" + bluesky.id(),
            managerToken,
            "application/x-ndjson",
            new String(resource("audience.jsonl"), java.nio.charset.StandardCharsets.UTF_8));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    JsonNode report = json(ok);
    assertThat(report.get("profiles").asLong()).isEqualTo(8);
    assertThat(report.get("channelId").asLong()).isEqualTo(bluesky.id());
    assertThat(report.get("id").asLong()).isEqualTo(r.audits().history(bakery.id(), 1).get(0).id());

    HttpResponse<String> noChannel =
        p.bearer("POST", API + "/audits?channelId=999999", managerToken, "application/json", "[]");
    assertThat(noChannel.statusCode()).isEqualTo(400);
    assertThat(json(noChannel).get("errors").get(0).get("field").asText()).isEqualTo("channel");
  }

  @Test
  void aFlaggedAccountShowsItsVerdictProbabilityAndReasons() throws IOException {
    var flagged =
        r.audits()
            .flagged(
                bakery.id(),
                java.util.Set.of(dev.rapport.authenticity.Category.SUSPICIOUS),
                Platform.BLUESKY,
                0,
                1)
            .identities()
            .get(0);
    Client v = server.client().signedIn("viewer@example.com", PASSWORD);
    assertThat(v.get(BAKERY + "/audience").body())
        .contains("/audience/accounts/" + flagged.identityId());
    HttpResponse<String> page = v.get(BAKERY + "/audience/accounts/" + flagged.identityId());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("id=\"account-category\">suspicious")
        .contains("id=\"account-probability\">90.0%")
        .contains("<li>fixture</li>");
    JsonNode api = json(v.get(API + "/audience/accounts/" + flagged.identityId()));
    assertThat(api.get("category").asText()).isEqualTo("suspicious");
    assertThat(api.get("reasons").get(0).asText()).isEqualTo("fixture");
    Client s = server.client().signedIn("owner@example.com", PASSWORD);
    assertThat(s.get("/w/studio/audience/accounts/" + flagged.identityId()).statusCode())
        .isEqualTo(404);
    assertThat(s.get("/api/w/studio/audience/accounts/" + flagged.identityId()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void whoEngagedWithAPostIsSplitByVerdict() throws IOException {
    Client v = server.client().signedIn("viewer@example.com", PASSWORD);
    JsonNode all = json(v.get(API + "/audits/posts/" + variant));
    // The newest post: the 6 core people, 10 suspicious accounts and person 8 liked it.
    assertThat(all.get("suspicious").asLong()).isEqualTo(10);
    assertThat(all.get("engagements").asLong()).isEqualTo(all.get("authentic").asLong() + 10);
    JsonNode bots = json(v.get(API + "/audits/posts/" + variant + "?verdict=suspicious&limit=4"));
    assertThat(bots.get("engagers").get("total").asLong()).isEqualTo(10);
    assertThat(bots.get("engagers").get("items")).hasSize(4);
    assertThat(bots.get("engagers").get("next").asText()).contains("offset=4");
    bots.get("engagers")
        .get("items")
        .forEach(e -> assertThat(e.get("verdict").asText()).isEqualTo("suspicious"));
    HttpResponse<String> bad = v.get(API + "/audits/posts/" + variant + "?verdict=robot");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("errors").get(0).get("field").asText()).isEqualTo("verdict");
    Client o = server.client().signedIn("owner@example.com", PASSWORD);
    assertThat(o.get("/api/w/studio/audits/posts/" + variant).statusCode()).isEqualTo(404);
  }

  // --- reports ------------------------------------------------------------------------------

  @Test
  void theReportsPageShowsAdherenceTruthQualityAndRetentionWithExports() throws IOException {
    Client v = server.client().signedIn("viewer@example.com", PASSWORD);
    HttpResponse<String> page = v.get(BAKERY + "/reports");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Plan adherence by month")
        .contains("Authentic engagement rate beside the raw rate")
        .contains("Audience quality score over time")
        .contains("Retention of authentic engagers")
        .contains("id=\"report-data\"")
        .contains("/assets/reports.js")
        .contains("aria-current=\"page\">Reports")
        .doesNotContain("<script>");
    JsonNode chart =
        JSON.readTree(
            page.body()
                .replaceAll(
                    "(?s).*<script type=\"application/json\" id=\"report-data\">(.*?)</script>.*",
                    "$1"));
    assertThat(chart.get("weeks")).hasSize(BakeryFixture.POSTS);
    assertThat(chart.get("months").size()).isGreaterThanOrEqualTo(12);

    HttpResponse<String> csv = v.get(API + "/reports/consistency?format=csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(csv.body()).startsWith("channel_id,platform,handle,month,");
    // The channel handle is a formula: defused with an apostrophe, and quoted.
    assertThat(csv.body()).contains("\"'=HYPERLINK(").doesNotContain(",=HYPERLINK");
    JsonNode truth = json(v.get(API + "/reports/truth?format=json"));
    assertThat(truth.get("weeks")).hasSize(BakeryFixture.POSTS);
    assertThat(v.get(API + "/reports/retention?format=csv").body())
        .startsWith("month,people,retained_m1,retained_m3");
    assertThat(v.get(API + "/reports/quality?format=csv").body()).startsWith("at,quality_score,");
    HttpResponse<String> badFormat = v.get(API + "/reports/truth?format=xls");
    assertThat(badFormat.statusCode()).isEqualTo(400);
    assertThat(json(badFormat).get("errors").get(0).get("field").asText()).isEqualTo("format");
    assertThat(v.get(API + "/reports/nonsense").statusCode()).isEqualTo(404);
    Client s = server.client().signedIn("stranger@example.com", PASSWORD);
    assertThat(s.get(BAKERY + "/reports").statusCode()).isEqualTo(404);
    assertThat(s.get(API + "/reports/truth").statusCode()).isEqualTo(404);
  }

  @Test
  void metricsOverTimeAnswerJsonAndCheckTheirRange() throws IOException {
    Client p = server.client();
    JsonNode weeks = json(p.bearer("GET", API + "/metrics/weeks", viewerToken, null, null));
    assertThat(weeks.get("items")).hasSize(BakeryFixture.POSTS);
    assertThat(weeks.get("items").get(0).has("authenticRate")).isTrue();
    assertThat(weeks.get("items").get(0).has("rawRate")).isTrue();
    JsonNode quality = json(p.bearer("GET", API + "/metrics/quality", viewerToken, null, null));
    JsonNode last = quality.get("items").get(quality.get("items").size() - 1);
    assertThat(last.get("followers").asLong()).isEqualTo(BakeryFixture.KNOWN);
    assertThat(last.get("authenticFollowers").asLong()).isEqualTo(BakeryFixture.AUTHENTIC);
    JsonNode retention = json(p.bearer("GET", API + "/metrics/retention", viewerToken, null, null));
    assertThat(retention.get("offsetsMonths").toString()).isEqualTo("[1,3,6,12]");
    HttpResponse<String> bad =
        p.bearer(
            "GET",
            API + "/metrics/weeks?from=2026-06-01T00:00:00Z&to=2026-01-01T00:00:00Z",
            viewerToken,
            null,
            null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("errors").get(0).get("field").asText()).isEqualTo("from");
    assertThat(p.bearer("GET", "/api/w/studio/metrics/weeks", viewerToken, null, null).statusCode())
        .isEqualTo(404);
  }

  // --- settings -----------------------------------------------------------------------------

  @Test
  void settingsAreReadByEveryoneAndChangedByManagersWithCsrf() {
    Client v = server.client().signedIn("viewer@example.com", PASSWORD);
    HttpResponse<String> read = v.get(BAKERY + "/settings");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body())
        .contains("Posting plan")
        .contains("Target audience")
        .doesNotContain("Users and roles");
    assertThat(
            v.post(
                    BAKERY + "/settings/workspace",
                    Map.of("csrf", csrf(v), "name", "Hacked", "timeZone", "UTC"))
                .statusCode())
        .isEqualTo(403);

    Client m = server.client().signedIn("manager@example.com", PASSWORD);
    assertThat(m.post(BAKERY + "/settings/audience", Map.of("topics", "bread")).statusCode())
        .isEqualTo(403);
    HttpResponse<String> badZone =
        m.post(
            BAKERY + "/settings/workspace",
            Map.of("csrf", csrf(m), "name", "Lyon Bakery & Co", "timeZone", "Mars/Olympus"));
    assertThat(badZone.statusCode()).isEqualTo(400);
    assertThat(badZone.body()).contains("Mars/Olympus");
    assertThat(r.workspaces().byId(bakery.id()).orElseThrow().name()).isEqualTo(BakeryFixture.NAME);

    HttpResponse<String> audience =
        m.post(
            BAKERY + "/settings/audience",
            Map.of(
                "csrf",
                csrf(m),
                "description",
                "Bread lovers in Lyon",
                "topics",
                "bread, pastry",
                "languages",
                "fr",
                "places",
                "Lyon"));
    assertThat(audience.statusCode()).isEqualTo(303);
    var a = r.workspaces().byId(bakery.id()).orElseThrow().audience();
    assertThat(a.topics()).containsExactly("bread", "pastry");
    assertThat(a.places()).containsExactly("Lyon");

    HttpResponse<String> plan =
        m.post(
            BAKERY + "/settings/plan/" + bluesky.id(),
            Map.of("csrf", csrf(m), "postsPerWeek", "4", "slots", "mon 09:00, thu 12:30"));
    assertThat(plan.statusCode()).isEqualTo(303);
    assertThat(r.workspaces().channel(bakery.id(), bluesky.id()).orElseThrow().postsPerWeek())
        .isEqualTo(4);
    assertThat(r.planner().slots(bakery.id(), bluesky.id())).hasSize(2);
    HttpResponse<String> badSlot =
        m.post(
            BAKERY + "/settings/plan/" + bluesky.id(),
            Map.of("csrf", csrf(m), "postsPerWeek", "4", "slots", "someday 25:00"));
    assertThat(badSlot.statusCode()).isEqualTo(400);
    assertThat(r.planner().slots(bakery.id(), bluesky.id())).hasSize(2);
    // Another workspace's channel id is not found.
    long studioChannel =
        r.workspaces().addChannel(studio.id(), Platform.BLUESKY, "studio.bsky.social", "S").id();
    assertThat(
            m.post(
                    BAKERY + "/settings/plan/" + studioChannel,
                    Map.of("csrf", csrf(m), "postsPerWeek", "1"))
                .statusCode())
        .isEqualTo(404);

    assertThat(
            m.post(
                    BAKERY + "/settings/blocked",
                    Map.of("csrf", csrf(m), "day", "2026-12-25", "reason", "Christmas"))
                .statusCode())
        .isEqualTo(303);
    var blocked =
        r.planner()
            .blocked(
                bakery.id(),
                java.time.LocalDate.of(2026, 12, 1),
                java.time.LocalDate.of(2026, 12, 31));
    assertThat(blocked).hasSize(1);
    assertThat(m.get(BAKERY + "/settings").body()).contains("Christmas");
    assertThat(
            m.post(
                    BAKERY + "/settings/blocked/" + blocked.get(0).id() + "/remove",
                    Map.of("csrf", csrf(m)))
                .statusCode())
        .isEqualTo(303);
    assertThat(
            r.planner()
                .blocked(
                    bakery.id(),
                    java.time.LocalDate.of(2026, 12, 1),
                    java.time.LocalDate.of(2026, 12, 31)))
        .isEmpty();

    Map<String, String> gates = new LinkedHashMap<>();
    gates.put("csrf", csrf(m));
    gates.put("requiresApproval", "on");
    gates.put("gates", "rubric");
    gates.put("rubricBar", "65");
    gates.put("maxPerDay", "2");
    gates.put("linkBase", "https://go.bakery.example");
    assertThat(m.post(BAKERY + "/settings/gates", gates).statusCode()).isEqualTo(303);
    var publishing = r.gates().settings(bakery.id());
    assertThat(publishing.requiresApproval()).isTrue();
    assertThat(publishing.rubricBar()).isEqualTo(65);
    assertThat(publishing.gates()).containsExactly(dev.rapport.publishing.Gate.RUBRIC);
    gates.put("csrf", csrf(m));
    gates.put("rubricBar", "101");
    assertThat(m.post(BAKERY + "/settings/gates", gates).statusCode()).isEqualTo(400);
    assertThat(r.gates().settings(bakery.id()).rubricBar()).isEqualTo(65);
  }

  @Test
  void usersAndRolesFollowTheRuleAndEveryChangeIsLogged() {
    Client o = server.client().signedIn("owner@example.com", PASSWORD);
    HttpResponse<String> added =
        o.post(
            BAKERY + "/settings/members",
            Map.of(
                "csrf",
                csrf(o),
                "email",
                "New.Author@Example.com",
                "role",
                "author",
                "displayName",
                "Nina"));
    assertThat(added.statusCode()).isEqualTo(201);
    String password =
        added.body().replaceAll("(?s).*<code id=\"new-password\">([^<]+)</code>.*", "$1");
    assertThat(password).hasSizeGreaterThan(15);
    User nina = r.workspaces().userByEmail("new.author@example.com").orElseThrow();
    assertThat(r.workspaces().role(bakery.id(), nina.id())).contains(Role.AUTHOR);
    // The new account signs in with the password shown once; it is not stored in plain text.
    server.client().signedIn("new.author@example.com", password);
    assertThat(r.workspaces().passwordHash(nina.id()).orElseThrow()).doesNotContain(password);
    assertThat(r.securityLog().recent(bakery.id(), 10))
        .anySatisfy(
            e ->
                assertThat(e.action() + " " + e.detail())
                    .isEqualTo("member.added new.author@example.com as author (new account)"));

    // A manager manages viewers and authors only.
    Client m = server.client().signedIn("manager@example.com", PASSWORD);
    assertThat(
            m.post(
                    BAKERY + "/settings/members/" + nina.id() + "/role",
                    Map.of("csrf", csrf(m), "role", "manager"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            m.post(BAKERY + "/settings/members/" + owner.id() + "/remove", Map.of("csrf", csrf(m)))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            m.post(
                    BAKERY + "/settings/members/" + nina.id() + "/role",
                    Map.of("csrf", csrf(m), "role", "viewer"))
                .statusCode())
        .isEqualTo(303);
    assertThat(r.workspaces().role(bakery.id(), nina.id())).contains(Role.VIEWER);
    assertThat(r.securityLog().recent(bakery.id(), 1).get(0).detail())
        .isEqualTo("new.author@example.com: author → viewer");
    assertThat(
            m.post(BAKERY + "/settings/members/" + nina.id() + "/role", Map.of("role", "author"))
                .statusCode())
        .isEqualTo(403);
    // Another workspace's member is not found.
    assertThat(
            m.post(
                    BAKERY + "/settings/members/" + stranger.id() + "/remove",
                    Map.of("csrf", csrf(m)))
                .statusCode())
        .isEqualTo(404);
    assertThat(
            m.post(BAKERY + "/settings/members/" + nina.id() + "/remove", Map.of("csrf", csrf(m)))
                .statusCode())
        .isEqualTo(303);
    assertThat(r.workspaces().role(bakery.id(), nina.id())).isEmpty();
    assertThat(r.securityLog().recent(bakery.id(), 1).get(0).action()).isEqualTo("member.removed");

    // The last owner stays.
    HttpResponse<String> last =
        o.post(
            BAKERY + "/settings/members/" + owner.id() + "/role",
            Map.of("csrf", csrf(o), "role", "manager"));
    assertThat(last.statusCode()).isEqualTo(409);
    assertThat(last.body()).contains("last owner");
    assertThat(
            o.post(BAKERY + "/settings/members/" + owner.id() + "/remove", Map.of("csrf", csrf(o)))
                .statusCode())
        .isEqualTo(409);
    assertThat(r.workspaces().role(bakery.id(), owner.id())).contains(Role.OWNER);
    HttpResponse<String> badEmail =
        o.post(
            BAKERY + "/settings/members",
            Map.of("csrf", csrf(o), "email", "not an address", "role", "viewer"));
    assertThat(badEmail.statusCode()).isEqualTo(400);
  }

  // --- REST resources ------------------------------------------------------------------------

  @Test
  void workspacesAreListedPerCallerAndPatchedFieldByField() throws IOException {
    Client o = server.client().signedIn("owner@example.com", PASSWORD);
    JsonNode mine = json(o.get("/api/workspaces"));
    assertThat(mine.get("items")).hasSize(2);
    JsonNode viaToken =
        json(server.client().bearer("GET", "/api/workspaces", managerToken, null, null));
    assertThat(viaToken.get("items")).hasSize(1);
    assertThat(viaToken.get("items").get(0).get("slug").asText()).isEqualTo(BakeryFixture.SLUG);
    JsonNode one = json(server.client().bearer("GET", API, viewerToken, null, null));
    assertThat(one.get("workspace").get("role").asText()).isEqualTo("viewer");
    assertThat(one.get("publishing").has("rubricBar")).isTrue();

    HttpResponse<String> bad =
        server
            .client()
            .bearer(
                "PATCH",
                API,
                managerToken,
                "application/json",
                "{\"name\":\"Renamed\",\"timeZone\":\"Nowhere/City\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("errors").get(0).get("field").asText()).isEqualTo("timeZone");
    assertThat(r.workspaces().byId(bakery.id()).orElseThrow().name()).isEqualTo(BakeryFixture.NAME);
    HttpResponse<String> unknown =
        server.client().bearer("PATCH", API, managerToken, "application/json", "{\"nmae\":\"x\"}");
    assertThat(json(unknown).get("errors").get(0).get("field").asText()).isEqualTo("/nmae");
    assertThat(
            server
                .client()
                .bearer("PATCH", API, viewerToken, "application/json", "{\"name\":\"x\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            server
                .client()
                .bearer(
                    "PATCH", "/api/w/studio", managerToken, "application/json", "{\"name\":\"x\"}")
                .statusCode())
        .isEqualTo(404);
    // A session needs its CSRF token for a PATCH too.
    assertThat(o.send("PATCH", API, "application/json", "{\"name\":\"x\"}", null).statusCode())
        .isEqualTo(403);
    HttpResponse<String> ok =
        server
            .client()
            .bearer(
                "PATCH",
                "/api/w/studio",
                r.apiTokens().issue(studio.id(), owner.id(), "t", Role.OWNER).token(),
                "application/json",
                "{\"timeZone\":\"Europe/Oslo\",\"audience\":{\"topics\":[\"design\"]}}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    Workspace s = r.workspaces().byId(studio.id()).orElseThrow();
    assertThat(s.timeZone().getId()).isEqualTo("Europe/Oslo");
    assertThat(s.audience().topics()).containsExactly("design");
    assertThat(s.name()).isEqualTo("Studio North");
  }

  @Test
  void channelsAreAddedThroughTheApi() throws IOException {
    HttpResponse<String> added =
        server
            .client()
            .bearer(
                "POST",
                API + "/channels",
                managerToken,
                "application/json",
                "{\"platform\":\"mastodon\",\"handle\":\"@crumbs@lyon.social\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    assertThat(json(added).get("handle").asText()).isEqualTo("@crumbs@lyon.social");
    HttpResponse<String> again =
        server
            .client()
            .bearer(
                "POST",
                API + "/channels",
                managerToken,
                "application/json",
                "{\"platform\":\"mastodon\",\"handle\":\"@crumbs@lyon.social\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    HttpResponse<String> bad =
        server
            .client()
            .bearer(
                "POST",
                API + "/channels",
                managerToken,
                "application/json",
                "{\"platform\":\"myspace\",\"handle\":\"x\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("errors").get(0).get("field").asText()).isEqualTo("/platform");
    assertThat(
            server
                .client()
                .bearer(
                    "POST",
                    API + "/channels",
                    viewerToken,
                    "application/json",
                    "{\"platform\":\"x\",\"handle\":\"y\"}")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void engagementsAreIngestedAllOrNothingAndDeduplicatedByEventKey() throws IOException {
    long before = r.ledger().count(bakery.id());
    String batch =
        "{\"events\":["
            + "{\"eventKey\":\"api-1\",\"platform\":\"bluesky\",\"userId\":\"did:plc:f0\",\"kind\":\"like\",\"occurredAt\":\"2026-06-16T10:00:00Z\"},"
            + "{\"eventKey\":\"api-2\",\"platform\":\"bluesky\",\"userId\":\"did:plc:new\",\"handle\":\"new.bsky.social\",\"kind\":\"reply\",\"occurredAt\":\"2026-06-16T11:00:00Z\"}]}";
    HttpResponse<String> ok =
        server
            .client()
            .bearer("POST", API + "/engagements", managerToken, "application/json", batch);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok).get("received").asLong()).isEqualTo(2);
    assertThat(json(ok).get("inserted").asLong()).isEqualTo(2);
    assertThat(r.ledger().count(bakery.id())).isEqualTo(before + 2);
    JsonNode again =
        json(
            server
                .client()
                .bearer("POST", API + "/engagements", managerToken, "application/json", batch));
    assertThat(again.get("inserted").asLong()).isZero();
    assertThat(again.get("duplicates").asLong()).isEqualTo(2);

    long identities = r.people().countIdentities(bakery.id());
    String bad =
        "{\"events\":["
            + "{\"eventKey\":\"api-3\",\"platform\":\"bluesky\",\"userId\":\"did:plc:other\",\"kind\":\"like\",\"occurredAt\":\"2026-06-16T10:00:00Z\"},"
            + "{\"eventKey\":\"api-4\",\"platform\":\"bluesky\",\"userId\":\"did:plc:f1\",\"kind\":\"hug\",\"occurredAt\":\"2026-06-16T11:00:00Z\"}]}";
    HttpResponse<String> refused =
        server.client().bearer("POST", API + "/engagements", managerToken, "application/json", bad);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(json(refused).get("errors").get(0).get("field").asText())
        .isEqualTo("/events/1/kind");
    assertThat(r.ledger().count(bakery.id())).isEqualTo(before + 2);
    assertThat(r.people().countIdentities(bakery.id())).isEqualTo(identities);
    HttpResponse<String> unknownField =
        server
            .client()
            .bearer(
                "POST",
                API + "/engagements",
                managerToken,
                "application/json",
                "{\"events\":[{\"event\":\"x\"}]}");
    assertThat(json(unknownField).get("errors").get(0).get("field").asText())
        .isEqualTo("/events/0/event");
    assertThat(
            server
                .client()
                .bearer("POST", API + "/engagements", viewerToken, "application/json", batch)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            server
                .client()
                .bearer(
                    "POST", "/api/w/studio/engagements", managerToken, "application/json", batch)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void conversionsGiveLineLevelErrorsAndWriteNothingWhenOneLineIsWrong() throws IOException {
    long before = r.conversions().count(bakery.id());
    String csv =
        "order_id,occurred_at,amount,currency\r\nA-1,2026-06-16T10:00:00Z,12.50,EUR\r\nA-2,2026-06-16T11:00:00Z,-3,EUR\r\n";
    HttpResponse<String> refused =
        server.client().bearer("POST", API + "/conversions", managerToken, "text/csv", csv);
    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode err = json(refused).get("errors").get(0);
    assertThat(err.get("line").asLong()).isEqualTo(3);
    assertThat(err.get("field").asText()).isEqualTo("amount");
    assertThat(r.conversions().count(bakery.id())).isEqualTo(before);
    HttpResponse<String> ok =
        server
            .client()
            .bearer(
                "POST",
                API + "/conversions",
                managerToken,
                "application/json",
                "{\"conversions\":[{\"orderId\":\"A-1\",\"occurredAt\":\"2026-06-16T10:00:00Z\",\"amount\":\"12.50\",\"currency\":\"EUR\"}]}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok).get("inserted").asLong()).isEqualTo(1);
    assertThat(r.conversions().count(bakery.id())).isEqualTo(before + 1);
  }

  @Test
  void linksAreCreatedCheckedAndListedByPage() throws IOException {
    Client p = server.client();
    HttpResponse<String> created =
        p.bearer(
            "POST",
            API + "/links",
            managerToken,
            "application/json",
            "{\"target\":\"https://bakery.example/menu\",\"channelId\":"
                + bluesky.id()
                + ",\"utmCampaign\":\"summer\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(created).get("destination").asText()).contains("utm_campaign=summer");
    p.bearer(
        "POST",
        API + "/links",
        managerToken,
        "application/json",
        "{\"target\":\"https://bakery.example/b\"}");
    HttpResponse<String> bad =
        p.bearer(
            "POST",
            API + "/links",
            managerToken,
            "application/json",
            "{\"target\":\"javascript:alert(1)\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("errors").get(0).get("field").asText()).isEqualTo("/target");
    long studioChannel =
        r.workspaces().addChannel(studio.id(), Platform.MASTODON, "@s@x.social", "S").id();
    HttpResponse<String> foreign =
        p.bearer(
            "POST",
            API + "/links",
            managerToken,
            "application/json",
            "{\"target\":\"https://a.example\",\"channelId\":" + studioChannel + "}");
    assertThat(foreign.statusCode()).isEqualTo(400);
    assertThat(json(foreign).get("errors").get(0).get("field").asText()).isEqualTo("/channelId");
    JsonNode page = json(p.bearer("GET", API + "/links?limit=1", viewerToken, null, null));
    assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.get("next").asText()).contains("offset=1&limit=1");
    assertThat(
            p.bearer(
                    "POST",
                    API + "/links",
                    viewerToken,
                    "application/json",
                    "{\"target\":\"https://a.example\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(p.bearer("GET", "/api/w/studio/links", viewerToken, null, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void membersThroughTheApi() throws IOException {
    Client p = server.client();
    JsonNode list = json(p.bearer("GET", API + "/members", managerToken, null, null));
    assertThat(list.get("items").get(0).get("role").asText()).isEqualTo("owner");
    assertThat(list.get("total").asLong()).isGreaterThanOrEqualTo(3);
    HttpResponse<String> added =
        p.bearer(
            "POST",
            API + "/members",
            managerToken,
            "application/json",
            "{\"email\":\"stranger@example.com\",\"role\":\"viewer\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    assertThat(json(added).has("password")).isFalse();
    assertThat(r.workspaces().role(bakery.id(), stranger.id())).contains(Role.VIEWER);
    HttpResponse<String> tooHigh =
        p.bearer(
            "PATCH",
            API + "/members/" + stranger.id(),
            managerToken,
            "application/json",
            "{\"role\":\"owner\"}");
    assertThat(tooHigh.statusCode()).isEqualTo(403);
    HttpResponse<String> badRole =
        p.bearer(
            "PATCH",
            API + "/members/" + stranger.id(),
            managerToken,
            "application/json",
            "{\"role\":\"king\"}");
    assertThat(json(badRole).get("errors").get(0).get("field").asText()).isEqualTo("role");
    assertThat(
            p.bearer(
                    "PATCH",
                    API + "/members/" + stranger.id(),
                    managerToken,
                    "application/json",
                    "{\"role\":\"author\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            p.bearer("DELETE", API + "/members/" + stranger.id(), managerToken, null, null)
                .statusCode())
        .isEqualTo(204);
    assertThat(r.workspaces().role(bakery.id(), stranger.id())).isEmpty();
    assertThat(r.workspaces().role(studio.id(), stranger.id())).contains(Role.VIEWER);
    assertThat(p.bearer("GET", API + "/members", viewerToken, null, null).statusCode())
        .isEqualTo(403);
    assertThat(
            p.bearer("DELETE", "/api/w/studio/members/" + stranger.id(), managerToken, null, null)
                .statusCode())
        .isEqualTo(404);
    assertThat(r.securityLog().recent(bakery.id(), 5))
        .extracting(e -> e.action())
        .contains("member.added", "member.role_changed", "member.removed");
  }

  @Test
  void everyNewRouteIsClassified() {
    assertThat(server.server.routes())
        .extracting(x -> x.method() + " " + x.path() + " " + x.access())
        .contains(
            "POST /w/{slug}/audience/audits MANAGER",
            "GET /w/{slug}/audience/accounts/{id} VIEWER",
            "POST /api/w/{slug}/audits MANAGER",
            "GET /api/w/{slug}/audits/posts/{id} VIEWER",
            "GET /w/{slug}/reports VIEWER",
            "GET /api/w/{slug}/reports/{name} VIEWER",
            "GET /api/w/{slug}/metrics/{name} VIEWER",
            "GET /w/{slug}/settings VIEWER",
            "POST /w/{slug}/settings/members/{id}/role MANAGER",
            "GET /api/workspaces SIGNED_IN",
            "PATCH /api/w/{slug} MANAGER",
            "POST /api/w/{slug}/engagements MANAGER",
            "POST /api/w/{slug}/conversions MANAGER",
            "POST /api/w/{slug}/links AUTHOR",
            "DELETE /api/w/{slug}/members/{id} MANAGER");
  }
}
