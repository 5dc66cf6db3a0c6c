package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.authenticity.AuditSink;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.RuleBaseline;
import dev.rapport.authenticity.Verdict;
import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.imports.CsvImporter;
import dev.rapport.imports.ImportKind;
import dev.rapport.imports.ImportOutcome;
import dev.rapport.people.IdentityKey;
import dev.rapport.reliability.FuzzTries;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * HTML and script in every text a user or a stranger controls (workspace, channel and user names,
 * channel handles, people's handles and display names, bios from an imported profile file, audit
 * reasons, notes, tags, post bodies and titles, token names), stored through the public APIs and
 * rendered by the real server on every main page: the raw payload never comes out unescaped.
 */
@AddLifecycleHook(FuzzTries.class)
class HtmlEscapingFuzzTest {

  static final String PASSWORD = "a long password here";
  static final AtomicInteger RUNS = new AtomicInteger();
  static TestServer server;

  static synchronized TestServer server() {
    if (server == null) {
      server = TestServer.start();
    }
    return server;
  }

  @AfterContainer
  static synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Script-bearing text; the marker makes each try's payload findable on its own. */
  @Provide
  Arbitrary<String> payload() {
    Arbitrary<String> vector =
        Arbitraries.of(
            "<script>alert(M)</script>",
            "\"><img src=x onerror=alert(M)>",
            "'><svg onload=alert(M)>",
            "</title><script>alert(M)</script>",
            "</textarea><script>alert(M)</script>",
            "javascript:alert(M)//\"'<b>",
            "<a href=\"javascript:alert(M)\">x</a>",
            "{{M}}<iframe src=//e.example/M>",
            "&lt;script&gt;alert(M)&lt;/script&gt;<i>M</i>");
    Arbitrary<String> around = Arbitraries.strings().alpha().numeric().ofMaxLength(6);
    return Combinators.combine(around, vector, around, Arbitraries.integers().between(1, 1 << 30))
        .as((a, v, b, m) -> a + v.replace("M", Integer.toString(m)) + b);
  }

  @Property(tries = 12)
  void userTextIsEscapedOnEveryPage(@ForAll("payload") String payload) throws Exception {
    TestServer s = server();
    int n = RUNS.incrementAndGet();
    var r = s.rapport;
    Instant now = TestServer.NOW;
    Workspace ws = r.workspaces().create("xss" + n, payload, ZoneId.of("UTC"), TargetAudience.NONE);
    String email = "owner" + n + "@xss.test";
    User u = r.workspaces().createUser(email, payload, r.passwords().hash(PASSWORD));
    s.grant(ws, u, Role.OWNER);
    Channel ch = r.workspaces().addChannel(ws.id(), Platform.BLUESKY, payload, payload);
    r.workspaces().updateChannelPlan(ch.id(), 100L, 3);

    long[] ids =
        r.people()
            .resolve(
                ws.id(),
                List.of(
                    new IdentityKey(Platform.BLUESKY, "did:plc:x" + n, payload, payload),
                    new IdentityKey(Platform.BLUESKY, "did:plc:y" + n, "plain" + n, payload)));
    r.people().follow(ws.id(), ch.id(), ids, now.minus(Duration.ofDays(30)));
    r.people()
        .recordVerdicts(
            ws.id(),
            ids,
            List.of(
                new Verdict(Category.SUSPICIOUS, 0.9, 1.0, List.of(payload), "test"),
                new Verdict(Category.REAL_PERSON, 0.1, 1.0, List.of(payload), "test")),
            now.minus(Duration.ofDays(1)));
    long personId = r.people().identity(ws.id(), ids[0]).orElseThrow().personId();
    r.notes().add(ws.id(), personId, payload, payload, now.minus(Duration.ofHours(2)));
    try {
      r.notes().tag(ws.id(), personId, payload, now.minus(Duration.ofHours(2)));
    } catch (IllegalArgumentException refused) {
      // Tags are letters, digits, '-', '_' and spaces: markup is refused before it is stored.
      r.notes().tag(ws.id(), personId, "tag " + n, now.minus(Duration.ofHours(2)));
    }

    long postId =
        r.posts()
            .create(
                ws.id(),
                List.of(
                    new NewPost(
                        payload,
                        payload,
                        PostState.PUBLISHED,
                        "xss-" + n,
                        List.of(
                            new NewPost.NewVariant(
                                ch.id(),
                                payload,
                                PostState.PUBLISHED,
                                null,
                                now.minus(Duration.ofDays(2)),
                                "at://xss/" + n,
                                100L,
                                50L)))))[0];
    long variantId = r.posts().post(ws.id(), postId).orElseThrow().variants().get(0).id();
    r.ledger()
        .ingest(
            ws.id(),
            List.of(
                new Engagement(
                    ids[0],
                    ch.id(),
                    variantId,
                    EngagementKind.REPLY,
                    now.minus(Duration.ofDays(1)),
                    "test",
                    "xss-reply-" + n)));

    // A bio and a display name arriving in a profile file, and an audit of it.
    Path csv = Files.createTempFile("xss", ".csv");
    try {
      Files.writeString(
          csv,
          "platform,user_id,handle,display_name,observed_at,bio,location\n"
              + String.join(
                  ",",
                  "bluesky",
                  "did:plc:z" + n,
                  cell(payload),
                  cell(payload),
                  "2026-06-01",
                  cell(payload),
                  cell(payload))
              + "\n");
      ImportOutcome out =
          new CsvImporter(
                  r.database(),
                  r.workspaces(),
                  r.people(),
                  r.posts(),
                  r.ledger(),
                  r.conversions(),
                  new RuleBaseline(),
                  r.clock())
              .importFile(ws.id(), ImportKind.PROFILES, csv, null);
      assertThat(out).as(out.toString()).isInstanceOf(ImportOutcome.Imported.class);
    } finally {
      Files.delete(csv);
    }
    AuditSink sink = r.audits().start(ws.id(), ch.id());
    sink.verdict(
        ProfileSnapshot.builder("bluesky", "did:plc:x" + n)
            .handle(payload)
            .bio(payload)
            .observedAt(now.minus(Duration.ofHours(1)))
            .build(),
        new Verdict(Category.SUSPICIOUS, 0.97, 1.0, List.of(payload), "x"));
    sink.completed(
        new dev.rapport.authenticity.Audit(dev.rapport.authenticity.TargetAudience.none())
            .report(payload, payload, 0, null));
    r.apiTokens().issue(ws.id(), u.id(), payload, Role.VIEWER);

    Client owner = s.client().signedIn(email, PASSWORD);
    String base = "/w/" + ws.slug();
    List<String> pages =
        List.of(
            "/",
            base,
            base + "/audience",
            base + "/focus",
            base + "/people",
            base
                + "/people?q="
                + java.net.URLEncoder.encode(payload, java.nio.charset.StandardCharsets.UTF_8),
            base + "/people/" + personId,
            base + "/posts",
            base + "/posts?state=published",
            base + "/posts/" + variantId,
            base + "/settings/channels",
            base + "/settings/log",
            base + "/settings/tokens");
    for (String page : pages) {
      HttpResponse<String> res = owner.get(page);
      assertThat(res.statusCode()).as(page).isLessThan(500);
      String html = res.body();
      assertThat(html).as("%s shows the payload raw", page).doesNotContain(payload);
      String lower = html.toLowerCase(Locale.ROOT);
      assertThat(lower).as(page).doesNotContain("<script>alert(").doesNotContain("<img src=x");
      assertThat(lower).as(page).doesNotContain("<svg onload").doesNotContain("<iframe src=//e");
      assertThat(lower).as(page).doesNotContain("<a href=\"javascript:");
    }
  }

  static String cell(String v) {
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
