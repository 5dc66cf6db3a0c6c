package dev.rapport.platforms.x;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.platforms.FollowerPage;
import dev.rapport.platforms.Lookup;
import dev.rapport.platforms.MediaItem;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import dev.rapport.platforms.SeenAccount;
import dev.rapport.platforms.SeenEngagement;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import dev.rapport.platforms.oauth.LocalServer;
import dev.rapport.platforms.oauth.LocalServer.Fault;
import dev.rapport.platforms.oauth.LocalServer.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** X specifics: request shapes, token refresh, rate limits, failures, lookups, pagination. */
class XConnectorTest {

  private static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

  private FakeX server;
  private XConnector connector;
  private TestAccount account;

  static XApp app(FakeX server) {
    return new XApp(
        FakeX.CLIENT_ID,
        FakeX.CLIENT_SECRET,
        FakeX.REDIRECT,
        URI.create(server.uri() + "/i/oauth2/authorize"),
        URI.create(server.uri() + "/2/oauth2/token"),
        server.uri());
  }

  static XConnector connector(FakeX server, Duration timeout) {
    return new XConnector(
        app(server),
        HttpClient.newHttpClient(),
        OutboundPolicy.ANY_HOST,
        Clock.systemUTC(),
        timeout,
        Duration.ofSeconds(2),
        100);
  }

  @BeforeEach
  void start() {
    server = new FakeX();
    connector = connector(server, Duration.ofSeconds(3));
    account =
        new TestAccount(
            server.uri(), server.brandId, server.grant(Instant.now().plusSeconds(7200)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Outgoing post(String text, List<MediaItem> media, String replyTo) {
    return new Outgoing(
        7,
        "rapport-variant-7-" + UUID.randomUUID(),
        text,
        media,
        replyTo == null ? null : new Outgoing.ReplyTarget(replyTo, replyTo),
        Instant.now());
  }

  private static MediaItem image(String alt) {
    return new MediaItem(MediaKind.IMAGE, "image/png", "dot.png", PNG, null, alt, 1, 1);
  }

  private PublishResult.Published publish(Outgoing post) {
    PublishResult result = connector.publish(account, post);
    assertThat(result).isInstanceOf(PublishResult.Published.class);
    return (PublishResult.Published) result;
  }

  @Test
  void sendsPostsAndMediaAsTheApiDocumentsThem() {
    PublishResult.Published parent = publish(post("First", List.of(), null));
    PublishResult.Published reply =
        publish(post("Second", List.of(image("A croissant")), parent.platformPostId()));

    assertThat(reply.url())
        .isEqualTo("https://x.com/cornerbakery/status/" + reply.platformPostId());
    LocalServer.Request upload = server.requests("POST", "/2/media/upload").get(0);
    assertThat(upload.header("Authorization")).startsWith("Bearer ");
    assertThat(upload.multipart().get("media").content()).isEqualTo(PNG);
    assertThat(upload.multipart().get("media_category").text()).isEqualTo("tweet_image");
    LocalServer.Request meta = server.requests("POST", "/2/media/metadata").get(0);
    assertThat(meta.json().path("metadata").path("alt_text").path("text").asText())
        .isEqualTo("A croissant");
    LocalServer.Request create = server.requests("POST", "/2/tweets").get(1);
    assertThat(create.json().get("text").asText()).isEqualTo("Second");
    assertThat(create.json().path("reply").path("in_reply_to_tweet_id").asText())
        .isEqualTo(parent.platformPostId());
    assertThat(create.json().path("media").path("media_ids")).hasSize(1);
    assertThat(create.header("Idempotency-Key")).as("X has none").isNull();
    assertThat(server.altTexts(reply.platformPostId())).containsExactly("A croissant");
  }

  @Test
  void anExpiredAccessTokenIsRefreshedAndTheRotatedPairStored() {
    var expired =
        new TestAccount(server.uri(), server.brandId, server.grant(Instant.now().minusSeconds(5)));
    String oldRefresh = expired.secret("refresh_token");

    PublishResult result = connector.publish(expired, post("After a refresh", List.of(), null));

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    LocalServer.Request refresh = server.requests("POST", "/2/oauth2/token").get(0);
    assertThat(refresh.form().get("grant_type")).containsExactly("refresh_token");
    assertThat(refresh.form().get("refresh_token")).containsExactly(oldRefresh);
    assertThat(refresh.header("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (FakeX.CLIENT_ID + ":" + FakeX.CLIENT_SECRET)
                            .getBytes(StandardCharsets.UTF_8)));
    assertThat(expired.secret("refresh_token")).isNotEqualTo(oldRefresh);
    assertThat(Instant.parse(expired.secret("expires_at")))
        .isAfter(Instant.now().plusSeconds(7000));
    assertThat(expired.reconnectReason).isNull();
  }

  @Test
  void aTokenXRefusesIsRefreshedOnceAndTheCallRepeated() {
    server.expireAccessTokens(); // the stored expiry still says valid

    PublishResult result = connector.publish(account, post("Retried after 401", List.of(), null));

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    assertThat(server.requests("POST", "/2/tweets")).hasSize(2);
    assertThat(server.requests("POST", "/2/oauth2/token")).hasSize(1);
    assertThat(server.postsWithText("Retried after 401")).hasSize(1);
  }

  @Test
  void aRefusedRefreshMeansReconnect() {
    server.expireAccessTokens();
    server.revokeRefreshTokens();

    PublishResult result = connector.publish(account, post("No grant", List.of(), null));

    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    PublishResult.Rejected rejected = (PublishResult.Rejected) result;
    assertThat(rejected.reconnect()).isTrue();
    assertThat(rejected.message()).contains("Value passed for the token was invalid");
    assertThat(rejected.action()).contains("Reconnect");
    assertThat(account.reconnectReason).contains("renew");
    SyncPage page = connector.engagement(account, new SyncRequest(null, List.of(), 10));
    assertThat(page.failure().reconnect()).isTrue();
    assertThat(connector.followers(account, null).failure().reconnect()).isTrue();
  }

  @Test
  void concurrentCallsShareOneRefresh() throws Exception {
    var expired =
        new TestAccount(server.uri(), server.brandId, server.grant(Instant.now().minusSeconds(5)));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<PublishResult>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String text = "Parallel " + i;
        results.add(pool.submit(() -> connector.publish(expired, post(text, List.of(), null))));
      }
      for (Future<PublishResult> f : results) {
        assertThat(f.get()).isInstanceOf(PublishResult.Published.class);
      }
    } finally {
      pool.shutdownNow();
    }
    // X rotates refresh tokens: a second refresh with the old one would have been refused.
    assertThat(server.requests("POST", "/2/oauth2/token")).hasSize(1);
    assertThat(expired.reconnectReason).isNull();
  }

  @Test
  void separateSnapshotsOfOneConnectionDoNotRefreshTwice() {
    Map<String, String> stored = server.grant(Instant.now().minusSeconds(5));
    var first = new TestAccount(server.uri(), server.brandId, stored);
    var second = new TestAccount(server.uri(), server.brandId, stored); // read before the refresh

    assertThat(connector.publish(first, post("From the first", List.of(), null)))
        .isInstanceOf(PublishResult.Published.class);
    assertThat(connector.publish(second, post("From the second", List.of(), null)))
        .isInstanceOf(PublishResult.Published.class);

    assertThat(server.requests("POST", "/2/oauth2/token")).hasSize(1);
    assertThat(second.secret("refresh_token")).isEqualTo(first.secret("refresh_token"));
    assertThat(second.reconnectReason).isNull();
  }

  @Test
  void rateLimitsAreRetryableAfterTheirReset() {
    long reset = Instant.now().getEpochSecond() + 600;
    server.fault(
        "POST",
        "/2/tweets",
        new Fault.Answer(
            FakeX.problem(429, "Too Many Requests", "Too Many Requests")
                .with("x-rate-limit-limit", "100")
                .with("x-rate-limit-remaining", "0")
                .with("x-rate-limit-reset", String.valueOf(reset))));
    PublishResult result = connector.publish(account, post("Limited", List.of(), null));
    assertThat(result).isInstanceOf(PublishResult.Retryable.class);
    assertThat(((PublishResult.Retryable) result).retryAfter())
        .isBetween(Duration.ofSeconds(590), Duration.ofSeconds(600));

    server.fault(
        "POST",
        "/2/tweets",
        new Fault.Answer(
            FakeX.problem(429, "Too Many Requests", "Too Many Requests")
                .with("Retry-After", "42")));
    assertThat(
            ((PublishResult.Retryable) connector.publish(account, post("x", List.of(), null)))
                .retryAfter())
        .isEqualTo(Duration.ofSeconds(42));

    long dayReset = Instant.now().getEpochSecond() + 20_000;
    server.fault(
        "POST",
        "/2/tweets",
        new Fault.Answer(
            FakeX.problem(429, "Too Many Requests", "Too Many Requests")
                .with("x-rate-limit-remaining", "50")
                .with("x-rate-limit-reset", String.valueOf(reset))
                .with("x-user-limit-24hour-limit", "100")
                .with("x-user-limit-24hour-remaining", "0")
                .with("x-user-limit-24hour-reset", String.valueOf(dayReset))));
    PublishResult daily = connector.publish(account, post("Daily cap", List.of(), null));
    assertThat(((PublishResult.Retryable) daily).retryAfter())
        .as("the 24-hour user limit wins")
        .isGreaterThan(Duration.ofSeconds(19_000));
    assertThat(server.tweetCount()).isZero();
  }

  @Test
  void failuresAreClassifiedByWhetherThePostMayExist() {
    server.fault(
        "POST",
        "/2/tweets",
        new Fault.Answer(FakeX.problem(503, "Service Unavailable", "Service Unavailable")));
    assertThat(connector.publish(account, post("a", List.of(), null)))
        .isInstanceOf(PublishResult.Retryable.class);
    server.fault(
        "POST",
        "/2/tweets",
        new Fault.Answer(FakeX.problem(500, "Internal Error", "Internal Error")));
    assertThat(connector.publish(account, post("b", List.of(), null)))
        .isInstanceOf(PublishResult.Unknown.class);
    server.fault(
        "POST",
        "/2/media/upload",
        new Fault.Answer(FakeX.problem(500, "Internal Error", "Internal Error")));
    assertThat(connector.publish(account, post("c", List.of(image("x")), null)))
        .isInstanceOf(PublishResult.Retryable.class);

    publish(post("Same words", List.of(), null));
    PublishResult duplicate = connector.publish(account, post("Same words", List.of(), null));
    assertThat(duplicate).isInstanceOf(PublishResult.Rejected.class);
    assertThat(((PublishResult.Rejected) duplicate).message()).contains("duplicate");
    assertThat(((PublishResult.Rejected) duplicate).action()).contains("Change the text");
  }

  @Test
  void aTimeoutAfterSendingIsUnknownAndTheLookupFindsThePost() {
    Outgoing post = post("Menu & prices <new> https://bakery.example/menu", List.of(), null);
    server.fault("POST", "/2/tweets", new Fault.SlowAfter(Duration.ofSeconds(5)));

    assertThat(connector.publish(account, post)).isInstanceOf(PublishResult.Unknown.class);

    Lookup lookup = connector.find(account, post);
    assertThat(lookup).isInstanceOf(Lookup.Found.class);
    assertThat(server.postsWithText(post.text()))
        .containsExactly(((Lookup.Found) lookup).post().platformPostId());
    LocalServer.Request search =
        server.requests("GET", "/2/users/" + server.brandId + "/tweets").get(0);
    assertThat(search.param("start_time")).isNotNull();
  }

  @Test
  void aTimeoutBeforeProcessingIsNotFoundAndAReplyIsFoundByItsParent() {
    Outgoing lost = post("Never got there", List.of(), null);
    server.fault("POST", "/2/tweets", new Fault.SlowBefore(Duration.ofSeconds(5)));
    assertThat(connector.publish(account, lost)).isInstanceOf(PublishResult.Unknown.class);
    assertThat(connector.find(account, lost)).isInstanceOf(Lookup.NotFound.class);

    String parent = publish(post("Thread start", List.of(), null)).platformPostId();
    Outgoing reply = post("Thread part two", List.of(), parent);
    String id = publish(reply).platformPostId();
    assertThat(((Lookup.Found) connector.find(account, reply)).post().platformPostId())
        .isEqualTo(id);
    assertThat(connector.find(account, post("Thread part two", List.of(), "1")))
        .as("same text, other parent")
        .isInstanceOf(Lookup.NotFound.class);
  }

  @Test
  void aDroppedConnectionIsUnknownAndALookupDuringAnOutageCannotTell() {
    Outgoing post = post("Dropped on the way back", List.of(), null);
    server.fault("POST", "/2/tweets", new Fault.DropAfter());
    assertThat(connector.publish(account, post)).isInstanceOf(PublishResult.Unknown.class);

    server.fault(
        "GET",
        "/2/users/" + server.brandId + "/tweets",
        new Fault.Answer(FakeX.problem(503, "Service Unavailable", "Service Unavailable")));
    assertThat(connector.find(account, post)).isInstanceOf(Lookup.CannotTell.class);
    assertThat(connector.find(account, post)).isInstanceOf(Lookup.Found.class);
  }

  @Test
  void theLimitIsCountedTheWayXCountsIt() {
    String cjk = "日".repeat(141); // 282 weighted
    PublishResult result = connector.publish(account, post(cjk, List.of(), null));
    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(((PublishResult.Rejected) result).message()).contains("282");
    assertThat(server.requests("POST", "/2/tweets")).isEmpty();

    String withLink = "a".repeat(250) + " https://bakery.example/" + "x".repeat(100);
    assertThat(connector.publish(account, post(withLink, List.of(), null)))
        .as("a link counts 23 whatever its length")
        .isInstanceOf(PublishResult.Published.class);
  }

  @Test
  void gifsWaitForProcessing() {
    server.gifPolls = 3;
    MediaItem gif =
        new MediaItem(MediaKind.GIF, "image/gif", "a.gif", PNG, null, "Dancing bread", 1, 1);

    PublishResult.Published published = publish(post("Animated", List.of(gif), null));

    assertThat(server.requests("GET", "/2/media/upload")).hasSize(3);
    assertThat(server.requests("GET", "/2/media/upload").get(0).param("command"))
        .isEqualTo("STATUS");
    assertThat(server.altTexts(published.platformPostId())).containsExactly("Dancing bread");
  }

  @Test
  void videosGoThroughTheChunkedSessionAndWaitForProcessing() {
    server.videoPolls = 2;
    byte[] video = new byte[9 * 1024 * 1024 + 17];
    for (int i = 0; i < video.length; i++) {
      video[i] = (byte) i;
    }
    MediaItem clip =
        new MediaItem(
            MediaKind.VIDEO, "video/mp4", "oven.mp4", video, null, "The oven at work", null, null);

    PublishResult.Published published = publish(post("Watch the oven", List.of(clip), null));

    List<LocalServer.Request> uploads = server.requests("POST", "/2/media/upload");
    assertThat(uploads.stream().map(r -> r.multipart().get("command").text()))
        .containsExactly("INIT", "APPEND", "APPEND", "APPEND", "FINALIZE");
    assertThat(uploads.get(0).multipart().get("total_bytes").text())
        .isEqualTo(String.valueOf(video.length));
    assertThat(uploads.get(0).multipart().get("media_category").text()).isEqualTo("tweet_video");
    String mediaId = server.mediaOf(published.platformPostId()).get(0);
    assertThat(server.uploadedSegments(mediaId)).isEqualTo(3);
    assertThat(server.requests("GET", "/2/media/upload")).hasSize(2);
    assertThat(server.altTexts(published.platformPostId())).containsExactly("The oven at work");
  }

  @Test
  void mixingAVideoWithImagesIsRefusedBeforeUploading() {
    MediaItem clip =
        new MediaItem(MediaKind.VIDEO, "video/mp4", "a.mp4", PNG, null, null, null, null);
    PublishResult result =
        connector.publish(account, post("Mixed", List.of(image("a"), clip), null));
    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(((PublishResult.Rejected) result).message()).contains("one video");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void engagementWalksMentionsThenPostsAndReadsQuotes() {
    String postId = publish(post("Our new rye", List.of(), null)).platformPostId();
    List<String> fans = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      fans.add(server.likeRepostAndReply(postId));
    }
    String quoter = server.quote(postId);

    List<SeenEngagement> seen = new ArrayList<>();
    String cursor = null;
    boolean more = true;
    int steps = 0;
    while (more && steps++ < 20) {
      SyncPage page = connector.engagement(account, new SyncRequest(cursor, List.of(postId), 5));
      assertThat(page.failure()).isNull();
      seen.addAll(page.engagements());
      cursor = page.nextCursor();
      more = page.more();
    }
    assertThat(steps).as("7 mentions in pages of 5, then the post").isEqualTo(2);
    assertThat(
            server
                .requests("GET", "/2/users/" + server.brandId + "/mentions")
                .get(1)
                .param("pagination_token"))
        .isNotNull();
    assertThat(seen.stream().filter(e -> e.kind() == EngagementKind.LIKE)).hasSize(7);
    assertThat(seen.stream().filter(e -> e.kind() == EngagementKind.REPOST)).hasSize(7);
    assertThat(
            seen.stream()
                .filter(e -> e.kind() == EngagementKind.REPLY)
                .map(SeenEngagement::eventKey)
                .distinct())
        .hasSize(7);
    assertThat(seen.stream().filter(e -> e.kind() == EngagementKind.QUOTE))
        .singleElement()
        .satisfies(e -> assertThat(e.who().platformUserId()).isEqualTo(quoter));
    assertThat(seen.stream().filter(e -> e.kind() == EngagementKind.REPLY))
        .allSatisfy(
            e -> {
              assertThat(e.platformPostId()).isEqualTo(postId);
              assertThat(fans).contains(e.who().platformUserId());
              assertThat(e.who().profile()).isNotNull();
            });

    SyncPage next = connector.engagement(account, new SyncRequest(cursor, List.of(), 5));
    assertThat(next.engagements()).as("no mention is read twice").isEmpty();
    assertThat(
            server.requests("GET", "/2/users/" + server.brandId + "/mentions").stream()
                .reduce((a, b) -> b)
                .orElseThrow()
                .param("since_id"))
        .isNotNull();
  }

  @Test
  void aDeletedPostIsSkippedButAMissingAccessLevelIsReported() {
    String postId = publish(post("Still here", List.of(), null)).platformPostId();
    server.likeRepostAndReply(postId);

    SyncPage page =
        connector.engagement(
            account, new SyncRequest(null, List.of("1445880548472328192", postId), 100));
    assertThat(page.failure()).isNull();
    assertThat(page.engagements()).extracting(SeenEngagement::kind).contains(EngagementKind.LIKE);

    server.fault(
        "GET",
        "/2/tweets/" + postId + "/liking_users",
        new Fault.Answer(
            FakeX.problem(
                403,
                "Client Forbidden",
                "When authenticating requests to the Twitter API v2 endpoints, you must use keys and"
                    + " tokens from a Twitter developer App that is attached to a Project.")));
    SyncPage refused = connector.engagement(account, new SyncRequest(null, List.of(postId), 100));
    assertThat(refused.failure()).isNotNull();
    assertThat(refused.failure().reconnect()).isFalse();
    assertThat(refused.failure().message()).contains("attached to a Project");
    assertThat(refused.engagements()).isEmpty();
  }

  @Test
  void followersArePagedWithTheirProfiles() {
    String egg = server.followWithDefaults();
    String fan = server.likeRepostAndReply(publish(post("hi", List.of(), null)).platformPostId());
    server.follow();
    for (int i = 0; i < 1000; i++) {
      server.follow();
    }
    // fan has a reply, so X reports its most recent post
    server.requests();

    List<SeenAccount> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      FollowerPage page = connector.followers(account, cursor);
      assertThat(page.failure()).isNull();
      all.addAll(page.followers());
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(2);
    assertThat(all).hasSize(1002);
    SeenAccount e =
        all.stream().filter(a -> a.platformUserId().equals(egg)).findFirst().orElseThrow();
    assertThat(e.profile().defaultAvatar()).isTrue();
    assertThat(e.profile().bio()).isNull();
    assertThat(e.profile().followingCount()).isEqualTo(2000L);
    SeenAccount other = all.get(0);
    assertThat(other.profile().defaultAvatar()).isFalse();
    assertThat(other.profile().url()).isEqualTo("https://leeds.example/me");
    assertThat(other.profile().protectedAccount()).isFalse();
    assertThat(other.profile().verified()).isFalse();
    assertThat(other.profile().listedCount()).isEqualTo(3L);
    assertThat(other.profile().accountCreatedAt()).isEqualTo(Instant.parse("2019-03-01T09:00:00Z"));
    assertThat(fan).isNotBlank();
  }

  @Test
  void theAuthorsLastActivityComesFromTheirNewestPostId() {
    String postId = publish(post("hi", List.of(), null)).platformPostId();
    String fan = server.likeRepostAndReply(postId);
    SyncPage page = connector.engagement(account, new SyncRequest(null, List.of(postId), 100));
    SeenEngagement like =
        page.engagements().stream()
            .filter(e -> e.kind() == EngagementKind.LIKE && e.who().platformUserId().equals(fan))
            .findFirst()
            .orElseThrow();
    assertThat(like.eventKey()).isEqualTo("x:like:" + postId + ":" + fan);
    assertThat(like.who().profile().lastActivityAt())
        .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
  }

  @Test
  void aServiceOnAPrivateAddressIsRefusedByDefault() {
    XConnector strict =
        new XConnector(
            app(server), HttpClient.newHttpClient(), OutboundPolicy.PUBLIC_ONLY, Clock.systemUTC());
    PublishResult result = strict.publish(account, post("hi", List.of(), null));
    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void errorsBodiesAreReadForTheirMessage() {
    server.fault(
        "POST",
        "/2/tweets",
        new Fault.Answer(
            Response.json(
                400,
                Map.of(
                    "errors", List.of(Map.of("message", "reply.in_reply_to_tweet_id: invalid")),
                    "title", "Invalid Request",
                    "detail", "One or more parameters to your request was invalid.",
                    "type", "https://api.twitter.com/2/problems/invalid-request"))));
    PublishResult result = connector.publish(account, post("x", List.of(), null));
    assertThat(((PublishResult.Rejected) result).message())
        .contains("reply.in_reply_to_tweet_id: invalid");
  }
}
