package dev.rapport.platforms.sync;

import static dev.rapport.platforms.sync.ScriptedPlatform.follow;
import static dev.rapport.platforms.sync.ScriptedPlatform.like;
import static dev.rapport.platforms.sync.ScriptedPlatform.list;
import static dev.rapport.platforms.sync.ScriptedPlatform.person;
import static dev.rapport.platforms.sync.ScriptedPlatform.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.platforms.Connectors;
import dev.rapport.platforms.FollowerPage;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRun;
import dev.rapport.platforms.SyncSettings;
import dev.rapport.platforms.SyncStatus;
import dev.rapport.platforms.internal.SqlEngagementSync;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EngagementSyncTest {

  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  static final String POST = "at://did:plc:cafe/app.bsky.feed.post/3kpost";
  static final SyncSettings SETTINGS =
      new SyncSettings(
          2, 10, Duration.ofDays(7), 20, Duration.ofHours(6), 1, Duration.ofMinutes(5));

  /** A workspace with one connected Bluesky channel and one published post. */
  record World(Rapport r, Workspace ws, Channel ch, long variantId, MovableClock clock) {}

  static World world(TestDatabases.Kind kind) {
    MovableClock clock = new MovableClock(T0);
    Rapport r = Rapport.on(kind.open(), clock);
    Workspace ws = r.workspaces().create("cafe", "Cafe", ZoneId.of("UTC"), TargetAudience.NONE);
    Channel ch = r.workspaces().addChannel(ws.id(), Platform.BLUESKY, "cafe.test", "Cafe");
    r.connections()
        .connect(
            ws.id(),
            ch.id(),
            URI.create("https://pds.example"),
            "did:plc:cafe",
            "cafe.test",
            Map.of("appPassword", "xxxx-xxxx-xxxx-xxxx"));
    Instant published = T0.minus(Duration.ofHours(2));
    long postId =
        r.posts()
            .create(
                ws.id(),
                List.of(
                    new NewPost(
                        null,
                        "Menu",
                        PostState.PUBLISHED,
                        null,
                        List.of(
                            new NewPost.NewVariant(
                                ch.id(),
                                "Menu",
                                PostState.PUBLISHED,
                                published,
                                published,
                                POST,
                                null,
                                null)))))[0];
    long variant = r.posts().variantsOf(ws.id(), new long[] {postId}).get(0).id();
    return new World(r, ws, ch, variant, clock);
  }

  static SqlEngagementSync sync(World w, ScriptedPlatform platform) {
    return new SqlEngagementSync(
        w.r().database(),
        w.r().workspaces(),
        w.r().connections(),
        new Connectors(List.of(platform)),
        w.r().people(),
        w.r().posts(),
        w.r().ledger(),
        w.clock(),
        SETTINGS);
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void resumesFromTheStoredCursorAfterARateLimitWithoutCountingTwice(TestDatabases.Kind kind) {
    World w = world(kind);
    try (Rapport r = w.r()) {
      ScriptedPlatform platform = new ScriptedPlatform();
      Instant t1 = T0.minusSeconds(600);
      platform.pages.put(
          "",
          new SyncPage(
              list(like("did:a", POST, t1), reply("did:b", "at://did:b/post/r1", POST, t1)),
              "c1",
              true,
              null));
      platform.pages.put(
          "c1",
          new SyncPage(list(like("did:c", POST, t1), like("did:a", POST, t1)), "c2", true, null));
      Instant newest = T0.minusSeconds(60);
      platform.pages.put("c2", new SyncPage(list(follow("did:d", newest)), "c3", false, null));
      platform.failOnce.put(
          "c1",
          new SyncPage.SyncFailure("Bluesky rate limit reached", false, Duration.ofSeconds(60)));
      SqlEngagementSync sync = sync(w, platform);

      SyncRun first = sync.runOnce(w.ws().id(), w.ch().id());
      assertThat(first.error()).isEqualTo("Bluesky rate limit reached");
      assertThat(first.ingested()).isEqualTo(2);
      assertThat(platform.requests.get(0).recentPosts()).containsExactly(POST);
      SyncStatus failed = sync.status(w.ws().id()).get(0);
      assertThat(failed.lastError()).isEqualTo("Bluesky rate limit reached");
      assertThat(failed.nextAttemptAfter()).isEqualTo(T0.plusSeconds(60));

      SyncRun tooEarly = sync.runOnce(w.ws().id(), w.ch().id());
      assertThat(tooEarly.skipped()).contains("asked to wait");
      int callsBefore = platform.requests.size();
      assertThat(callsBefore).isEqualTo(2);

      w.clock().advance(Duration.ofSeconds(61));
      SyncRun resumed = sync.runOnce(w.ws().id(), w.ch().id());
      assertThat(resumed.error()).isNull();
      assertThat(platform.requests.get(callsBefore).cursor())
          .as("resumes at the page that failed")
          .isEqualTo("c1");
      assertThat(resumed.read()).isEqualTo(3);
      assertThat(resumed.ingested()).as("the repeated like of did:a is skipped").isEqualTo(2);
      assertThat(resumed.caughtUp()).isTrue();
      assertThat(r.ledger().count(w.ws().id())).isEqualTo(4);

      List<Long> variants =
          r.database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT variant_id FROM engagement WHERE workspace_id = :w AND kind"
                                  + " IN ('like', 'reply')")
                          .bind("w", w.ws().id())
                          .mapTo(Long.class)
                          .list());
      assertThat(variants).hasSize(3).containsOnly(w.variantId());
      long follows =
          r.database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT COUNT(*) FROM follow WHERE channel_id = :c")
                          .bind("c", w.ch().id())
                          .mapTo(Long.class)
                          .one());
      assertThat(follows).as("a follow event also records the follow").isEqualTo(1);

      SyncStatus ok = sync.status(w.ws().id()).get(0);
      assertThat(ok.totalIngested()).isEqualTo(4);
      assertThat(ok.lastRunIngested()).isEqualTo(2);
      assertThat(ok.lastSuccessAt()).isAfter(ok.lastErrorAt());
      assertThat(ok.nextAttemptAfter()).isNull();
      assertThat(ok.newestEventAt()).isEqualTo(newest);
      assertThat(ok.lag()).isEqualTo(Duration.between(newest, T0.plusSeconds(61)));
      assertThat(r.people().byHandle(w.ws().id(), Platform.BLUESKY, "did:b.test")).isPresent();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void readsFollowersWithProfilesOnASlowerCadenceAndResumesALongPass(TestDatabases.Kind kind) {
    World w = world(kind);
    try (Rapport r = w.r()) {
      ScriptedPlatform platform = new ScriptedPlatform();
      platform.followerPages.put(
          "",
          new FollowerPage(
              List.of(person("did:x", "x.test"), person("did:y", "y.test")), "f1", null));
      platform.followerPages.put(
          "f1", new FollowerPage(List.of(person("did:z", "z.test")), null, null));
      SqlEngagementSync sync = sync(w, platform);

      assertThat(sync.runOnce(w.ws().id(), w.ch().id()).followers()).isEqualTo(2);
      assertThat(sync.status(w.ws().id()).get(0).followersSyncedAt())
          .as("pass unfinished")
          .isNull();
      assertThat(sync.runOnce(w.ws().id(), w.ch().id()).followers()).isEqualTo(1);
      SyncStatus done = sync.status(w.ws().id()).get(0);
      assertThat(done.followersSyncedAt()).isEqualTo(T0);
      assertThat(done.followersSeen()).isEqualTo(3);
      assertThat(platform.followerCursors).containsExactly("", "f1");

      w.clock().advance(Duration.ofHours(1));
      assertThat(sync.runOnce(w.ws().id(), w.ch().id()).followers()).isZero();
      assertThat(platform.followerCursors).as("not due yet").hasSize(2);

      w.clock().advance(Duration.ofHours(6));
      assertThat(sync.runOnce(w.ws().id(), w.ch().id()).followers()).isEqualTo(2);
      assertThat(platform.followerCursors).containsExactly("", "f1", "");

      long follows =
          r.database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT COUNT(*) FROM follow WHERE channel_id = :c")
                          .bind("c", w.ch().id())
                          .mapTo(Long.class)
                          .one());
      assertThat(follows).isEqualTo(3);
      long snapshots =
          r.database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT COUNT(*) FROM profile_snapshot s JOIN identity i ON i.id ="
                                  + " s.identity_id WHERE i.workspace_id = :w AND"
                                  + " s.followers_count = 12")
                          .bind("w", w.ws().id())
                          .mapTo(Long.class)
                          .one());
      assertThat(snapshots).isGreaterThanOrEqualTo(3);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void aChannelIsSyncedByOneNodeAtATime(TestDatabases.Kind kind) {
    World w = world(kind);
    try (Rapport r = w.r()) {
      ScriptedPlatform platform = new ScriptedPlatform();
      platform.pages.put("", new SyncPage(list(like("did:a", POST, T0)), "c1", false, null));
      SqlEngagementSync nodeA = sync(w, platform);
      SqlEngagementSync nodeB = sync(w, platform);
      AtomicReference<SyncRun> whileARuns = new AtomicReference<>();
      platform.duringRead =
          () -> {
            if (whileARuns.get() == null) {
              whileARuns.set(new SyncRun(0, 0, T0, T0, "pending", 0, 0, 0, 0, false, null));
              whileARuns.set(nodeB.runOnce(w.ws().id(), w.ch().id()));
            }
          };
      SyncRun a = nodeA.runOnce(w.ws().id(), w.ch().id());
      assertThat(a.error()).isNull();
      assertThat(a.ingested()).isEqualTo(1);
      assertThat(whileARuns.get().skipped()).contains("another Rapport node");

      platform.duringRead = () -> {};
      assertThat(nodeB.runOnce(w.ws().id(), w.ch().id()).skipped())
          .as("the lease is released after the run")
          .isNull();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void aRefusedGrantMarksTheChannelAndStopsSyncingIt(TestDatabases.Kind kind) {
    World w = world(kind);
    try (Rapport r = w.r()) {
      ScriptedPlatform platform = new ScriptedPlatform();
      platform.failOnce.put(
          "", new SyncPage.SyncFailure("Bluesky refused the app password", true, null));
      SqlEngagementSync sync = sync(w, platform);

      SyncRun run = sync.runOnce(w.ws().id(), w.ch().id());
      assertThat(run.error()).isEqualTo("Bluesky refused the app password");
      SyncStatus status = sync.status(w.ws().id()).get(0);
      assertThat(status.reconnectReason()).isEqualTo("Bluesky refused the app password");
      assertThat(r.connections().statuses(w.ws().id()).get(0).needsReconnect()).isTrue();

      SyncRun next = sync.runOnce(w.ws().id(), w.ch().id());
      assertThat(next.skipped()).startsWith("reconnect needed");
      assertThat(platform.requests).hasSize(1);
      assertThat(sync.runAll())
          .extracting(SyncRun::skipped)
          .allMatch(s -> s.startsWith("reconnect"));
    }
  }
}
