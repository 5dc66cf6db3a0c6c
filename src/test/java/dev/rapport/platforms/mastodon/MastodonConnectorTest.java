package dev.rapport.platforms.mastodon;

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
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mastodon specifics: request shapes, media processing, failures, rate limits, pagination. */
class MastodonConnectorTest {

  private static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

  private FakeMastodon server;
  private MastodonConnector connector;
  private TestAccount account;

  @BeforeEach
  void start() {
    server = new FakeMastodon();
    connector = connector(Duration.ofSeconds(3), Duration.ofSeconds(2));
    account =
        new TestAccount(
            server.uri(), FakeMastodon.BRAND_ID, Map.of("access_token", server.brandToken()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private MastodonConnector connector(Duration timeout, Duration mediaWait) {
    return new MastodonConnector(
        HttpClient.newHttpClient(),
        OutboundPolicy.ANY_HOST,
        Clock.systemUTC(),
        timeout,
        Duration.ofMillis(10),
        mediaWait);
  }

  private static Outgoing post(String text, List<MediaItem> media, String replyTo) {
    return new Outgoing(
        42,
        "rapport-variant-42-" + UUID.randomUUID(),
        text,
        media,
        replyTo == null ? null : new Outgoing.ReplyTarget(replyTo, replyTo),
        Instant.now());
  }

  private static MediaItem image(String alt) {
    return new MediaItem(MediaKind.IMAGE, "image/png", "dot.png", PNG, null, alt, 1, 1);
  }

  @Test
  void sendsStatusesAsTheApiDocumentsThem() {
    PublishResult.Published parent =
        (PublishResult.Published) connector.publish(account, post("First", List.of(), null));
    Outgoing reply =
        post("Second, with a photo", List.of(image("Sourdough loaf")), parent.platformPostId());

    PublishResult result = connector.publish(account, reply);

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    PublishResult.Published published = (PublishResult.Published) result;
    assertThat(published.url()).startsWith(server.uri() + "/@bakery/");
    assertThat(published.publishedAt()).isNotNull();
    LocalServer.Request upload = server.requests("POST", "/api/v2/media").get(0);
    assertThat(upload.header("Authorization")).isEqualTo("Bearer " + server.brandToken());
    assertThat(upload.multipart().get("file").content()).isEqualTo(PNG);
    assertThat(upload.multipart().get("file").contentType()).isEqualTo("image/png");
    assertThat(upload.multipart().get("description").text()).isEqualTo("Sourdough loaf");
    LocalServer.Request create = server.requests("POST", "/api/v1/statuses").get(1);
    assertThat(create.header("Idempotency-Key")).isEqualTo(reply.idempotencyKey());
    assertThat(create.header("Content-Type")).startsWith("application/json");
    assertThat(create.json().get("status").asText()).isEqualTo("Second, with a photo");
    assertThat(create.json().get("in_reply_to_id").asText()).isEqualTo(parent.platformPostId());
    assertThat(create.json().get("media_ids")).hasSize(1);
    assertThat(server.parentOf(published.platformPostId())).isEqualTo(parent.platformPostId());
  }

  @Test
  void aReplyToAPersonMentionsThemSoTheyAreNotified() {
    String ours =
        ((PublishResult.Published) connector.publish(account, post("Question?", List.of(), null)))
            .platformPostId();
    server.likeRepostAndReply(ours);
    String theirs = server.replyOf(ours);
    Outgoing answer = post("Thank you, see you Saturday!", List.of(), theirs);

    PublishResult result = connector.publish(account, answer);

    String id = ((PublishResult.Published) result).platformPostId();
    assertThat(server.textOf(id))
        .matches("@reader\\d+@other\\.example Thank you, see you Saturday!");
    assertThat(((Lookup.Found) connector.find(account, answer)).post().platformPostId())
        .isEqualTo(id);

    Outgoing alreadyAddressed = post("@READER1 thanks again", List.of(), theirs);
    String second =
        ((PublishResult.Published) connector.publish(account, alreadyAddressed)).platformPostId();
    assertThat(server.textOf(second)).isEqualTo("@READER1 thanks again");

    server.fault(
        "GET", "/api/v1/statuses/" + theirs, new Fault.Answer(Response.json(500, Map.of())));
    assertThat(connector.publish(account, post("later", List.of(), theirs)))
        .as("nothing was posted yet")
        .isInstanceOf(PublishResult.Retryable.class);
  }

  @Test
  void waitsForAsynchronousMediaProcessingBeforeAttaching() {
    server.processingPolls = 3;

    PublishResult result =
        connector.publish(account, post("A video-ish upload", List.of(image("Steam")), null));

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    assertThat(server.requests("GET", "/api/v1/media/")).hasSize(4); // 206, 206, 206, 200
    assertThat(server.altTexts(((PublishResult.Published) result).platformPostId()))
        .containsExactly("Steam");
  }

  @Test
  void mediaThatNeverFinishesProcessingIsRetryableAndPublishesNothing() {
    server.processingPolls = 1_000_000;
    MastodonConnector impatient = connector(Duration.ofSeconds(3), Duration.ofMillis(150));

    PublishResult result =
        impatient.publish(account, post("Never ready", List.of(image("x")), null));

    assertThat(result).isInstanceOf(PublishResult.Retryable.class);
    assertThat(((PublishResult.Retryable) result).message()).contains("still processing");
    assertThat(server.requests("POST", "/api/v1/statuses")).isEmpty();
  }

  @Test
  void mediaTheInstanceCannotProcessIsRejectedWithItsReason() {
    server.processingPolls = 2;
    server.failProcessing = true;

    PublishResult result =
        connector.publish(account, post("Broken file", List.of(image("x")), null));

    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(((PublishResult.Rejected) result).message()).contains("Error processing thumbnail");
    assertThat(((PublishResult.Rejected) result).action()).contains("attachments");
    assertThat(server.statusCount()).isZero();
  }

  @Test
  void anInvalidTokenAsksForReconnection() {
    server.revoke(server.brandToken());

    PublishResult result = connector.publish(account, post("Hello", List.of(), null));

    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    PublishResult.Rejected rejected = (PublishResult.Rejected) result;
    assertThat(rejected.reconnect()).isTrue();
    assertThat(rejected.message()).contains("The access token is invalid");
    assertThat(rejected.action()).contains("Reconnect");
    assertThat(account.reconnectReason).contains("access token");

    SyncPage page = connector.engagement(account, new SyncRequest(null, List.of(), 20));
    assertThat(page.failure().reconnect()).isTrue();
    assertThat(page.engagements()).isEmpty();
  }

  @Test
  void validationErrorsCarryMastodonsWordsAndWhatToDo() {
    List<MediaItem> five = List.of(image("1"), image("2"), image("3"), image("4"), image("5"));

    PublishResult result = connector.publish(account, post("Too many photos", five, null));

    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    PublishResult.Rejected rejected = (PublishResult.Rejected) result;
    assertThat(rejected.message()).contains("Media attachments exceed the limit of 4");
    assertThat(rejected.action()).contains("attachments");
    assertThat(rejected.reconnect()).isFalse();

    PublishResult tooLong = connector.publish(account, post("é".repeat(501), List.of(), null));
    assertThat(((PublishResult.Rejected) tooLong).message())
        .contains("Text character limit of 500 exceeded");
    assertThat(((PublishResult.Rejected) tooLong).action()).contains("Shorten");
    assertThat(server.statusCount()).isZero();
  }

  @Test
  void aRateLimitIsRetryableAfterTheReset() {
    Instant reset = Instant.now().plusSeconds(120);
    server.fault(
        "POST",
        "/api/v1/statuses",
        new Fault.Answer(
            Response.json(429, Map.of("error", "Too many requests"))
                .with("X-RateLimit-Limit", "300")
                .with("X-RateLimit-Remaining", "0")
                .with("X-RateLimit-Reset", reset.toString())));

    PublishResult result = connector.publish(account, post("Rate limited", List.of(), null));

    assertThat(result).isInstanceOf(PublishResult.Retryable.class);
    PublishResult.Retryable retryable = (PublishResult.Retryable) result;
    assertThat(retryable.retryAfter()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121));
    assertThat(retryable.message()).contains("300");
    assertThat(server.statusCount()).isZero();

    server.fault(
        "GET",
        "/api/v1/notifications",
        new Fault.Answer(
            Response.json(429, Map.of("error", "Too many requests"))
                .with("X-RateLimit-Reset", reset.toString())));
    server.fault(
        "POST",
        "/api/v1/statuses",
        new Fault.Answer(
            Response.json(429, Map.of("error", "Throttled")).with("Retry-After", "42")));
    assertThat(
            ((PublishResult.Retryable) connector.publish(account, post("x", List.of(), null)))
                .retryAfter())
        .isEqualTo(Duration.ofSeconds(42));

    SyncPage page = connector.engagement(account, new SyncRequest("since=5", List.of(), 20));
    assertThat(page.failure().retryAfter()).isGreaterThan(Duration.ofSeconds(100));
    assertThat(page.nextCursor()).as("the cursor stays where it was").isEqualTo("since=5");
  }

  @Test
  void serverErrorsAreClassifiedByWhetherTheStatusMayExist() {
    server.fault(
        "POST", "/api/v1/statuses", new Fault.Answer(Response.json(503, Map.of("error", "down"))));
    assertThat(connector.publish(account, post("a", List.of(), null)))
        .isInstanceOf(PublishResult.Retryable.class);

    server.fault(
        "POST", "/api/v1/statuses", new Fault.Answer(Response.json(500, Map.of("error", "boom"))));
    assertThat(connector.publish(account, post("b", List.of(), null)))
        .isInstanceOf(PublishResult.Unknown.class);

    server.fault(
        "POST", "/api/v2/media", new Fault.Answer(Response.json(500, Map.of("error", "boom"))));
    assertThat(connector.publish(account, post("c", List.of(image("x")), null)))
        .as("a failed upload published nothing")
        .isInstanceOf(PublishResult.Retryable.class);
  }

  @Test
  void aTimeoutAfterTheInstanceProcessedIsUnknownAndFoundAfterwards() {
    Outgoing post = post("Slow instance today", List.of(), null);
    server.fault("POST", "/api/v1/statuses", new Fault.SlowAfter(Duration.ofSeconds(5)));

    PublishResult first = connector.publish(account, post);

    assertThat(first).isInstanceOf(PublishResult.Unknown.class);
    Lookup lookup = connector.find(account, post);
    assertThat(lookup).isInstanceOf(Lookup.Found.class);
    String id = ((Lookup.Found) lookup).post().platformPostId();
    // Even a blind retry could not duplicate it: the Idempotency-Key returns the same status.
    PublishResult again = connector.publish(account, post);
    assertThat(((PublishResult.Published) again).platformPostId()).isEqualTo(id);
    assertThat(server.postsWithText("Slow instance today")).containsExactly(id);
  }

  @Test
  void aTimeoutBeforeProcessingIsUnknownAndNotFound() {
    Outgoing post = post("Never arrived", List.of(), null);
    server.fault("POST", "/api/v1/statuses", new Fault.SlowBefore(Duration.ofSeconds(5)));

    assertThat(connector.publish(account, post)).isInstanceOf(PublishResult.Unknown.class);
    assertThat(connector.find(account, post)).isInstanceOf(Lookup.NotFound.class);
  }

  @Test
  void aDroppedConnectionIsUnknown() {
    Outgoing post = post("Dropped", List.of(), null);
    server.fault("POST", "/api/v1/statuses", new Fault.DropAfter());

    assertThat(connector.publish(account, post)).isInstanceOf(PublishResult.Unknown.class);
    assertThat(connector.find(account, post)).isInstanceOf(Lookup.Found.class);
  }

  @Test
  void aRefusedConnectionIsRetryable() {
    var gone = new TestAccount(server.uri(), FakeMastodon.BRAND_ID, Map.of("access_token", "t"));
    server.close();

    PublishResult result = connector.publish(gone, post("Nobody home", List.of(), null));

    assertThat(result).isInstanceOf(PublishResult.Retryable.class);
    assertThat(connector.find(gone, post("x", List.of(), null)))
        .isInstanceOf(Lookup.CannotTell.class);
  }

  @Test
  void findMatchesRenderedHtmlAndStopsAtTheDueTime() {
    String text = "Fresh bread & coffee <3\n\nhttps://bakery.example/menu?day=mon";
    Outgoing post = post(text, List.of(), null);
    PublishResult.Published published = (PublishResult.Published) connector.publish(account, post);

    assertThat(((Lookup.Found) connector.find(account, post)).post().platformPostId())
        .isEqualTo(published.platformPostId());

    // An identical text from last week is not this variant.
    Outgoing old =
        new Outgoing(43, "k-43", "Weekly special", List.of(), null, Instant.now().minusSeconds(60));
    server.brandStatusAt("Weekly special", Instant.now().minus(Duration.ofDays(7)));
    for (int i = 0; i < 45; i++) {
      server.brandStatusAt("filler " + i, Instant.now());
    }
    assertThat(connector.find(account, old)).isInstanceOf(Lookup.NotFound.class);
    assertThat(server.requests("GET", "/api/v1/accounts/" + FakeMastodon.BRAND_ID + "/statuses"))
        .as("stops paging once older than the due time")
        .hasSize(3);
  }

  @Test
  void findCannotTellWhenTheHistoryIsLongerThanItLooks() {
    Outgoing post =
        new Outgoing(
            44, "k-44", "Lost in the noise", List.of(), null, Instant.now().minusSeconds(3600));
    for (int i = 0; i < 220; i++) {
      server.brandStatusAt("busy " + i, Instant.now());
    }
    assertThat(connector.find(account, post)).isInstanceOf(Lookup.CannotTell.class);
  }

  @Test
  void notificationsArePagedForwardAndNotReadTwice() {
    String first =
        ((PublishResult.Published) connector.publish(account, post("p", List.of(), null)))
            .platformPostId();
    Set<String> engagers = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      engagers.add(server.likeRepostAndReply(first));
    }
    server.follow();

    List<SeenEngagement> seen = new ArrayList<>();
    String cursor = null;
    int calls = 0;
    boolean more = true;
    while (more && calls++ < 20) {
      SyncPage page = connector.engagement(account, new SyncRequest(cursor, List.of(), 4));
      assertThat(page.failure()).isNull();
      seen.addAll(page.engagements());
      cursor = page.nextCursor();
      more = page.more();
    }
    assertThat(seen).hasSize(10); // 3 x (favourite, reblog, mention) + 1 follow
    assertThat(seen.stream().map(SeenEngagement::eventKey).distinct()).hasSize(10);
    assertThat(seen.stream().filter(e -> e.kind() == EngagementKind.REPLY))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.platformPostId()).isEqualTo(first));
    assertThat(seen.stream().filter(e -> e.kind() == EngagementKind.FOLLOW)).hasSize(1);
    assertThat(seen.stream().map(e -> e.who().platformUserId())).containsAll(engagers);
    assertThat(server.requests("GET", "/api/v1/notifications").get(0).param("min_id"))
        .isEqualTo("0");

    SyncPage next = connector.engagement(account, new SyncRequest(cursor, List.of(), 4));
    assertThat(next.engagements()).as("nothing new since the last run").isEmpty();
    assertThat(next.more()).isFalse();
  }

  @Test
  void perPostReadsAndNotificationsGiveTheSameKeys() {
    String postId =
        ((PublishResult.Published) connector.publish(account, post("p", List.of(), null)))
            .platformPostId();
    server.likeRepostAndReply(postId);
    connector.publish(account, post("and the thread goes on", List.of(), postId));

    SyncPage fromNotifications =
        connector.engagement(account, new SyncRequest(null, List.of(), 100));
    SyncPage fromPosts =
        connector.engagement(
            account, new SyncRequest(fromNotifications.nextCursor(), List.of(postId), 100));

    Set<String> a =
        new HashSet<>(
            fromNotifications.engagements().stream().map(SeenEngagement::eventKey).toList());
    Set<String> b =
        new HashSet<>(fromPosts.engagements().stream().map(SeenEngagement::eventKey).toList());
    assertThat(a).hasSize(3).isEqualTo(b);
    assertThat(fromPosts.engagements())
        .as("the brand's own thread reply is not engagement")
        .noneMatch(e -> e.who().platformUserId().equals(FakeMastodon.BRAND_ID));
    assertThat(a).allSatisfy(k -> assertThat(k).startsWith("mastodon:127.0.0.1:"));
  }

  @Test
  void followersArePagedWithTheirProfiles() {
    String bot = server.followAsBot();
    for (int i = 0; i < 99; i++) {
      server.follow();
    }

    List<SeenAccount> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      FollowerPage page = connector.followers(account, cursor);
      assertThat(page.failure()).isNull();
      all.addAll(page.followers());
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(all).hasSize(100);
    assertThat(all.stream().map(SeenAccount::platformUserId).distinct()).hasSize(100);
    SeenAccount b =
        all.stream().filter(a -> a.platformUserId().equals(bot)).findFirst().orElseThrow();
    assertThat(b.profile().declaredBot()).isTrue();
    assertThat(b.profile().defaultAvatar()).isTrue();
    assertThat(b.profile().bio()).isNull();
    assertThat(b.profile().followingCount()).isEqualTo(4000L);
    SeenAccount human =
        all.stream().filter(a -> !a.platformUserId().equals(bot)).findFirst().orElseThrow();
    assertThat(human.profile().declaredBot()).isFalse();
    assertThat(human.profile().defaultAvatar()).isFalse();
    assertThat(human.profile().protectedAccount()).isFalse();
    assertThat(human.profile().bio()).isEqualTo("Bread, pastries & coffee.");
    assertThat(human.profile().url()).isEqualTo("https://bakery.example");
    assertThat(human.profile().lastActivityAt()).isNotNull();
    assertThat(human.profile().accountCreatedAt()).isEqualTo(Instant.parse("2022-11-05T00:00:00Z"));
    assertThat(human.handle()).endsWith("@other.example");
  }

  @Test
  void aPrivateInstanceIsRefusedUnlessAllowed() {
    MastodonConnector strict =
        new MastodonConnector(
            HttpClient.newHttpClient(), OutboundPolicy.PUBLIC_ONLY, Clock.systemUTC());

    PublishResult result = strict.publish(account, post("Hi", List.of(), null));

    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(((PublishResult.Rejected) result).message()).contains("private or local");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void theAccountIdIsAskedForWhenNotStored() {
    var noId = new TestAccount(server.uri(), null, Map.of("access_token", server.brandToken()));
    server.follow();

    FollowerPage page = connector.followers(noId, null);

    assertThat(page.followers()).hasSize(1);
    assertThat(server.requests("GET", "/api/v1/accounts/verify_credentials")).hasSize(1);
  }
}
