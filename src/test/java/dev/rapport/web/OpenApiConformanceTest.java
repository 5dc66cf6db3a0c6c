package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.OpenApi31;
import dev.rapport.app.Rapport;
import dev.rapport.authenticity.Audit;
import dev.rapport.authenticity.AuditSink;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.TargetAudience;
import dev.rapport.authenticity.Verdict;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.publishing.Slot;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API's answers over the bakery fixture match the document: for each call, the documented
 * response for its status and content type exists, the body validates against its schema (JSON
 * Schema 2020-12, OpenAPI 3.1 dialect) and carries exactly the documented top-level properties.
 */
class OpenApiConformanceTest {

  static final String API = "/api/w/" + BakeryFixture.SLUG;
  static final String DOCUMENT = "https://rapport.invalid/openapi.json";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static TestServer server;
  static ApiSpec spec;
  static SchemaRegistry schemas;
  static String ownerToken;
  static String viewerToken;
  static long person;
  static long variant;
  static long account;
  static long ownerId;
  static long bluesky;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    Rapport r = server.rapport;
    Workspace bakery = BakeryFixture.build(r, TestServer.NOW);
    User owner = server.user("owner@example.com", "correct horse battery staple");
    User viewer = server.user("viewer@example.com", "correct horse battery staple");
    server.grant(bakery, owner, Role.OWNER);
    server.grant(bakery, viewer, Role.VIEWER);
    Channel bluesky =
        r.workspaces().channels(bakery.id()).stream()
            .filter(c -> c.platform() == Platform.BLUESKY)
            .findFirst()
            .orElseThrow();
    long waiting =
        r.people()
            .byHandle(bakery.id(), Platform.BLUESKY, "follower10.bsky.social")
            .orElseThrow()
            .id();
    // A reply waiting for an answer (the focus list), and a stored audit (the audit history).
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
    AuditSink sink = r.audits().start(bakery.id(), bluesky.id());
    Audit audit = new Audit(TargetAudience.none());
    ProfileSnapshot p =
        ProfileSnapshot.builder("bluesky", "did:plc:f45")
            .handle("follower45.bsky.social")
            .observedAt(TestServer.NOW.minus(Duration.ofHours(1)))
            .build();
    Verdict v = new Verdict(Category.SUSPICIOUS, 0.97, 1.0, List.of("follows 4,812"), "x");
    sink.verdict(p, v);
    audit.add(p, v);
    sink.completed(audit.report("followers-june.csv", "rules-v1", 0, null));
    person = r.people().identity(bakery.id(), waiting).orElseThrow().personId();
    account =
        r.people()
            .byHandle(bakery.id(), Platform.BLUESKY, "follower45.bsky.social")
            .orElseThrow()
            .id();
    ownerId = owner.id();
    // A posting slot, so that a post can go to the queue's next free slot.
    r.planner().setSlots(owner.id(), bakery.id(), bluesky.id(), List.of(Slot.parse("thu 10:00")));
    OpenApiConformanceTest.bluesky = bluesky.id();
    variant =
        r.posts()
            .variantsOf(bakery.id(), new long[] {r.posts().recent(bakery.id(), 1).get(0).id()})
            .get(0)
            .id();
    r.securityLog().record(bakery.id(), owner.id(), "owner@example.com", "token.issued", "test");
    ownerToken = r.apiTokens().issue(bakery.id(), owner.id(), "test", Role.OWNER).token();
    viewerToken = r.apiTokens().issue(bakery.id(), viewer.id(), "test", Role.VIEWER).token();

    spec = ApiSpec.load();
    String document = JSON.writeValueAsString(spec.tree);
    schemas =
        SchemaRegistry.withDefaultDialect(
            OpenApi31.getInstance(), b -> b.schemas(Map.of(DOCUMENT, document)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void readsMatchTheirSchemas() throws Exception {
    List<String> failures = new ArrayList<>();
    for (String path :
        List.of(
            API + "/summary",
            API + "/core?limit=3",
            API + "/audience?limit=2",
            API + "/audience?category=real_person&platform=bluesky&offset=2&limit=3",
            API + "/audits",
            API + "/people?limit=2",
            API + "/people?verdict=real_person&engaged=30d",
            API + "/people/" + person + "?limit=1",
            API + "/focus",
            API + "/channels",
            API + "/posts/" + variant,
            API + "/consistency",
            API + "/insights",
            API + "/security-log",
            API + "/posts?limit=2",
            API + "/posts?state=published&offset=1&limit=1",
            API + "/calendar?from=2026-06-01&to=2026-06-30",
            API + "/queue",
            "/api/workspaces",
            API,
            API + "/links",
            API + "/members?limit=1",
            API + "/audience/accounts/" + account,
            API + "/audits/posts/" + variant,
            API + "/audits/posts/" + variant + "?verdict=real_person&limit=1",
            API + "/reports/consistency",
            API + "/reports/truth",
            API + "/reports/quality",
            API + "/reports/retention",
            API + "/reports/truth?format=csv",
            API + "/metrics/weeks",
            API + "/metrics/quality?from=2026-01-01T00:00:00Z&to=2026-06-17T00:00:00Z",
            API + "/metrics/retention")) {
      failures.addAll(check(call("GET", path, ownerToken, null), 200));
    }
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
  }

  @Test
  void writesMatchTheirSchemas() throws Exception {
    List<String> failures = new ArrayList<>();
    failures.addAll(
        check(
            call("POST", API + "/people/" + person + "/notes", ownerToken, "{\"body\":\"Hi\"}"),
            201));
    failures.addAll(
        check(
            call(
                "POST",
                API + "/lint",
                ownerToken,
                "{\"text\":\"THE BEST bread EVER!!!\",\"platform\":\"bluesky\","
                    + "\"media\":[{\"kind\":\"image\",\"altText\":\"\"}]}"),
            200));
    failures.addAll(
        check(
            call(
                "POST",
                API + "/focus/" + person + "/done",
                ownerToken,
                "{\"reason\":\"unanswered\",\"action\":\"replied\"}"),
            201));
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
  }

  @Test
  void publishingWritesMatchTheirSchemas() throws Exception {
    List<String> failures = new ArrayList<>();
    HttpResponse<String> created =
        call(
            "POST",
            API + "/posts",
            ownerToken,
            "{\"title\":\"Rye\",\"text\":\"Rye sourdough is back on Saturday at the Croix-Rousse"
                + " market, 6 EUR a loaf.\",\"channels\":["
                + bluesky
                + "]}");
    failures.addAll(check(created, 201));
    long draft = JSON.readTree(created.body()).path("variants").path(0).path("variantId").asLong();
    String posts = API + "/posts/" + draft;
    failures.addAll(check(call("POST", posts + "/submit", ownerToken, "{}"), 200));
    failures.addAll(check(call("POST", posts + "/approve", ownerToken, "{}"), 200));
    // The bakery declares no target audience, so the audience gate refuses (409) until a
    // manager overrides it with a reason.
    failures.addAll(
        check(call("POST", posts + "/schedule", ownerToken, "{\"at\":\"next-slot\"}"), 409));
    String override =
        ",\"override\":{\"gates\":[\"audience\",\"rubric\",\"tracked_links\"],"
            + "\"reason\":\"a test post\"}}";
    failures.addAll(
        check(
            call("POST", posts + "/schedule", ownerToken, "{\"at\":\"next-slot\"" + override),
            200));
    failures.addAll(
        check(
            call(
                "POST", posts + "/schedule", ownerToken, "{\"at\":\"2026-06-19T09:15\"" + override),
            200));
    failures.addAll(check(call("GET", API + "/posts?state=scheduled", ownerToken, null), 200));

    // An image kept, then attached to a new post by its location; a text file is refused.
    HttpResponse<String> kept =
        call(
            "POST",
            API + "/media?filename=dot.gif",
            ownerToken,
            "image/gif",
            "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;");
    failures.addAll(check(kept, 201));
    String location = JSON.readTree(kept.body()).path("location").asText();
    assertThat(location).startsWith("media:").endsWith(".gif");
    failures.addAll(
        check(
            call("POST", API + "/media?filename=notes.txt", ownerToken, "text/plain", "notes"),
            415));
    HttpResponse<String> withMedia =
        call(
            "POST",
            API + "/posts",
            ownerToken,
            "{\"text\":\"Rye is back on Saturday.\",\"variants\":[{\"channelId\":"
                + bluesky
                + ",\"media\":[{\"location\":\""
                + location
                + "\",\"altText\":\"A dot\"}]}]}");
    failures.addAll(check(withMedia, 201));
    com.fasterxml.jackson.databind.JsonNode attached =
        JSON.readTree(withMedia.body()).path("variants").path(0).path("media").path(0);
    assertThat(attached.path("kind").asText()).isEqualTo("gif");
    assertThat(attached.path("location").asText()).isEqualTo(location);
    assertThat(attached.path("altText").asText()).isEqualTo("A dot");
    failures.addAll(
        check(
            call(
                "POST",
                API + "/posts",
                ownerToken,
                "{\"text\":\"Rye.\",\"variants\":[{\"channelId\":"
                    + bluesky
                    + ",\"media\":[{\"location\":\"media:0123456789abcdef0123456789abcdef.jpg\"}]}]}"),
            400));
    failures.addAll(
        check(call("GET", API + "/calendar?from=2026-06-15&to=2026-06-21", ownerToken, null), 200));
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
  }

  @Test
  void resourceWritesMatchTheirSchemas() throws Exception {
    List<String> failures = new ArrayList<>();
    failures.addAll(check(call("PATCH", API, ownerToken, "{\"timeZone\":\"Europe/Paris\"}"), 200));
    failures.addAll(
        check(
            call(
                "POST",
                API + "/channels",
                ownerToken,
                "{\"platform\":\"threads\",\"handle\":\"lyonbakery\",\"name\":\"Bakery\"}"),
            201));
    // A channel without a posting plan has no consistency report (null).
    failures.addAll(check(call("GET", API + "/consistency", ownerToken, null), 200));
    failures.addAll(check(call("GET", API + "/reports/consistency", ownerToken, null), 200));
    failures.addAll(
        check(
            call(
                "POST",
                API + "/engagements",
                ownerToken,
                "{\"events\":[{\"eventKey\":\"oa-1\",\"platform\":\"bluesky\","
                    + "\"userId\":\"did:plc:f1\",\"kind\":\"like\","
                    + "\"occurredAt\":\"2026-06-16T10:00:00Z\"}]}"),
            200));
    failures.addAll(
        check(
            call(
                "POST",
                API + "/engagements",
                ownerToken,
                "text/csv",
                "event_key,platform,user_id,kind,occurred_at\r\n"
                    + "oa-2,bluesky,did:plc:f2,like,2026-06-16T11:00:00Z\r\n"),
            200));
    failures.addAll(
        check(
            call(
                "POST",
                API + "/conversions",
                ownerToken,
                "{\"conversions\":[{\"orderId\":\"OA-1\",\"occurredAt\":\"2026-06-16T10:00:00Z\","
                    + "\"amount\":\"12.50\",\"currency\":\"EUR\"}]}"),
            200));
    failures.addAll(
        check(
            call(
                "POST",
                API + "/links",
                ownerToken,
                "{\"target\":\"https://lyon-bakery.example/rye\",\"channelId\":"
                    + bluesky
                    + ",\"utmCampaign\":\"rye\"}"),
            201));
    HttpResponse<String> added =
        call(
            "POST",
            API + "/members",
            ownerToken,
            "{\"email\":\"newcomer@example.com\",\"role\":\"viewer\"}");
    failures.addAll(check(added, 201));
    long member = JSON.readTree(added.body()).path("member").path("userId").asLong();
    failures.addAll(
        check(call("PATCH", API + "/members/" + member, ownerToken, "{\"role\":\"author\"}"), 200));
    failures.addAll(check(call("DELETE", API + "/members/" + member, ownerToken, null), 204));
    failures.addAll(
        check(
            call(
                "POST",
                API + "/audits?channelId=" + bluesky,
                ownerToken,
                "application/x-ndjson",
                new String(
                    WebResourcesTest.resource("audience.jsonl"),
                    java.nio.charset.StandardCharsets.UTF_8)),
            201));
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
  }

  @Test
  void errorsAreTheDocumentedProblems() throws Exception {
    List<String> failures = new ArrayList<>();
    failures.addAll(check(call("GET", API + "/people?limit=0", ownerToken, null), 400));
    failures.addAll(check(call("GET", API + "/people?engaged=lately", ownerToken, null), 400));
    failures.addAll(
        check(call("POST", API + "/people/" + person + "/notes", ownerToken, "{}"), 400));
    failures.addAll(check(call("GET", API + "/summary", null, null), 401));
    failures.addAll(check(call("GET", API + "/summary", "rpt_revoked", null), 401));
    failures.addAll(check(call("GET", API + "/security-log", viewerToken, null), 403));
    failures.addAll(check(call("GET", "/api/w/elsewhere/summary", ownerToken, null), 404));
    failures.addAll(check(call("GET", API + "/people/99999999", ownerToken, null), 404));
    failures.addAll(
        check(call("POST", API + "/posts/" + variant + "/retry", ownerToken, null), 409));
    failures.addAll(check(call("GET", API + "/posts?state=someday", ownerToken, null), 400));
    failures.addAll(check(call("POST", API + "/posts", ownerToken, "{\"text\":\"hi\"}"), 400));
    failures.addAll(check(call("GET", API + "/calendar?from=June", ownerToken, null), 400));
    failures.addAll(
        check(
            call(
                "POST",
                API + "/engagements",
                ownerToken,
                "{\"events\":[{\"eventKey\":\"oa-9\",\"platform\":\"bluesky\","
                    + "\"userId\":\"did:plc:f3\",\"kind\":\"hug\","
                    + "\"occurredAt\":\"2026-06-16T10:00:00Z\"}]}"),
            400));
    failures.addAll(
        check(
            call(
                "POST",
                API + "/conversions",
                ownerToken,
                "text/csv",
                "order_id,occurred_at,amount,currency\r\nOA-9,2026-06-16T10:00:00Z,-3,EUR\r\n"),
            400));
    failures.addAll(check(call("PATCH", API, ownerToken, "{\"colour\":\"red\"}"), 400));
    failures.addAll(check(call("POST", API + "/links", ownerToken, "{}"), 400));
    failures.addAll(check(call("GET", API + "/metrics/weeks?from=nope", ownerToken, null), 400));
    failures.addAll(
        check(call("POST", API + "/audits?filename=x.csv", ownerToken, "text/csv", "a\r\n"), 400));
    failures.addAll(
        check(call("POST", API + "/posts/" + variant + "/approve", viewerToken, "{}"), 403));
    failures.addAll(check(call("GET", API + "/members", viewerToken, null), 403));
    failures.addAll(check(call("GET", API + "/metrics/nope", ownerToken, null), 404));
    failures.addAll(check(call("GET", API + "/reports/nope", ownerToken, null), 404));
    failures.addAll(check(call("GET", API + "/audience/accounts/99999999", ownerToken, null), 404));
    failures.addAll(check(call("GET", API + "/audits/posts/99999999", ownerToken, null), 404));
    failures.addAll(
        check(call("PATCH", API + "/members/99999999", ownerToken, "{\"role\":\"author\"}"), 404));
    failures.addAll(
        check(
            call(
                "POST",
                API + "/members",
                ownerToken,
                "{\"email\":\"viewer@example.com\",\"role\":\"viewer\"}"),
            409));
    failures.addAll(check(call("DELETE", API + "/members/" + ownerId, ownerToken, null), 409));
    failures.addAll(
        check(
            call(
                "POST",
                API + "/channels",
                ownerToken,
                "{\"platform\":\"bluesky\",\"handle\":\"lyonbakery.bsky.social\"}"),
            409));
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
  }

  @Test
  void unknownAddressesAndWrongMethodsUnderApiAreProblemsToo() throws Exception {
    HttpResponse<String> unknown =
        call("GET", "/api/w/" + BakeryFixture.SLUG + "/nope", ownerToken, null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertProblem(unknown, 404);
    HttpResponse<String> wrongMethod = call("DELETE", API + "/summary", ownerToken, null);
    assertThat(wrongMethod.statusCode()).as(wrongMethod.body()).isEqualTo(405);
    assertProblem(wrongMethod, 405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
    // Pages keep their HTML error page.
    HttpResponse<String> page = call("DELETE", "/login", null, null);
    assertThat(page.statusCode()).isEqualTo(405);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
  }

  @Test
  void theCheckNoticesAnUndocumentedProperty() throws Exception {
    HttpResponse<String> summary = call("GET", API + "/summary", ownerToken, null);
    String extra = summary.body().replaceFirst("\\{", "{\"surprise\":1,");
    List<String> failures = compare("GET", API + "/summary", 200, "application/json", extra);
    assertThat(failures).anyMatch(f -> f.contains("surprise"));
    String wrongType = summary.body().replace("\"posts\":8", "\"posts\":\"eight\"");
    assertThat(compare("GET", API + "/summary", 200, "application/json", wrongType))
        .anyMatch(f -> f.contains("posts"));
    // A required property left out is noticed too (an optional one, like a problem's `errors`,
    // is not required).
    String missing = summary.body().replace("\"workspace\":\"" + BakeryFixture.SLUG + "\",", "");
    assertThat(missing).isNotEqualTo(summary.body());
    assertThat(compare("GET", API + "/summary", 200, "application/json", missing))
        .anyMatch(f -> f.contains("absent [workspace]"));
  }

  private static void assertProblem(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(Problem.MEDIA_TYPE);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("detail").asText()).isNotBlank();
    assertThat(fieldNames(body))
        .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance");
  }

  static HttpResponse<String> call(String method, String path, String token, String body)
      throws Exception {
    return call(method, path, token, body == null ? null : "application/json", body);
  }

  static HttpResponse<String> call(
      String method, String path, String token, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** What is wrong with one answer, against the document; empty when it conforms. */
  static List<String> check(HttpResponse<String> r, int expectedStatus) {
    String method = r.request().method();
    String path = r.uri().getRawPath();
    List<String> out = new ArrayList<>();
    if (r.statusCode() != expectedStatus) {
      out.add(
          method
              + " "
              + path
              + ": status "
              + r.statusCode()
              + ", not "
              + expectedStatus
              + ": "
              + r.body());
      return out;
    }
    if (r.statusCode() == 204) {
      return noContent(method, path, r);
    }
    String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
    out.addAll(compare(method, path, r.statusCode(), type, r.body()));
    return out;
  }

  /** A 204 is documented without a body, and has none. */
  private static List<String> noContent(String method, String path, HttpResponse<String> r) {
    String label = method + " " + path + " 204";
    ApiSpec.Operation op = operation(method, path);
    if (op == null) {
      return List.of(label + ": no documented operation");
    }
    JsonNode response = at(pointer(op, method, 204));
    if (response.isMissingNode() || response.has("content")) {
      return List.of(label + ": the document has no 204 response without a body for " + op.label());
    }
    return r.body().isEmpty() ? List.of() : List.of(label + ": a body with 204: " + r.body());
  }

  private static ApiSpec.Operation operation(String method, String path) {
    return spec.operations().values().stream()
        .filter(o -> o.method().equals(method) && template(o.path()).matcher(path).matches())
        .findFirst()
        .orElse(null);
  }

  private static String pointer(ApiSpec.Operation op, String method, int status) {
    return "/paths/"
        + escape(op.path())
        + "/"
        + method.toLowerCase(java.util.Locale.ROOT)
        + "/responses/"
        + status;
  }

  static List<String> compare(String method, String path, int status, String type, String body) {
    String label = method + " " + path + " " + status;
    ApiSpec.Operation op = operation(method, path);
    if (op == null) {
      return List.of(label + ": no documented operation");
    }
    // The pointer to the schema, following a $ref to a shared response.
    String pointer = pointer(op, method, status);
    JsonNode response = at(pointer);
    if (response.isMissingNode()) {
      return List.of(label + ": the document has no " + status + " response for " + op.label());
    }
    if (response.has("$ref")) {
      pointer = response.get("$ref").asText().substring(1);
      response = at(pointer);
    }
    pointer += "/content/" + escape(type) + "/schema";
    if (at(pointer).isMissingNode()) {
      return List.of(
          label + ": the document has no " + type + " body for " + op.label() + " " + status);
    }
    if (!type.endsWith("json")) {
      // A CSV export: documented as text; its columns are the report tests' concern.
      return body.isEmpty() ? List.of(label + ": an empty " + type + " body") : List.of();
    }
    JsonNode actual;
    try {
      actual = JSON.readTree(body);
    } catch (Exception e) {
      return List.of(label + ": not JSON: " + body);
    }
    List<String> out = new ArrayList<>();
    Schema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + uriFragment(pointer)));
    for (Error e : schema.validate(actual)) {
      out.add(label + ": " + e);
    }
    JsonNode documented = resolve(at(pointer));
    if (documented.has("properties") && actual.isObject()) {
      // Every property written is documented, and every required one is written (a schema's
      // `required` lists all that the handler always writes; the rest, such as a problem's
      // `errors`, appear only sometimes).
      Set<String> got = fieldNames(actual);
      Set<String> undocumented = new TreeSet<>(got);
      undocumented.removeAll(fieldNames(documented.get("properties")));
      Set<String> absent = new TreeSet<>();
      documented.path("required").forEach(n -> absent.add(n.asText()));
      absent.removeAll(got);
      if (!undocumented.isEmpty() || !absent.isEmpty()) {
        out.add(
            label
                + ": top-level properties differ; undocumented "
                + undocumented
                + ", absent "
                + absent);
      }
    }
    return out;
  }

  private static JsonNode resolve(JsonNode schema) {
    while (schema.has("$ref")) {
      schema = at(schema.get("$ref").asText().substring(1));
    }
    return schema;
  }

  private static JsonNode at(String pointer) {
    return spec.tree.at(pointer);
  }

  private static Pattern template(String path) {
    return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** A JSON pointer as a URI fragment: braces are not allowed there, so they are encoded. */
  private static String uriFragment(String pointer) {
    return pointer.replace("{", "%7B").replace("}", "%7D").replace("+", "%2B");
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> out = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
