package dev.rapport.platforms.linkedin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.rapport.platforms.graph.MemoryAccount;
import dev.rapport.workspace.Platform;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LinkedIn specifics: headers, little text, images, tokens, statuses, engagement paging. */
class LinkedInConnectorTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  private final FakeLinkedIn fake = new FakeLinkedIn();
  private final FakeHttp server = new FakeHttp(fake);
  private final LinkedInSettings settings =
      LinkedInSettings.defaults("client-1", "secret-1").withOauthBase(server.base());
  private LinkedInConnector connector =
      new LinkedInConnector(settings, OutboundPolicy.ANY_HOST, Clock.fixed(NOW, ZoneOffset.UTC));
  private MemoryAccount account = account(Map.of("access_token", "li-token-1"));
  private long variant = 1;

  {
    fake.base = server.base().toString();
    fake.now = NOW;
  }

  @AfterEach
  void close() {
    assertThat(server.violations()).isEmpty();
    server.close();
  }

  private MemoryAccount account(Map<String, String> secrets) {
    return new MemoryAccount(
        Platform.LINKEDIN, server.base(), FakeLinkedIn.ORG, "rapport-bakery", secrets);
  }

  private Outgoing post(String text, List<MediaItem> media) {
    long v = variant++;
    return new Outgoing(v, "rapport-variant-" + v, text, media, null, NOW);
  }

  private static MediaItem png(String name, String alt) {
    return new MediaItem(
        MediaKind.IMAGE, "image/png", name, new byte[] {1, 2, 3, 4}, null, alt, 100, 100);
  }

  private static JsonNode json(FakeHttp.Request r) throws Exception {
    return FakeHttp.JSON.readTree(r.body());
  }

  @Test
  void postsAsTheOrganizationWithVersionedHeadersAndEscapedCommentary() throws Exception {
    String text = "Join us (Friday) for #bakery tours, 10% off_now @home";
    PublishResult result = connector.publish(account, post(text, List.of()));

    PublishResult.Published published = (PublishResult.Published) result;
    assertThat(published.platformPostId()).startsWith("urn:li:share:");
    assertThat(published.url())
        .isEqualTo("https://www.linkedin.com/feed/update/" + published.platformPostId() + "/");
    FakeHttp.Request request = server.requests("POST", "/rest/posts").get(0);
    assertThat(request.headers().getFirst("LinkedIn-Version")).isEqualTo("202510");
    assertThat(request.headers().getFirst("X-Restli-Protocol-Version")).isEqualTo("2.0.0");
    assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer li-token-1");
    JsonNode body = json(request);
    assertThat(body.path("author").asText()).isEqualTo(FakeLinkedIn.ORG);
    assertThat(body.path("commentary").asText())
        .isEqualTo("Join us \\(Friday\\) for {hashtag|\\#|bakery} tours, 10% off\\_now \\@home");
    assertThat(body.path("lifecycleState").asText()).isEqualTo("PUBLISHED");
    assertThat(body.path("visibility").asText()).isEqualTo("PUBLIC");
    assertThat(FakeLinkedIn.shown(fake.posts.get(published.platformPostId()).commentary()))
        .isEqualTo(text);
  }

  @Test
  void uploadsImagesAndAttachesThemWithAltText() throws Exception {
    PublishResult single =
        connector.publish(account, post("One.", List.of(png("a.png", "A croissant"))));
    PublishResult multi =
        connector.publish(
            account, post("Two.", List.of(png("b.png", "Rye"), png("c.png", "Spelt"))));

    assertThat(fake.posts.get(((PublishResult.Published) single).platformPostId()).altTexts())
        .containsExactly("A croissant");
    assertThat(fake.posts.get(((PublishResult.Published) multi).platformPostId()).altTexts())
        .containsExactly("Rye", "Spelt");
    FakeHttp.Request init = server.requests("POST", "/rest/images").get(0);
    assertThat(init.query()).containsEntry("action", "initializeUpload");
    assertThat(json(init).path("initializeUploadRequest").path("owner").asText())
        .isEqualTo(FakeLinkedIn.ORG);
    assertThat(server.requests().stream().filter(r -> r.method().equals("PUT")).toList())
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.body()).containsExactly(1, 2, 3, 4));
    JsonNode second = json(server.requests("POST", "/rest/posts").get(1));
    assertThat(second.path("content").path("multiImage").path("images")).hasSize(2);
  }

  @Test
  void refusesCommentaryOverThreeThousandCharacters() {
    PublishResult result = connector.publish(account, post("x".repeat(3001), List.of()));
    assertThat(((PublishResult.Rejected) result).message())
        .isEqualTo("LinkedIn refused the post: 3001 characters, the limit is 3000");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void refreshesTheAccessTokenWithTheRefreshTokenGrant() {
    account =
        account(
            Map.of(
                "access_token", "li-token-1",
                "expires_at", NOW.plus(Duration.ofDays(2)).toString(),
                "refresh_token", "li-refresh-1"));
    assertThat(connector.publish(account, post("Refreshed.", List.of())))
        .isInstanceOf(PublishResult.Published.class);
    FakeHttp.Request refresh = server.requests("POST", "/oauth/v2/accessToken").get(0);
    assertThat(refresh.param("grant_type")).isEqualTo("refresh_token");
    assertThat(refresh.param("refresh_token")).isEqualTo("li-refresh-1");
    assertThat(refresh.param("client_id")).isEqualTo("client-1");
    assertThat(account.secret("access_token")).startsWith("li-token-").isNotEqualTo("li-token-1");
    assertThat(account.secret("expires_at")).isEqualTo(NOW.plusSeconds(5184000).toString());
    assertThat(account.secret("refresh_token_expires_at"))
        .isEqualTo(NOW.plusSeconds(20000000).toString());
    assertThat(server.requests("POST", "/rest/posts").get(0).headers().getFirst("Authorization"))
        .isEqualTo("Bearer " + account.secret("access_token"));
  }

  @Test
  void aRevokedRefreshTokenOnAnExpiredAccessTokenMeansReconnect() {
    account =
        account(
            Map.of(
                "access_token", "li-token-1",
                "expires_at", NOW.minusSeconds(60).toString(),
                "refresh_token", "revoked"));
    PublishResult.Rejected rejected =
        (PublishResult.Rejected) connector.publish(account, post("No.", List.of()));
    assertThat(rejected.reconnect()).isTrue();
    assertThat(account.reconnectReason()).contains("invalid_grant");
    assertThat(server.requests("POST", "/rest/posts")).isEmpty();
  }

  @Test
  void anExpiredTokenWithoutRefreshTokenIsReconnectWithoutCallingLinkedIn() {
    account =
        account(Map.of("access_token", "li-token-1", "expires_at", NOW.minusSeconds(1).toString()));
    assertThat(
            ((PublishResult.Rejected) connector.publish(account, post("No.", List.of())))
                .reconnect())
        .isTrue();
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void classifiesLinkedInsDocumentedStatuses() {
    fake.validTokens.remove("li-token-1");
    PublishResult.Rejected unauthorized =
        (PublishResult.Rejected) connector.publish(account, post("401.", List.of()));
    assertThat(unauthorized.reconnect()).isTrue();
    assertThat(unauthorized.message()).contains("Invalid access token").contains("65600");
    fake.validTokens.add("li-token-1");

    fake.nextPostAnswers.add(
        FakeLinkedIn.error(422, "UNPROCESSABLE_ENTITY", 0, "ERROR :: /commentary :: bad"));
    PublishResult.Rejected invalid =
        (PublishResult.Rejected) connector.publish(account, post("422.", List.of()));
    assertThat(invalid.reconnect()).isFalse();
    assertThat(invalid.message()).contains("/commentary");

    fake.nextPostAnswers.add(
        FakeLinkedIn.error(
            429, "TOO_MANY_REQUESTS", 0, "Resource level throttle APPLICATION DAY limit reached"));
    PublishResult.Retryable daily =
        (PublishResult.Retryable) connector.publish(account, post("429.", List.of()));
    assertThat(daily.retryAfter()).as("until midnight UTC").isEqualTo(Duration.ofHours(12));

    fake.nextPostAnswers.add(
        FakeLinkedIn.error(429, "TOO_MANY_REQUESTS", 0, "Too many requests")
            .header("Retry-After", "30"));
    assertThat(
            ((PublishResult.Retryable) connector.publish(account, post("429b.", List.of())))
                .retryAfter())
        .isEqualTo(Duration.ofSeconds(30));

    fake.nextPostAnswers.add(
        FakeLinkedIn.error(500, "INTERNAL_SERVER_ERROR", 0, "Internal Server Error"));
    assertThat(connector.publish(account, post("500.", List.of())))
        .isInstanceOf(PublishResult.Unknown.class);
  }

  @Test
  void aLostAnswerIsUnknownAndTheAuthorFinderFindsThePost() {
    connector =
        new LinkedInConnector(
            settings.withRequestTimeout(Duration.ofMillis(400)),
            OutboundPolicy.ANY_HOST,
            Clock.fixed(NOW, ZoneOffset.UTC));
    server.stallAfterProcessing("/rest/posts", Duration.ofMillis(1500));
    Outgoing post = post("Lost (but #posted).", List.of());
    assertThat(connector.publish(account, post)).isInstanceOf(PublishResult.Unknown.class);
    Lookup found = connector.find(account, post);
    assertThat(found).isInstanceOf(Lookup.Found.class);
    FakeHttp.Request finder = server.requests("GET", "/rest/posts").get(0);
    assertThat(finder.query()).containsEntry("q", "author");
    assertThat(finder.headers().getFirst("X-RestLi-Method")).isEqualTo("FINDER");
    assertThat(connector.find(account, post("Never posted.", List.of())))
        .isInstanceOf(Lookup.NotFound.class);
  }

  @Test
  void readsCommentsRepliesAndLikesPageByPage() {
    String urn =
        ((PublishResult.Published) connector.publish(account, post("Hiring bakers.", List.of())))
            .platformPostId();
    String c1 = fake.add(urn, null, FakeLinkedIn.FAN, "Interested!");
    fake.add(urn, c1, "urn:li:person:222", "Me too");
    connector.publish(
        account,
        new Outgoing(77, "k77", "Please apply", List.of(), new Outgoing.ReplyTarget(c1, urn), NOW));
    fake.likes.add(new FakeLinkedIn.Like(urn, FakeLinkedIn.FAN, NOW));
    fake.likes.add(new FakeLinkedIn.Like(urn, "urn:li:organization:999", NOW));

    List<SeenEngagement> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      SyncPage page = connector.engagement(account, new SyncRequest(cursor, List.of(urn), 1));
      assertThat(page.failure()).isNull();
      assertThat(page.engagements()).hasSizeLessThanOrEqualTo(1);
      all.addAll(page.engagements());
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 20);

    assertThat(all)
        .filteredOn(e -> e.kind() == EngagementKind.REPLY)
        .extracting(e -> e.who().platformUserId())
        .containsExactlyInAnyOrder(FakeLinkedIn.FAN, "urn:li:person:222");
    assertThat(all)
        .filteredOn(e -> e.kind() == EngagementKind.LIKE)
        .extracting(e -> e.who().platformUserId())
        .containsExactlyInAnyOrder(FakeLinkedIn.FAN, "urn:li:organization:999");
    assertThat(all).extracting(SeenEngagement::eventKey).doesNotHaveDuplicates();
    assertThat(all).allSatisfy(e -> assertThat(e.occurredAt()).isEqualTo(NOW));
    FakeHttp.Request reply = server.requests("POST", "/comments").get(0);
    assertThat(reply.path())
        .isEqualTo(
            "/rest/socialActions/"
                + java.net.URLEncoder.encode(c1, java.nio.charset.StandardCharsets.UTF_8)
                + "/comments");
  }
}
