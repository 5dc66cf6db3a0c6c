package dev.rapport.platforms.threads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.Lookup;
import dev.rapport.platforms.MediaItem;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import dev.rapport.platforms.SeenEngagement;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import dev.rapport.platforms.graph.FakeHttp;
import dev.rapport.platforms.graph.GraphFake;
import dev.rapport.platforms.graph.GraphSettings;
import dev.rapport.platforms.graph.MemoryAccount;
import dev.rapport.workspace.Platform;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Threads specifics: container states, publishing limits, tokens, rate limits, conversations. */
class ThreadsConnectorTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  private final FakeThreads fake = new FakeThreads();
  private final FakeHttp server = new FakeHttp(fake);
  private final GraphSettings settings =
      GraphSettings.defaults(FakeThreads.VERSION).withPolling(Duration.ofMillis(5), 10);
  private ThreadsConnector connector =
      new ThreadsConnector(settings, OutboundPolicy.ANY_HOST, Clock.fixed(NOW, ZoneOffset.UTC));
  private MemoryAccount account = account(Map.of("access_token", "th-token-1"));
  private long variant = 1;

  {
    fake.now = NOW;
  }

  @AfterEach
  void close() {
    assertThat(server.violations()).isEmpty();
    server.close();
  }

  private MemoryAccount account(Map<String, String> secrets) {
    return new MemoryAccount(
        Platform.THREADS, server.base(), FakeThreads.BRAND_ID, FakeThreads.BRAND_HANDLE, secrets);
  }

  private Outgoing post(String text, List<MediaItem> media, Outgoing.ReplyTarget replyTo) {
    long v = variant++;
    return new Outgoing(v, "rapport-variant-" + v, text, media, replyTo, NOW);
  }

  @Test
  void waitsForTheContainerThenPublishesWithTheDocumentedParameters() {
    fake.nextStatuses.addAll(List.of("IN_PROGRESS", "FINISHED"));
    MediaItem image =
        new MediaItem(
            MediaKind.IMAGE,
            "image/png",
            "menu.png",
            null,
            URI.create("https://media.rapport.example/menu.png"),
            "The winter menu",
            800,
            1000);
    PublishResult result = connector.publish(account, post("Winter menu.", List.of(image), null));

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    FakeHttp.Request create = server.requests("POST", "/threads").get(0);
    assertThat(create.path()).isEqualTo("/v1.0/" + FakeThreads.BRAND_ID + "/threads");
    assertThat(create.param("media_type")).isEqualTo("IMAGE");
    assertThat(create.param("image_url")).isEqualTo("https://media.rapport.example/menu.png");
    assertThat(create.param("alt_text")).isEqualTo("The winter menu");
    assertThat(create.param("text")).isEqualTo("Winter menu.");
    String container = fake.containers.keySet().iterator().next();
    assertThat(server.requests("GET", "/" + container)).hasSize(2);
    assertThat(server.requests("POST", "/threads_publish").get(0).param("creation_id"))
        .isEqualTo(container);
  }

  @Test
  void aContainerInErrorIsRejectedWithThreadsErrorMessage() {
    fake.nextStatuses.addAll(List.of("IN_PROGRESS", "ERROR"));
    PublishResult result = connector.publish(account, post("Broken.", List.of(), null));
    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(((PublishResult.Rejected) result).message()).contains("FAILED_DOWNLOADING_VIDEO");
    assertThat(server.requests("POST", "/threads_publish")).isEmpty();
  }

  @Test
  void anExpiredContainerIsRetryable() {
    fake.nextStatuses.add("EXPIRED");
    assertThat(connector.publish(account, post("Late.", List.of(), null)))
        .isInstanceOf(PublishResult.Retryable.class);
    assertThat(server.requests("POST", "/threads_publish")).isEmpty();
  }

  @Test
  void aFullPublishingLimitIsRetryableWhenTheOldestPostIsADayOld() {
    fake.quotaUsage = 250;
    fake.posts.put(
        "old",
        new FakeThreads.Post(
            "old",
            FakeThreads.BRAND_HANDLE,
            "old",
            List.of(),
            null,
            NOW.minus(Duration.ofHours(21))));
    PublishResult result = connector.publish(account, post("One more.", List.of(), null));
    assertThat(result).isInstanceOf(PublishResult.Retryable.class);
    assertThat(((PublishResult.Retryable) result).retryAfter()).isEqualTo(Duration.ofHours(3));
    assertThat(((PublishResult.Retryable) result).message()).contains("250 posts");
    assertThat(server.requests("POST", "/threads")).isEmpty();
    assertThat(server.requests("GET", "/threads_publishing_limit").get(0).param("fields"))
        .contains("quota_usage", "reply_quota_usage");
  }

  @Test
  void repliesCountAgainstTheReplyLimitNotThePostLimit() {
    fake.quotaUsage = 250;
    String root = fake.addFanReply(null, "A question for you");
    PublishResult result =
        connector.publish(
            account, post("Here's the answer.", List.of(), new Outgoing.ReplyTarget(root, root)));
    assertThat(result).isInstanceOf(PublishResult.Published.class);
    assertThat(server.requests("POST", "/threads").get(0).param("reply_to_id")).isEqualTo(root);
    fake.replyQuotaUsage = 1000;
    assertThat(
            connector.publish(
                account, post("Another.", List.of(), new Outgoing.ReplyTarget(root, root))))
        .isInstanceOf(PublishResult.Retryable.class);
  }

  @Test
  void refusesTextOverFiveHundredCharactersBeforeCallingThreads() {
    PublishResult result = connector.publish(account, post("x".repeat(501), List.of(), null));
    assertThat(result)
        .isEqualTo(
            new PublishResult.Rejected(
                "Threads refused the text: 501 characters, the limit is 500",
                "Shorten the text by 1 characters, or split it into a thread",
                false));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void refreshesTheTokenWithThRefreshToken() {
    account =
        account(
            Map.of(
                "access_token",
                "th-token-1",
                "expires_at",
                NOW.plus(Duration.ofDays(3)).toString()));
    assertThat(connector.publish(account, post("Fresh token.", List.of(), null)))
        .isInstanceOf(PublishResult.Published.class);
    FakeHttp.Request refresh = server.requests("GET", "/refresh_access_token").get(0);
    assertThat(refresh.param("grant_type")).isEqualTo("th_refresh_token");
    assertThat(account.secret("access_token")).isNotEqualTo("th-token-1");
    assertThat(account.secret("expires_at")).isEqualTo(NOW.plusSeconds(5183944).toString());
  }

  @Test
  void anExpiredTokenIsReconnectNeededEverywhere() {
    fake.expiredTokens.add("th-token-1");
    PublishResult result = connector.publish(account, post("Expired.", List.of(), null));
    assertThat(((PublishResult.Rejected) result).reconnect()).isTrue();
    assertThat(account.reconnectReason()).contains("expired");
    assertThat(connector.find(account, post("x", List.of(), null)))
        .isInstanceOf(Lookup.CannotTell.class);
  }

  @Test
  void aRateLimitIsRetryableWithRetryAfter() {
    fake.nextPublishAnswers.add(
        GraphFake.error(
                400,
                "(#613) Calls to this api have exceeded the rate limit.",
                "OAuthException",
                613,
                0)
            .header("Retry-After", "120"));
    PublishResult result = connector.publish(account, post("Too fast.", List.of(), null));
    assertThat(result)
        .isEqualTo(
            new PublishResult.Retryable(
                "Threads rate limit reached: (#613) Calls to this api have exceeded the rate limit.",
                Duration.ofSeconds(120)));
  }

  @Test
  void aLostAnswerFromThreadsPublishIsUnknownAndTheLookupFindsThePost() {
    connector =
        new ThreadsConnector(
            settings.withRequestTimeout(Duration.ofMillis(400)),
            OutboundPolicy.ANY_HOST,
            Clock.fixed(NOW, ZoneOffset.UTC));
    server.stallAfterProcessing("/threads_publish", Duration.ofMillis(1500));
    Outgoing post = post("Did it go out?", List.of(), null);
    assertThat(connector.publish(account, post)).isInstanceOf(PublishResult.Unknown.class);
    assertThat(connector.find(account, post)).isInstanceOf(Lookup.Found.class);
  }

  @Test
  void readsTheWholeConversationByUsernameWithoutTheBrandsOwnReplies() {
    PublishResult.Published root =
        (PublishResult.Published)
            connector.publish(account, post("Ask us anything.", List.of(), null));
    String fan = fake.addFanReply(root.platformPostId(), "Do you deliver?");
    connector.publish(
        account,
        post("Yes, within 5 km.", List.of(), new Outgoing.ReplyTarget(fan, root.platformPostId())));
    fake.addFanReply(fan, "Great, thanks!");

    SyncPage page =
        connector.engagement(account, new SyncRequest(null, List.of(root.platformPostId()), 50));
    assertThat(page.failure()).isNull();
    assertThat(page.engagements()).hasSize(2);
    assertThat(page.engagements())
        .extracting(e -> e.who().platformUserId())
        .containsOnly(FakeThreads.FAN_HANDLE);
    assertThat(page.engagements())
        .extracting(SeenEngagement::platformPostId)
        .containsOnly(root.platformPostId());
    assertThat(server.requests("GET", "/conversation").get(0).param("fields"))
        .contains("username", "timestamp");
  }
}
