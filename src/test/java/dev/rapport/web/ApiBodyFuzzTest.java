package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reliability.FuzzTries;
import dev.rapport.reliability.Hostile;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every JSON body the API takes (lint, a person's notes, a focus item done), sent hostile: valid
 * bodies cut short or damaged, fields of the wrong type, huge strings, 10,000 levels of nesting,
 * random bytes, wrong content types. Each answer is a 4xx RFC 9457 problem, never a 500, and no
 * table gains or loses a row.
 */
@AddLifecycleHook(FuzzTries.class)
class ApiBodyFuzzTest {

  static TestServer server;
  static String bearer;
  static long person;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** One valid body per endpoint; the fuzz damages these. */
  static Map<String, String> valid;

  static synchronized void start() {
    if (server != null) {
      return;
    }
    server = TestServer.start();
    Workspace ws = BakeryFixture.build(server.rapport, TestServer.NOW);
    User u = server.user("owner@fuzz.test", "a long password here");
    server.grant(ws, u, Role.OWNER);
    bearer =
        "Bearer " + server.rapport.apiTokens().issue(ws.id(), u.id(), "fuzz", Role.OWNER).token();
    person =
        server
            .rapport
            .people()
            .identity(
                ws.id(),
                server
                    .rapport
                    .people()
                    .byHandle(ws.id(), Platform.BLUESKY, "follower1.bsky.social")
                    .orElseThrow()
                    .id())
            .orElseThrow()
            .personId();
    String base = "/api/w/" + BakeryFixture.SLUG;
    valid = new LinkedHashMap<>();
    valid.put(
        base + "/lint",
        "{\"text\":\"Rye is back\",\"platform\":\"bluesky\",\"media\":[{\"kind\":\"image\",\"altText\":\"a loaf\"}]}");
    valid.put(base + "/people/" + person + "/notes", "{\"body\":\"Orders for the café\"}");
    valid.put(
        base + "/focus/" + person + "/done",
        "{\"reason\":\"answered\",\"action\":\"reply\",\"channelId\":null,\"note\":\"thanked\"}");
    long channel = server.rapport.workspaces().channels(ws.id()).get(0).id();
    valid.put(
        base + "/posts",
        "{\"title\":\"Rye\",\"text\":\"Rye is back on Saturday\",\"channels\":[" + channel + "]}");
    valid.put(base + "/links", "{\"target\":\"https://lyonbakery.example/rye\"}");
    valid.put(
        base + "/channels",
        "{\"platform\":\"mastodon\",\"handle\":\"shop@social.example\",\"name\":\"Shop\"}");
    valid.put(base + "/members", "{\"email\":\"new@fuzz.test\",\"role\":\"viewer\"}");
  }

  /** The string field of each endpoint's body that the wrong-type property replaces. */
  static String stringField(String path) {
    if (path.endsWith("/lint") || path.endsWith("/posts")) {
      return "text";
    }
    if (path.endsWith("/notes")) {
      return "body";
    }
    if (path.endsWith("/links")) {
      return "target";
    }
    if (path.endsWith("/channels")) {
      return "handle";
    }
    if (path.endsWith("/members")) {
      return "email";
    }
    return "reason";
  }

  @AfterContainer
  static synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Provide
  Arbitrary<String> endpoint() {
    start();
    return Arbitraries.of(List.copyOf(valid.keySet()));
  }

  /** Damages that always leave a JSON body invalid or mistyped. */
  static final List<Hostile.Damage> BREAKING =
      List.of(
          Hostile.Damage.TRUNCATE,
          Hostile.Damage.INSERT_NUL,
          Hostile.Damage.INVALID_UTF8,
          Hostile.Damage.UTF16,
          Hostile.Damage.RANDOM_BYTES,
          Hostile.Damage.EMPTY);

  @Provide
  Arbitrary<Hostile.Mutation> breaking() {
    return Hostile.mutations(BREAKING);
  }

  @Property(tries = 200)
  void brokenBodiesAreRefusedWithAProblemAndWriteNothing(
      @ForAll("endpoint") String path, @ForAll("breaking") Hostile.Mutation damage)
      throws Exception {
    byte[] body = damage.apply(valid.get(path).getBytes(StandardCharsets.UTF_8));
    refused(path, "application/json", body);
  }

  @Provide
  Arbitrary<String> wrongValue() {
    return Arbitraries.oneOf(
        Arbitraries.of("7", "-1.5e308", "true", "[]", "{}", "[\"x\"]", "{\"$ne\":1}"),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.just("[".repeat(10_000) + "]".repeat(10_000)));
  }

  @Property(tries = 200)
  void fieldsOfTheWrongTypeAreRefused(
      @ForAll("endpoint") String path, @ForAll("wrongValue") String value) throws Exception {
    String field = stringField(path);
    String body =
        valid
            .get(path)
            .replaceFirst(
                "\"" + field + "\":\"[^\"]*\"",
                java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + value));
    refused(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<String> notAnObject() {
    return Arbitraries.oneOf(
        Arbitraries.of("null", "\"text\"", "[]", "[{\"body\":\"x\"}]", "0", "", " "),
        Arbitraries.strings().ofMaxLength(40).map(s -> "\"" + s.replace("\"", "") + "\""));
  }

  @Property(tries = 100)
  void bodiesThatAreNotObjectsAreRefused(
      @ForAll("endpoint") String path, @ForAll("notAnObject") String body) throws Exception {
    refused(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  @Example
  void hugeBodiesAreRefused() throws Exception {
    start();
    String huge = "x".repeat(2 << 20);
    for (String path : valid.keySet()) {
      String field = path.contains("/focus/") ? "note" : stringField(path);
      String body =
          valid
              .get(path)
              .replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":\"" + huge + "\"");
      refused(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Example
  void tenThousandNestedArraysAreRefused() throws Exception {
    start();
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    for (String path : valid.keySet()) {
      refused(path, "application/json", deep.getBytes(StandardCharsets.UTF_8));
      refused(path, "application/json", ("{\"a\":" + deep + "}").getBytes(StandardCharsets.UTF_8));
    }
  }

  @Example
  void aFormBodyOnAJsonEndpointIsRefused() throws Exception {
    start();
    refused(
        valid.keySet().stream().filter(p -> p.endsWith("/notes")).findFirst().orElseThrow(),
        "application/x-www-form-urlencoded",
        "body=hello".getBytes(StandardCharsets.UTF_8));
  }

  static void refused(String path, String contentType, byte[] body) throws Exception {
    start();
    Map<String, Long> before = Rows.count(server.rapport);
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(server.uri(path))
                .header("Authorization", bearer)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s answered %s", path, r.body()).isBetween(400, 499);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .as(r.body())
        .startsWith(Problem.MEDIA_TYPE);
    assertThat(r.body()).contains("\"status\":" + r.statusCode());
    assertThat(Rows.count(server.rapport)).as("nothing written").isEqualTo(before);
  }
}
