package dev.rapport.platforms.facebook;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Facebook Page specifics: photos and alt text, reactions, comments, failures and tokens. */
class FacebookConnectorTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  private final FakeFacebook fake = new FakeFacebook();
  private final FakeHttp server = new FakeHttp(fake);
  private final GraphSettings settings = GraphSettings.defaults(FakeFacebook.VERSION);
  private FacebookConnector connector =
      new FacebookConnector(settings, OutboundPolicy.ANY_HOST, Clock.fixed(NOW, ZoneOffset.UTC));
  private MemoryAccount account = account(Map.of("access_token", FakeFacebook.TOKEN));
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
        Platform.FACEBOOK, server.base(), FakeFacebook.PAGE_ID, "rapportbakery", secrets);
  }

  private Outgoing post(String text, List<MediaItem> media) {
    long v = variant++;
    return new Outgoing(v, "rapport-variant-" + v, text, media, null, NOW);
  }

  private static MediaItem hosted(String name, String alt) {
    return new MediaItem(
        MediaKind.IMAGE,
        "image/jpeg",
        name,
        null,
        URI.create("https://media.rapport.example/" + name),
        alt,
        1200,
        800);
  }

  @Test
  void aTextPostWithALinkGoesToTheFeedWithTheLink() {
    PublishResult result =
        connector.publish(
            account, post("Our new hours: https://rapport.example/hours.", List.of()));
    assertThat(result).isInstanceOf(PublishResult.Published.class);
    FakeHttp.Request feed = server.requests("POST", "/feed").get(0);
    assertThat(feed.path()).isEqualTo("/v24.0/" + FakeFacebook.PAGE_ID + "/feed");
    assertThat(feed.param("message")).isEqualTo("Our new hours: https://rapport.example/hours.");
    assertThat(feed.param("link")).isEqualTo("https://rapport.example/hours");
    assertThat(feed.param("access_token")).isEqualTo(FakeFacebook.TOKEN);
  }

  @Test
  void aHostedPhotoIsPostedByUrlWithCaptionAndAltText() {
    PublishResult.Published published =
        (PublishResult.Published)
            connector.publish(
                account, post("Saturday market.", List.of(hosted("stall.jpg", "Our stall"))));
    FakeHttp.Request photo = server.requests("POST", "/photos").get(0);
    assertThat(photo.param("url")).isEqualTo("https://media.rapport.example/stall.jpg");
    assertThat(photo.param("caption")).isEqualTo("Saturday market.");
    assertThat(photo.param("alt_text_custom")).isEqualTo("Our stall");
    assertThat(published.platformPostId()).startsWith(FakeFacebook.PAGE_ID + "_");
    assertThat(fake.posts.get(published.platformPostId()).altTexts()).containsExactly("Our stall");
  }

  @Test
  void severalPhotosAreUploadedUnpublishedThenAttachedToOnePost() {
    PublishResult result =
        connector.publish(
            account,
            post(
                "Three cakes.",
                List.of(
                    hosted("a.jpg", "Lemon"),
                    hosted("b.jpg", "Chocolate"),
                    hosted("c.jpg", "Carrot"))));
    String id = ((PublishResult.Published) result).platformPostId();
    assertThat(server.requests("POST", "/photos"))
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.param("published")).isEqualTo("false"));
    FakeHttp.Request feed = server.requests("POST", "/feed").get(0);
    assertThat(feed.param("attached_media[2]")).startsWith("{\"media_fbid\":\"");
    assertThat(fake.posts.get(id).altTexts()).containsExactly("Lemon", "Chocolate", "Carrot");
    assertThat(fake.posts).hasSize(1);
  }

  @Test
  void readsEveryReactionTypeAsALikeAndCommentsWithTheirAuthorsSkippingThePage() {
    PublishResult.Published post =
        (PublishResult.Published)
            connector.publish(account, post("Vote for the next bake.", List.of()));
    fake.reactions.add(new FakeFacebook.Reaction(post.platformPostId(), "1", "Ann", "LIKE"));
    fake.reactions.add(new FakeFacebook.Reaction(post.platformPostId(), "2", "Ben", "WOW"));
    fake.reactions.add(new FakeFacebook.Reaction(post.platformPostId(), "3", "Cat", "CARE"));
    String comment = fake.addFanComment(post.platformPostId(), "Cinnamon rolls!");
    connector.publish(
        account,
        new Outgoing(
            50,
            "k50",
            "Good choice",
            List.of(),
            new Outgoing.ReplyTarget(comment, post.platformPostId()),
            NOW));
    fake.addFanComment(comment, "Yes please");

    List<SeenEngagement> all = new ArrayList<>();
    String cursor = null;
    do {
      SyncPage page =
          connector.engagement(account, new SyncRequest(cursor, List.of(post.platformPostId()), 2));
      assertThat(page.failure()).isNull();
      assertThat(page.engagements()).hasSizeLessThanOrEqualTo(2);
      all.addAll(page.engagements());
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(all)
        .filteredOn(e -> e.kind() == EngagementKind.LIKE)
        .extracting(e -> e.who().displayName())
        .containsExactlyInAnyOrder("Ann", "Ben", "Cat");
    assertThat(all)
        .filteredOn(e -> e.kind() == EngagementKind.REPLY)
        .extracting(e -> e.who().platformUserId())
        .containsExactly(FakeFacebook.FAN_ID, FakeFacebook.FAN_ID);
    assertThat(all).extracting(SeenEngagement::eventKey).doesNotHaveDuplicates();
    assertThat(server.requests("GET", "/comments").get(0).param("filter")).isEqualTo("stream");
    assertThat(server.requests("GET", "/reactions").get(0).param("fields"))
        .isEqualTo("id,name,type");
  }

  @Test
  void anExpiredPageTokenIsReconnectNeeded() {
    fake.expiredTokens.add(FakeFacebook.TOKEN);
    PublishResult.Rejected rejected =
        (PublishResult.Rejected) connector.publish(account, post("Hello.", List.of()));
    assertThat(rejected.reconnect()).isTrue();
    assertThat(account.reconnectReason()).contains("Session has expired");
  }

  @Test
  void aMissingPermissionAsksForReconnectionWithThePermission() {
    fake.nextFeedAnswers.add(
        GraphFake.error(
            403,
            "(#200) The user hasn't authorized the application to perform this action",
            "OAuthException",
            200,
            0));
    PublishResult.Rejected rejected =
        (PublishResult.Rejected) connector.publish(account, post("Hello.", List.of()));
    assertThat(rejected.reconnect()).isTrue();
    assertThat(rejected.message()).contains("permission");
  }

  @Test
  void aPageRateLimitIsRetryableAfterMetasEstimate() {
    fake.nextFeedAnswers.add(
        GraphFake.error(400, "(#32) Page request limit reached", "OAuthException", 32, 0)
            .header(
                "X-Business-Use-Case-Usage",
                "{\""
                    + FakeFacebook.PAGE_ID
                    + "\":[{\"type\":\"pages\",\"call_count\":100,"
                    + "\"total_cputime\":10,\"total_time\":10,\"estimated_time_to_regain_access\":5}]}"));
    PublishResult result = connector.publish(account, post("Busy.", List.of()));
    assertThat(result).isInstanceOf(PublishResult.Retryable.class);
    assertThat(((PublishResult.Retryable) result).retryAfter()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aPolicyBlockIsRejectedWithoutReconnect() {
    fake.nextFeedAnswers.add(
        GraphFake.error(
            400,
            "It looks like you were misusing this feature by going too fast.",
            "OAuthException",
            368,
            1390008));
    PublishResult.Rejected rejected =
        (PublishResult.Rejected) connector.publish(account, post("Blocked.", List.of()));
    assertThat(rejected.reconnect()).isFalse();
    assertThat(rejected.message()).contains("temporarily blocked");
  }

  @Test
  void aServerErrorOrLostAnswerAtTheFeedIsUnknownAndFindTellsTheTruth() {
    fake.nextFeedAnswers.add(
        GraphFake.error(500, "An unknown error has occurred.", "OAuthException", 1, 0));
    assertThat(connector.publish(account, post("Maybe 1.", List.of())))
        .isInstanceOf(PublishResult.Unknown.class);
    Outgoing lost = post("Maybe 2.", List.of());
    assertThat(connector.find(account, lost)).isInstanceOf(Lookup.NotFound.class);

    connector =
        new FacebookConnector(
            settings.withRequestTimeout(Duration.ofMillis(400)),
            OutboundPolicy.ANY_HOST,
            Clock.fixed(NOW, ZoneOffset.UTC));
    server.stallAfterProcessing("/feed", Duration.ofMillis(1500));
    assertThat(connector.publish(account, lost)).isInstanceOf(PublishResult.Unknown.class);
    assertThat(connector.find(account, lost)).isInstanceOf(Lookup.Found.class);
  }

  @Test
  void aUserTokenNearExpiryIsExchangedWhenTheAppIsConfigured() {
    connector =
        new FacebookConnector(
            settings.withApp("app-1", "secret-1"),
            OutboundPolicy.ANY_HOST,
            Clock.fixed(NOW, ZoneOffset.UTC));
    account =
        account(
            Map.of(
                "access_token",
                FakeFacebook.TOKEN,
                "expires_at",
                NOW.plus(Duration.ofDays(1)).toString()));
    assertThat(connector.publish(account, post("Exchanged.", List.of())))
        .isInstanceOf(PublishResult.Published.class);
    FakeHttp.Request exchange = server.requests("GET", "/oauth/access_token").get(0);
    assertThat(exchange.param("grant_type")).isEqualTo("fb_exchange_token");
    assertThat(exchange.param("client_id")).isEqualTo("app-1");
    assertThat(account.secret("access_token")).startsWith("user-token-");
    assertThat(server.requests("POST", "/feed").get(0).param("access_token"))
        .startsWith("user-token-");
  }
}
