package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.RuleBaseline;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generic CSV import on every database: valid files land once, bad files land not at all. */
class CsvImporterTest {

  static final Instant NOW = Instant.parse("2026-06-17T12:00:00Z");

  @TempDir Path dir;

  record Env(Rapport r, CsvImporter importer, Workspace ws) {}

  static Env env(TestDatabases.Kind kind) {
    Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC));
    Workspace ws = r.workspaces().create("shop", "Shop", ZoneId.of("UTC"), TargetAudience.NONE);
    r.workspaces().addChannel(ws.id(), Platform.BLUESKY, "shop.test", "Shop");
    CsvImporter importer =
        new CsvImporter(
            r.database(),
            r.workspaces(),
            r.people(),
            r.posts(),
            r.ledger(),
            r.conversions(),
            new RuleBaseline(),
            r.clock());
    return new Env(r, importer, ws);
  }

  Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  static final String PROFILES =
      """
      platform,user_id,handle,observed_at,created_at,followers,following,posts,bio,location,default_avatar,follows_channel
      bluesky,did:plc:ann,ann.test,2026-06-01,2021-03-04,310,280,1200,Baker in Lyon,Lyon,false,shop.test
      bluesky,did:plc:bot,xq93k.test,2026-06-01,2026-01-02,3,4800,0,,,true,shop.test
      bluesky,did:plc:bea,bea.test,2026-06-01,2019-07-01,90,150,400,Sourdough nerd,Paris,false,shop.test
      """;

  static final String POSTS =
      """
      post_key,channel,text,published_at,platform_post_id,followers_at_publish,authentic_followers_at_publish
      p1,shop.test,"Our rye loaf is back, 6 € a loaf, Saturdays 7–12.",2026-06-10T08:00:00Z,at://p1,3,2
      """;

  static final String ENGAGEMENTS =
      """
      event_key,platform,user_id,handle,kind,occurred_at,post_key
      e1,bluesky,did:plc:ann,ann.test,like,2026-06-10T09:00:00Z,p1
      e2,bluesky,did:plc:ann,ann.test,reply,2026-06-10T09:05:00Z,p1
      e3,bluesky,did:plc:bot,xq93k.test,like,2026-06-10T09:01:00Z,p1
      """;

  static final String CONVERSIONS =
      """
      order_id,occurred_at,amount,currency,platform,handle
      A-1001,2026-06-12T10:00:00Z,18.50,EUR,bluesky,ann.test
      A-1002,2026-06-12T11:00:00Z,6.00,eur,,
      """;

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void validFilesImportOnceAndReimportsChangeNothing(TestDatabases.Kind kind) throws IOException {
    Env e = env(kind);
    try (Rapport r = e.r()) {
      long ws = e.ws().id();
      Path profiles = file("profiles.csv", PROFILES);
      Path posts = file("posts.csv", POSTS);
      Path engagements = file("engagements.csv", ENGAGEMENTS);
      Path conversions = file("conversions.csv", CONVERSIONS);
      for (int round = 0; round < 2; round++) {
        assertThat(imported(e, ImportKind.PROFILES, profiles).rows()).isEqualTo(3);
        assertThat(imported(e, ImportKind.POSTS, posts).rows()).isEqualTo(1);
        ImportOutcome.Imported ev = imported(e, ImportKind.ENGAGEMENTS, engagements);
        ImportOutcome.Imported cv = imported(e, ImportKind.CONVERSIONS, conversions);
        if (round == 0) {
          assertThat(ev.created()).isEqualTo(3);
          assertThat(cv.created()).isEqualTo(2);
          assertThat(cv.notes())
              .containsExactly("1 purchase(s) matched no known person by e-mail or handle");
        } else {
          assertThat(ev.created()).isZero();
          assertThat(ev.unchanged()).isEqualTo(3);
          assertThat(cv.created()).isZero();
        }
      }
      assertThat(r.people().countIdentities(ws)).isEqualTo(3);
      assertThat(r.posts().count(ws)).isEqualTo(1);
      assertThat(r.ledger().count(ws)).isEqualTo(3);
      TruthSummary s = r.truth().summary(ws, NOW, Truth.DEFAULT_WINDOW);
      // The baseline judges did:plc:bot suspicious (follows 4,800, followed by 3; default avatar).
      assertThat(s.followers()).isEqualTo(3);
      assertThat(s.authenticFollowers()).isEqualTo(2);
      assertThat(s.engagements()).isEqualTo(3);
      assertThat(s.authenticEngagements()).isEqualTo(2);
      assertThat(s.customers()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void aMalformedFileIsRejectedLineByLineAndNothingIsWritten(TestDatabases.Kind kind)
      throws IOException {
    Env e = env(kind);
    try (Rapport r = e.r()) {
      Path bad =
          file(
              "bad.csv",
              """
              event_key,platform,user_id,kind,occurred_at,post_key
              e1,bluesky,did:plc:ann,like,2026-06-10T09:00:00Z,
              e2,myspace,did:plc:ann,like,2026-06-10T09:00:00Z,
              e3,bluesky,,like,2026-06-10T09:00:00Z,
              e4,bluesky,did:plc:cy,poke,yesterday,
              e5,bluesky,did:plc:cy,like,2026-06-10T09:00:00Z,nope
              e6,bluesky,did:plc:cy,like
              """);
      ImportOutcome out = e.importer().importFile(e.ws().id(), ImportKind.ENGAGEMENTS, bad, null);
      assertThat(out).isInstanceOf(ImportOutcome.Rejected.class);
      var problems = ((ImportOutcome.Rejected) out).problems();
      assertThat(problems.stream().map(ImportProblem::toString))
          .containsExactly(
              "line 3, column platform: unknown platform 'myspace' (expected one of mastodon,"
                  + " bluesky, x, instagram, facebook, threads, linkedin, nostr)",
              "line 4, column user_id: is required",
              "line 5, column kind: unknown kind 'poke' (like, reply, repost, quote, mention,"
                  + " click, purchase, follow, unfollow)",
              "line 5, column occurred_at: not an ISO-8601 date or time (e.g. 2026-03-01 or"
                  + " 2026-03-01T09:30:00Z): 'yesterday'",
              "line 6, column post_key: no post 'nope' on bluesky:shop.test (import the posts"
                  + " first)",
              "line 7: has 4 fields, the header has 6");
      assertThat(r.ledger().count(e.ws().id())).isZero();
      assertThat(r.people().countIdentities(e.ws().id())).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void badHeadersEncodingsAndBinaryFilesAreRefused(TestDatabases.Kind kind) throws IOException {
    Env e = env(kind);
    try (Rapport r = e.r()) {
      long ws = e.ws().id();
      assertThat(problems(e, ImportKind.PEOPLE, file("h.csv", "platform,userid\nbluesky,x\n")))
          .containsExactly(
              "line 1, column userid: unknown column for people (required: platform, user_id;"
                  + " optional: handle, display_name, email, follows_channel, followed_at)",
              "line 1, column user_id: required column is missing from the header");
      assertThat(problems(e, ImportKind.PEOPLE, file("empty.csv", "")))
          .containsExactly("line 1: the file is empty; the first line must be a header");
      Path binary = dir.resolve("photo.csv");
      Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
      assertThat(problems(e, ImportKind.PEOPLE, binary))
          .containsExactly("line 1: this is not a text CSV file (it contains NUL bytes)");
      Path latin1 = dir.resolve("latin1.csv");
      Files.write(
          latin1,
          "platform,user_id,display_name\nbluesky,a,Ren\u00e9e\n"
              .getBytes(StandardCharsets.ISO_8859_1));
      assertThat(problems(e, ImportKind.PEOPLE, latin1))
          .containsExactly(
              "line 0: the file is not valid UTF-8 text; save it as UTF-8 and try again");
      assertThat(
              problems(e, ImportKind.PEOPLE, file("q.csv", "platform,user_id\nbluesky,\"a\"b\n")))
          .singleElement()
          .asString()
          .startsWith("line 0: the CSV structure is broken");
      assertThat(r.people().countIdentities(ws)).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void facebookPagePostsBecomeChannelsPostsAndReportedTotals(TestDatabases.Kind kind)
      throws IOException {
    Env e = env(kind);
    try (Rapport r = e.r()) {
      Path f =
          file(
              "fb.csv",
              """
              created_time,description,link,message,page_id,post_id,react_angry,react_haha,react_like,react_love,react_sad,react_wow,scrape_time,shares
              2017-07-14T14:30:59+0000,,http://x.example/1,"Live now:
              two lines",111,111_1,1,2,30,4,0,3,2017-07-15 11:01:24.379857,10
              2017-07-13T09:00:00+0000,desc only,,,111,111_2,,,,,,,2017-07-15 11:01:24.379857,
              2017-07-13T09:00:00+0000,,,Repeated row,222,222_1,0,0,0,0,0,0,2017-07-15 11:01:24,0
              2017-07-13T09:00:00+0000,,,Repeated row,222,222_1,0,0,0,0,0,0,2017-07-15 11:01:24,0
              """);
      ImportOutcome.Imported i = imported(e, ImportKind.FACEBOOK_POSTS, f);
      assertThat(i.rows()).isEqualTo(4);
      assertThat(i.created()).isEqualTo(3);
      var reported = r.posts().reportedPosts(e.ws().id());
      assertThat(reported).hasSize(3);
      var first =
          reported.stream()
              .filter(p -> p.textLength() == "Live now:\ntwo lines".length())
              .findFirst()
              .orElseThrow();
      assertThat(first.counts().reactions()).isEqualTo(40); // 1+2+30+4+0+3
      assertThat(first.counts().total()).isEqualTo(50); // plus 10 shares
      var descOnly =
          reported.stream()
              .filter(p -> p.textLength() == "desc only".length())
              .findFirst()
              .orElseThrow();
      assertThat(descOnly.counts().total()).isNull(); // nothing reported is not zero
      assertThat(r.workspaces().channels(e.ws().id())).hasSize(3); // bluesky + two pages
      // Re-import: nothing new.
      assertThat(imported(e, ImportKind.FACEBOOK_POSTS, f).created()).isZero();
    }
  }

  static ImportOutcome.Imported imported(Env e, ImportKind kind, Path f) {
    ImportOutcome out = e.importer().importFile(e.ws().id(), kind, f, null);
    assertThat(out).as(out.toString()).isInstanceOf(ImportOutcome.Imported.class);
    return (ImportOutcome.Imported) out;
  }

  static java.util.List<String> problems(Env e, ImportKind kind, Path f) {
    ImportOutcome out = e.importer().importFile(e.ws().id(), kind, f, null);
    assertThat(out).as(out.toString()).isInstanceOf(ImportOutcome.Rejected.class);
    return ((ImportOutcome.Rejected) out).problems().stream().map(ImportProblem::toString).toList();
  }
}
