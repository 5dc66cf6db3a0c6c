package dev.rapport.platforms.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.engagement.EngagementKind;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Instagram specifics: container states, the publishing limit, pre-checks, tokens, limits. */
class InstagramConnectorTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  private final FakeInstagram fake = new FakeInstagram();
  private final FakeHttp server = new FakeHttp(fake);
  private final GraphSettings settings =
      GraphSettings.defaults(FakeInstagram.VERSION).withPolling(Duration.ofMillis(5), 10);
  private InstagramConnector connector =
      new InstagramConnector(settings, OutboundPolicy.ANY_HOST, Clock.fixed(NOW, ZoneOffset.UTC));
  private MemoryAccount account = account(Map.of("access_token", "ig-token-1"));
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
        Platform.INSTAGRAM,
        server.base(),
        FakeInstagram.BRAND_ID,
        FakeInstagram.BRAND_HANDLE,
        secrets);
  }

  private static MediaItem jpeg(String name, int width, int height, String alt) {
    return new MediaItem(
        MediaKind.IMAGE,
        "image/jpeg",
        name,
        null,
        URI.create("https://media.rapport.example/" + name),
        alt,
        width,
        height);
  }

  private Outgoing post(String text, List<MediaItem> media) {
    long v = variant++;
    return new Outgoing(v, "rapport-variant-" + v, text, media, null, NOW);
  }

  private Outgoing photo(String text) {
    return post(text, List.of(jpeg("bread.jpg", 1080, 1350, "A loaf of sourdough")));
  }

  @Test
  void pollsTheContainerUntilFinishedThenPublishes() {
    fake.nextStatuses.addAll(List.of("IN_PROGRESS", "IN_PROGRESS", "FINISHED"));
    PublishResult result = connector.publish(account, photo("Fresh bread at 7."));

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    PublishResult.Published published = (PublishResult.Published) result;
    assertThat(published.url())
        .isEqualTo("https://www.instagram.com/p/" + published.platformPostId() + "/");
    String container = fake.containers.keySet().iterator().next();
    assertThat(server.requests("GET", "/" + container)).hasSize(3);
    assertThat(server.requests("GET", "/" + container))
        .allSatisfy(r -> assertThat(r.param("fields")).contains("status_code"));
    FakeHttp.Request publish = server.requests("POST", "/media_publish").get(0);
    assertThat(publish.path()).isEqualTo("/v24.0/" + FakeInstagram.BRAND_ID + "/media_publish");
    assertThat(publish.param("creation_id")).isEqualTo(container);
    assertThat(publish.query())
        .as("the token travels in the body")
        .doesNotContainKey("access_token");
    FakeHttp.Request create = server.requests("POST", "/media").get(0);
    assertThat(create.param("image_url")).isEqualTo("https://media.rapport.example/bread.jpg");
    assertThat(create.param("caption")).isEqualTo("Fresh bread at 7.");
    assertThat(create.param("alt_text")).isEqualTo("A loaf of sourdough");
  }

  @Test
  void aContainerInErrorIsRejectedAndNeverPublished() {
    fake.nextStatuses.addAll(List.of("IN_PROGRESS", "ERROR"));
    PublishResult result = connector.publish(account, photo("Broken image."));

    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    PublishResult.Rejected rejected = (PublishResult.Rejected) result;
    assertThat(rejected.message()).contains("could not process the media").contains("2207052");
    assertThat(rejected.action()).contains("public");
    assertThat(rejected.reconnect()).isFalse();
    assertThat(server.requests("POST", "/media_publish")).isEmpty();
  }

  @Test
  void aContainerStillInProgressAfterEveryCheckIsRetryableAndNotPublished() {
    for (int i = 0; i < 20; i++) {
      fake.nextStatuses.add("IN_PROGRESS");
    }
    PublishResult result = connector.publish(account, photo("Slow video."));
    assertThat(result).isInstanceOf(PublishResult.Retryable.class);
    assertThat(((PublishResult.Retryable) result).message()).contains("still processing");
    assertThat(server.requests("POST", "/media_publish")).isEmpty();
  }

  @Test
  void aFullPublishingLimitIsRetryableWhenTheOldestPostLeavesTheWindow() {
    fake.quotaTotal = 100;
    fake.quotaUsage = 100;
    fake.media.put(
        "1", new FakeInstagram.Media("1", "old", List.of(), NOW.minus(Duration.ofHours(23))));
    fake.media.put(
        "2", new FakeInstagram.Media("2", "newer", List.of(), NOW.minus(Duration.ofHours(2))));
    fake.media.put(
        "3", new FakeInstagram.Media("3", "outside", List.of(), NOW.minus(Duration.ofHours(30))));

    PublishResult result = connector.publish(account, photo("One too many."));

    assertThat(result).isInstanceOf(PublishResult.Retryable.class);
    PublishResult.Retryable retry = (PublishResult.Retryable) result;
    assertThat(retry.retryAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(retry.message()).contains("publishing limit");
    assertThat(server.requests("GET", "/content_publishing_limit").get(0).param("fields"))
        .isEqualTo("quota_usage,config");
    assertThat(server.requests("POST", "/media")).as("no container is created").isEmpty();
  }

  @Test
  void theLimitReachedAtMediaPublishIsRetryableNotUnknown() {
    fake.media.put(
        "1", new FakeInstagram.Media("1", "old", List.of(), NOW.minus(Duration.ofHours(20))));
    fake.nextPublishAnswers.add(
        GraphFake.error(400, "Application request limit reached", "OAuthException", 9, 2207042));
    PublishResult result = connector.publish(account, photo("Raced the limit."));
    assertThat(result).isInstanceOf(PublishResult.Retryable.class);
    assertThat(((PublishResult.Retryable) result).retryAfter()).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void refusesAWideImageWithTheRatioInTheMessageBeforeCallingInstagram() {
    PublishResult result =
        connector.publish(
            account, post("Panorama.", List.of(jpeg("wide.jpg", 3000, 1000, "Hills"))));
    assertThat(result)
        .isEqualTo(
            new PublishResult.Rejected(
                "Instagram refused the image: aspect ratio 3:1 is outside 4:5–1.91:1",
                "Crop wide.jpg to at most 1.91:1 landscape (e.g. 1080×566)",
                false));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void refusesWhatInstagramWouldRefuseWithActions() {
    MediaItem png =
        new MediaItem(
            MediaKind.IMAGE,
            "image/png",
            "a.png",
            null,
            URI.create("https://m.example/a.png"),
            null,
            10,
            10);
    MediaItem notHosted =
        new MediaItem(MediaKind.IMAGE, "image/jpeg", "b.jpg", new byte[] {1}, null, null, 10, 10);
    List<MediaItem> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(jpeg("i" + i + ".jpg", 100, 100, null));
    }
    String hashtags = "#a ".repeat(31);

    assertThat(rejection(post("No media.", List.of()))).contains("needs an image or a video");
    assertThat(rejection(post("PNG.", List.of(png)))).contains("only JPEG");
    assertThat(rejection(post("Local file.", List.of(notHosted)))).contains("public URL");
    assertThat(rejection(post("Too many.", eleven))).contains("11 items, the limit is 10");
    assertThat(rejection(post(hashtags, List.of(jpeg("x.jpg", 10, 10, null)))))
        .contains("31 hashtags");
    assertThat(rejection(post("x".repeat(2201), List.of(jpeg("x.jpg", 10, 10, null)))))
        .contains("2201 characters");
    assertThat(rejection(post("Tall.", List.of(jpeg("tall.jpg", 1000, 2000, null)))))
        .isEqualTo("Instagram refused the image: aspect ratio 1:2 is outside 4:5–1.91:1");
    assertThat(server.requests()).isEmpty();
  }

  private String rejection(Outgoing post) {
    PublishResult result = connector.publish(account, post);
    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(((PublishResult.Rejected) result).action()).isNotBlank();
    return ((PublishResult.Rejected) result).message();
  }

  @Test
  void publishesACarouselWithEachImagesAltText() {
    PublishResult result =
        connector.publish(
            account,
            post(
                "Three loaves.",
                List.of(
                    jpeg("a.jpg", 1080, 1080, "Rye"),
                    jpeg("b.jpg", 1080, 1080, "Spelt"),
                    jpeg("c.jpg", 1080, 1080, "Wheat"))));
    assertThat(result).isInstanceOf(PublishResult.Published.class);
    String id = ((PublishResult.Published) result).platformPostId();
    assertThat(fake.media.get(id).altTexts()).containsExactly("Rye", "Spelt", "Wheat");
    List<FakeHttp.Request> creates = server.requests("POST", "/media");
    assertThat(creates).hasSize(4);
    assertThat(creates.subList(0, 3))
        .allSatisfy(r -> assertThat(r.param("is_carousel_item")).isEqualTo("true"));
    assertThat(creates.get(3).param("media_type")).isEqualTo("CAROUSEL");
    assertThat(creates.get(3).param("children").split(",")).hasSize(3);
  }

  @Test
  void mediaThatInstagramCannotFetchIsRejectedWithAnAction() {
    MediaItem bad =
        new MediaItem(
            MediaKind.IMAGE,
            "image/jpeg",
            "x.jpg",
            null,
            URI.create("https://unreachable.example/x.jpg"),
            null,
            10,
            10);
    PublishResult result = connector.publish(account, post("Bad URL.", List.of(bad)));
    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(((PublishResult.Rejected) result).message()).contains("could not fetch the media");
  }

  @Test
  void refreshesALongLivedTokenThatExpiresSoonAndKeepsTheNewOne() {
    account =
        account(
            Map.of(
                "access_token",
                "ig-token-1",
                "expires_at",
                NOW.plus(Duration.ofDays(2)).toString()));
    PublishResult result = connector.publish(account, photo("After refresh."));
    assertThat(result).isInstanceOf(PublishResult.Published.class);

    FakeHttp.Request refresh = server.requests("GET", "/refresh_access_token").get(0);
    assertThat(refresh.path()).isEqualTo("/refresh_access_token");
    assertThat(refresh.param("grant_type")).isEqualTo("ig_refresh_token");
    assertThat(refresh.param("access_token")).isEqualTo("ig-token-1");
    String fresh = account.secret("access_token");
    assertThat(fresh).isNotEqualTo("ig-token-1");
    assertThat(Instant.parse(account.secret("expires_at"))).isEqualTo(NOW.plusSeconds(5183944));
    assertThat(server.requests("POST", "/media_publish").get(0).param("access_token"))
        .isEqualTo(fresh);
    assertThat(account.reconnectReason()).isNull();
  }

  @Test
  void anExpiredTokenMeansReconnectNeeded() {
    fake.expiredTokens.add("ig-token-1");
    PublishResult result = connector.publish(account, photo("Expired."));
    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    PublishResult.Rejected rejected = (PublishResult.Rejected) result;
    assertThat(rejected.reconnect()).isTrue();
    assertThat(rejected.action()).contains("Reconnect");
    assertThat(account.reconnectReason()).contains("Session has expired");

    SyncPage page = connector.engagement(account, new SyncRequest(null, List.of("1"), 10));
    assertThat(page.failure().reconnect()).isTrue();
  }

  @Test
  void aTokenPastItsStoredExpiryIsNotSentAtAll() {
    account =
        account(Map.of("access_token", "ig-token-1", "expires_at", NOW.minusSeconds(1).toString()));
    PublishResult result = connector.publish(account, photo("Too late."));
    assertThat(((PublishResult.Rejected) result).reconnect()).isTrue();
    assertThat(account.reconnectReason()).contains("expired");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aRateLimitIsRetryableAfterTheTimeMetaEstimates() {
    fake.nextPublishAnswers.add(
        GraphFake.error(400, "(#4) Application request limit reached", "OAuthException", 4, 0)
            .header(
                "X-Business-Use-Case-Usage",
                "{\"1234\":[{\"type\":\"instagram\",\"call_count\":100,\"total_cputime\":25,"
                    + "\"total_time\":25,\"estimated_time_to_regain_access\":17}]}"));
    PublishResult result = connector.publish(account, photo("Rate limited."));
    assertThat(result).isInstanceOf(PublishResult.Retryable.class);
    assertThat(((PublishResult.Retryable) result).retryAfter()).isEqualTo(Duration.ofMinutes(17));
  }

  @Test
  void aServerFailureAtMediaPublishIsUnknown() {
    fake.nextPublishAnswers.add(
        GraphFake.error(
            500,
            "An unexpected error has occurred. Please retry your request later.",
            "OAuthException",
            2,
            0));
    assertThat(connector.publish(account, photo("Maybe.")))
        .isInstanceOf(PublishResult.Unknown.class);
  }

  @Test
  void aTimeoutAfterMediaPublishIsUnknownAndFindFindsThePost() {
    connector =
        new InstagramConnector(
            settings.withRequestTimeout(Duration.ofMillis(400)),
            OutboundPolicy.ANY_HOST,
            Clock.fixed(NOW, ZoneOffset.UTC));
    server.stallAfterProcessing("/media_publish", Duration.ofMillis(1500));
    Outgoing post = photo("Published but the answer was lost.");
    assertThat(connector.publish(account, post)).isInstanceOf(PublishResult.Unknown.class);

    Lookup found = connector.find(account, post);
    assertThat(found).isInstanceOf(Lookup.Found.class);
    assertThat(fake.media).containsKey(((Lookup.Found) found).post().platformPostId());
  }

  @Test
  void theDefaultPolicyRefusesALoopbackServiceWithoutCallingIt() {
    InstagramConnector strict =
        new InstagramConnector(
            settings, OutboundPolicy.PUBLIC_ONLY, Clock.fixed(NOW, ZoneOffset.UTC));
    PublishResult result = strict.publish(account, photo("Not to localhost."));
    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void readsCommentsAndRepliesPageByPageWithTheCommentersIdentity() {
    fake.media.put("m1", new FakeInstagram.Media("m1", "a", List.of(), NOW));
    fake.media.put("m2", new FakeInstagram.Media("m2", "b", List.of(), NOW));
    String c1 = fake.addFanComment("m1", null, "Love it");
    fake.addFanComment("m1", c1, "Me too");
    fake.addFanComment("m2", null, "When do you open?");
    connector.publish(
        account,
        new Outgoing(99, "k", "Thanks!", List.of(), new Outgoing.ReplyTarget(c1, "m1"), NOW));

    List<SeenEngagement> all = new ArrayList<>();
    String cursor = null;
    Map<String, Integer> pages = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      SyncPage page =
          connector.engagement(account, new SyncRequest(cursor, List.of("m1", "m2"), 1));
      assertThat(page.failure()).isNull();
      assertThat(page.engagements()).hasSizeLessThanOrEqualTo(1);
      all.addAll(page.engagements());
      pages.merge("n", 1, Integer::sum);
      cursor = page.nextCursor();
      if (!page.more()) {
        break;
      }
    }
    assertThat(cursor).isNull();
    assertThat(all).extracting(SeenEngagement::kind).containsOnly(EngagementKind.REPLY);
    assertThat(all).extracting(e -> e.who().platformUserId()).containsOnly(FakeInstagram.FAN_ID);
    assertThat(all).extracting(e -> e.who().handle()).containsOnly(FakeInstagram.FAN_HANDLE);
    assertThat(all)
        .extracting(SeenEngagement::platformPostId)
        .containsExactlyInAnyOrder("m1", "m1", "m2");
    assertThat(all).extracting(SeenEngagement::eventKey).doesNotHaveDuplicates();
    assertThat(all).allSatisfy(e -> assertThat(e.occurredAt()).isEqualTo(NOW));
  }

  @Test
  void aSingleVideoIsPublishedAsAReel() {
    MediaItem video =
        new MediaItem(
            MediaKind.VIDEO,
            "video/mp4",
            "oven.mp4",
            null,
            URI.create("https://media.rapport.example/oven.mp4"),
            null,
            1080,
            1920);
    fake.nextStatuses.addAll(List.of("IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "FINISHED"));
    assertThat(connector.publish(account, post("Oven tour.", List.of(video))))
        .isInstanceOf(PublishResult.Published.class);
    FakeHttp.Request create = server.requests("POST", "/media").get(0);
    assertThat(create.param("media_type")).isEqualTo("REELS");
    assertThat(create.param("video_url")).isEqualTo("https://media.rapport.example/oven.mp4");
  }

  @Test
  void aRateLimitedEngagementReadIsAFailureWithRetryAfterAndKeepsTheCursor() {
    fake.media.put("m1", new FakeInstagram.Media("m1", "a", List.of(), NOW));
    server.answerNext(
        "GET",
        "/m1/comments",
        GraphFake.error(400, "(#17) User request limit reached", "OAuthException", 17, 0)
            .header("Retry-After", "600"));
    SyncPage page =
        connector.engagement(account, new SyncRequest("post=m1&after=&skip=0", List.of("m1"), 10));
    assertThat(page.engagements()).isEmpty();
    assertThat(page.failure().reconnect()).isFalse();
    assertThat(page.failure().retryAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(page.nextCursor()).isEqualTo("post=m1&after=&skip=0");
    assertThat(connector.find(account, photo("x"))).isInstanceOf(Lookup.NotFound.class);
  }

  @Test
  void withFacebookLoginTheUserTokenIsExchangedWithTheAppsCredentials() {
    connector =
        new InstagramConnector(
            settings.withApp("meta-app", "meta-secret"),
            OutboundPolicy.ANY_HOST,
            Clock.fixed(NOW, ZoneOffset.UTC));
    account =
        account(
            Map.of(
                "access_token", "ig-token-1",
                "expires_at", NOW.plus(Duration.ofDays(3)).toString(),
                "login", "facebook"));
    assertThat(connector.publish(account, photo("Via Facebook Login.")))
        .isInstanceOf(PublishResult.Published.class);
    FakeHttp.Request exchange = server.requests("GET", "/oauth/access_token").get(0);
    assertThat(exchange.path()).isEqualTo("/v24.0/oauth/access_token");
    assertThat(exchange.param("client_id")).isEqualTo("meta-app");
    assertThat(exchange.param("fb_exchange_token")).isEqualTo("ig-token-1");
    assertThat(server.requests("GET", "/refresh_access_token")).isEmpty();
    assertThat(account.secret("access_token")).startsWith("fb-user-token-");
  }
}
