package dev.rapport.platforms.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.platforms.FollowerPage;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import dev.rapport.platforms.SeenAccount;
import dev.rapport.platforms.SeenEngagement;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bluesky specifics beyond the shared contract, against the real PDS and AppView. */
@ExtendWith(BlueskyNetwork.class)
class BlueskyConnectorTest {

  static BlueskyNetwork.Running net;
  static BlueskyNetwork.TestAccount brand;
  static BlueskyNetwork.TestAccount human;
  static String appPassword;
  static BlueskySide side;
  final BlueskyConnector connector =
      new BlueskyConnector(OutboundPolicy.ANY_HOST, Clock.systemUTC());

  @BeforeAll
  static void accounts() {
    net = BlueskyNetwork.network();
    brand = net.createAccount("shop");
    human = net.createAccount("ben");
    appPassword = net.appPassword(brand);
    side = new BlueskySide(net, brand, human);
  }

  MemoryAccount account() {
    return new MemoryAccount(
        net.pds(), brand.did(), brand.handle(), Map.of(BlueskyConnector.APP_PASSWORD, appPassword));
  }

  static Outgoing post(String text, Outgoing.ReplyTarget replyTo) {
    return new Outgoing(
        7, "variant-" + BlueskyNetwork.letters(10), text, List.of(), replyTo, Instant.now());
  }

  static String published(PublishResult r) {
    assertThat(r).isInstanceOf(PublishResult.Published.class);
    return ((PublishResult.Published) r).platformPostId();
  }

  /** A JWT-shaped token the PDS cannot verify, with the given expiry. */
  static String fakeJwt(long exp) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"ES256K\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(
            ("{\"sub\":\"" + brand.did() + "\",\"exp\":" + exp + "}")
                .getBytes(StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJl";
  }

  @Test
  void anExpiredAccessTokenIsRefreshedAndTheNewTokensAreStored() {
    MemoryAccount account = account();
    published(connector.publish(account, post("Logging in " + BlueskyNetwork.letters(6), null)));
    assertThat(account.secretUpdates).as("createSession stored its tokens").isEqualTo(1);
    String refresh = account.secret("refreshJwt");
    String expired = fakeJwt(Instant.now().minusSeconds(5).getEpochSecond());
    account.secrets.put("accessJwt", expired);

    published(connector.publish(account, post("After expiry " + BlueskyNetwork.letters(6), null)));
    assertThat(account.secretUpdates).isEqualTo(2);
    assertThat(account.secret("accessJwt")).isNotEqualTo(expired);
    assertThat(account.secret("refreshJwt")).as("refreshSession rotates it").isNotEqualTo(refresh);
    assertThat(account.reconnectReason).isNull();
  }

  @Test
  void aTokenTheServerRefusesIsRenewedAndTheCallRepeated() {
    MemoryAccount account = account();
    String bogus = fakeJwt(Instant.now().plusSeconds(3600).getEpochSecond());
    account.secrets.putAll(Map.of("accessJwt", bogus, "refreshJwt", bogus, "did", brand.did()));
    String uri =
        published(connector.publish(account, post("Renewed " + BlueskyNetwork.letters(6), null)));
    assertThat(side.record(uri).path("value").path("text").asText()).startsWith("Renewed ");
    assertThat(account.secret("accessJwt")).isNotEqualTo(bogus);
  }

  @Test
  void aRefusedAppPasswordAsksTheUserToReconnect() {
    MemoryAccount account =
        new MemoryAccount(
            net.pds(),
            brand.did(),
            brand.handle(),
            Map.of(BlueskyConnector.APP_PASSWORD, "aaaa-bbbb-cccc-dddd"));
    PublishResult r = connector.publish(account, post("Never " + BlueskyNetwork.letters(6), null));
    assertThat(r).isInstanceOf(PublishResult.Rejected.class);
    assertThat(((PublishResult.Rejected) r).reconnect()).isTrue();
    assertThat(((PublishResult.Rejected) r).action()).contains("app password");
    assertThat(account.reconnectReason).contains("refused the app password");

    SyncPage page = connector.engagement(account, new SyncRequest(null, List.of(), 10));
    assertThat(page.failure()).isNotNull();
    assertThat(page.failure().reconnect()).isTrue();
  }

  @Test
  void linksMentionsAndTagsBecomeFacetsWithUtf8ByteOffsets() {
    String link = "https://example.com/menu?day=1";
    String text =
        "Café ☕🇫🇷 today: " + link + ". Thanks @" + human.handle() + " and @nobody.test #coffee!";
    String uri = published(connector.publish(account(), post(text, null)));
    JsonNode record = side.record(uri).path("value");
    byte[] bytes = record.path("text").asText().getBytes(StandardCharsets.UTF_8);
    List<String> spans = new ArrayList<>();
    List<String> features = new ArrayList<>();
    for (JsonNode f : record.path("facets")) {
      int start = f.path("index").path("byteStart").asInt();
      int end = f.path("index").path("byteEnd").asInt();
      spans.add(new String(Arrays.copyOfRange(bytes, start, end), StandardCharsets.UTF_8));
      JsonNode feature = f.path("features").get(0);
      features.add(
          feature.path("$type").asText()
              + " "
              + feature
                  .path(feature.has("uri") ? "uri" : feature.has("did") ? "did" : "tag")
                  .asText());
    }
    assertThat(spans).containsExactly(link, "@" + human.handle(), "#coffee");
    assertThat(features)
        .containsExactly(
            "app.bsky.richtext.facet#link " + link,
            "app.bsky.richtext.facet#mention " + human.did(),
            "app.bsky.richtext.facet#tag coffee");
  }

  @Test
  void aThreadKeepsItsRootWhenEachPartAnswersThePreviousOne() {
    MemoryAccount account = account();
    String first =
        published(connector.publish(account, post("1/3 " + BlueskyNetwork.letters(5), null)));
    String second =
        published(
            connector.publish(
                account,
                post("2/3 " + BlueskyNetwork.letters(5), new Outgoing.ReplyTarget(first, first))));
    String third =
        published(
            connector.publish(
                account,
                post("3/3 " + BlueskyNetwork.letters(5), new Outgoing.ReplyTarget(second, null))));
    JsonNode reply = side.record(third).path("value").path("reply");
    assertThat(reply.path("parent").path("uri").asText()).isEqualTo(second);
    assertThat(reply.path("root").path("uri").asText()).isEqualTo(first);
    assertThat(reply.path("root").path("cid").asText()).isNotBlank();
  }

  @Test
  void followersComeWithTheCountsAnAuditNeeds() throws InterruptedException {
    side.create(human, "app.bsky.graph.follow", Map.of("subject", brand.did()));
    MemoryAccount account = account();
    SeenAccount found = null;
    Instant deadline = Instant.now().plusSeconds(10);
    while (found == null && Instant.now().isBefore(deadline)) {
      FollowerPage page = connector.followers(account, null);
      assertThat(page.failure()).isNull();
      found =
          page.followers().stream()
              .filter(a -> a.platformUserId().equals(human.did()))
              .findFirst()
              .orElse(null);
      if (found == null) {
        Thread.sleep(200);
      }
    }
    assertThat(found).isNotNull();
    assertThat(found.handle()).isEqualTo(human.handle());
    assertThat(found.profile().followingCount()).isGreaterThanOrEqualTo(1L);
    assertThat(found.profile().postsCount()).isNotNull();
    assertThat(found.profile().followersCount()).isNotNull();
    assertThat(found.profile().defaultAvatar()).isTrue();
  }

  @Test
  void quotesMentionsAndFollowsArriveWithTheirRecordUris() throws InterruptedException {
    BlueskyNetwork.TestAccount cleo = net.createAccount("cleo");
    MemoryAccount account = account();
    String post =
        published(connector.publish(account, post("Quote me " + BlueskyNetwork.letters(5), null)));
    String cid = side.record(post).path("cid").asText();
    String quote =
        side.create(
            cleo,
            "app.bsky.feed.post",
            Map.of(
                "text",
                "So true",
                "embed",
                Map.of(
                    "$type", "app.bsky.embed.record", "record", Map.of("uri", post, "cid", cid))));
    String mentionText = "Ask @" + brand.handle() + " about it";
    int start = mentionText.indexOf('@');
    String mention =
        side.create(
            cleo,
            "app.bsky.feed.post",
            Map.of(
                "text",
                mentionText,
                "facets",
                List.of(
                    Map.of(
                        "index",
                        Map.of("byteStart", start, "byteEnd", mentionText.length()),
                        "features",
                        List.of(
                            Map.of(
                                "$type",
                                "app.bsky.richtext.facet#mention",
                                "did",
                                brand.did()))))));
    String follow = side.create(cleo, "app.bsky.graph.follow", Map.of("subject", brand.did()));

    Map<EngagementKind, SeenEngagement> seen = new java.util.EnumMap<>(EngagementKind.class);
    Instant deadline = Instant.now().plusSeconds(15);
    String cursor = null;
    while (seen.size() < 3 && Instant.now().isBefore(deadline)) {
      SyncPage page = connector.engagement(account, new SyncRequest(cursor, List.of(post), 50));
      assertThat(page.failure()).isNull();
      page.engagements().stream()
          .filter(e -> e.who().platformUserId().equals(cleo.did()))
          .forEach(e -> seen.put(e.kind(), e));
      cursor = page.nextCursor();
      if (!page.more()) {
        Thread.sleep(200);
      }
    }
    assertThat(seen.get(EngagementKind.QUOTE).eventKey()).isEqualTo(quote);
    assertThat(seen.get(EngagementKind.QUOTE).platformPostId()).isEqualTo(post);
    assertThat(seen.get(EngagementKind.MENTION).eventKey()).isEqualTo(mention);
    assertThat(seen.get(EngagementKind.FOLLOW).eventKey()).isEqualTo(follow);
    assertThat(seen.get(EngagementKind.FOLLOW).who().handle()).isEqualTo(cleo.handle());
  }
}
