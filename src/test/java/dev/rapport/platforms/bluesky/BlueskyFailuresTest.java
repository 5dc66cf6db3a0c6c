package dev.rapport.platforms.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.platforms.Lookup;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a publish can fail, against a local PDS that misbehaves on demand: each ends as the
 * PublishResult the dispatcher can act on, and none publishes twice.
 */
class BlueskyFailuresTest {

  FakePds pds;
  BlueskyConnector connector;

  @BeforeEach
  void start() throws Exception {
    pds = new FakePds();
    connector =
        new BlueskyConnector(
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
            OutboundPolicy.ANY_HOST,
            Clock.systemUTC(),
            Duration.ofMillis(800));
  }

  @AfterEach
  void stop() {
    pds.close();
  }

  MemoryAccount account() {
    return account(pds.uri());
  }

  static MemoryAccount account(URI service) {
    return new MemoryAccount(
        service,
        FakePds.DID,
        "brand.test",
        Map.of(BlueskyConnector.APP_PASSWORD, "good-app-password"));
  }

  static Outgoing post(String key) {
    return new Outgoing(
        1,
        key,
        "Opening hours change on Monday",
        List.of(),
        null,
        Instant.parse("2026-11-26T09:00:00Z"));
  }

  @Test
  void aRateLimitIsRetryableWithTheResetTime() {
    pds.createMode = FakePds.Mode.RATE_LIMITED;
    PublishResult r = connector.publish(account(), post("k-rate"));
    assertThat(r).isInstanceOf(PublishResult.Retryable.class);
    Duration after = ((PublishResult.Retryable) r).retryAfter();
    assertThat(after).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31));
    assertThat(pds.records).isEmpty();
  }

  @Test
  void aServerErrorWithNothingStoredIsRetryableAndTheRetryPublishesOnce() {
    pds.createMode = FakePds.Mode.FAIL_500;
    assertThat(connector.publish(account(), post("k-500")))
        .isInstanceOf(PublishResult.Retryable.class);
    pds.createMode = FakePds.Mode.OK;
    assertThat(connector.publish(account(), post("k-500")))
        .isInstanceOf(PublishResult.Published.class);
    assertThat(pds.records).hasSize(1);
  }

  @Test
  void aServerErrorAfterTheWriteIsRecognisedAsPublished() {
    pds.createMode = FakePds.Mode.STORE_THEN_500;
    PublishResult r = connector.publish(account(), post("k-stored"));
    assertThat(r).isInstanceOf(PublishResult.Published.class);
    assertThat(((PublishResult.Published) r).platformPostId())
        .isEqualTo(pds.records.values().iterator().next().path("uri").asText());
  }

  @Test
  void aTimeoutAfterSendingIsUnknownAndFindSettlesIt() {
    pds.createMode = FakePds.Mode.STORE_THEN_SLOW;
    Outgoing post = post("k-slow");
    assertThat(connector.publish(account(), post)).isInstanceOf(PublishResult.Unknown.class);
    pds.createMode = FakePds.Mode.OK;
    Lookup found = connector.find(account(), post);
    assertThat(found).isInstanceOf(Lookup.Found.class);
    // A blind retry would not duplicate either: the record key is taken.
    assertThat(connector.publish(account(), post)).isInstanceOf(PublishResult.Published.class);
    assertThat(pds.records).hasSize(1);
  }

  @Test
  void aDroppedConnectionIsUnknownAndFindSaysNothingWasStored() {
    pds.createMode = FakePds.Mode.DROP;
    Outgoing post = post("k-drop");
    PublishResult r = connector.publish(account(), post);
    assertThat(r).isInstanceOf(PublishResult.Unknown.class);
    assertThat(((PublishResult.Unknown) r).message()).isNotBlank();
    assertThat(connector.find(account(), post)).isInstanceOf(Lookup.NotFound.class);
  }

  @Test
  void aRefusedConnectionIsRetryable() throws Exception {
    int closed = BlueskyNetwork.freePort();
    PublishResult r =
        connector.publish(account(URI.create("http://127.0.0.1:" + closed)), post("k-refused"));
    assertThat(r).isInstanceOf(PublishResult.Retryable.class);
    assertThat(connector.find(account(URI.create("http://127.0.0.1:" + closed)), post("k-refused")))
        .isInstanceOf(Lookup.CannotTell.class);
  }

  @Test
  void anInvalidPostIsRejectedWithWhatToDo() {
    pds.createMode = FakePds.Mode.INVALID;
    PublishResult r = connector.publish(account(), post("k-invalid"));
    assertThat(r).isInstanceOf(PublishResult.Rejected.class);
    PublishResult.Rejected rejected = (PublishResult.Rejected) r;
    assertThat(rejected.message()).contains("3000 graphemes");
    assertThat(rejected.action()).isNotBlank();
    assertThat(rejected.reconnect()).isFalse();
  }

  @Test
  void tooManyImagesAndTooLongTextAreRefusedBeforeAnyCall() {
    String text = "é".repeat(301);
    PublishResult r =
        connector.publish(
            account(),
            new Outgoing(
                1, "k-long", text, List.of(), null, Instant.parse("2026-11-26T09:00:00Z")));
    assertThat(r).isInstanceOf(PublishResult.Rejected.class);
    assertThat(((PublishResult.Rejected) r).message()).contains("300").contains("301");
    // 300 emoji flags are 300 graphemes (600 code points): within the limit
    String flags = "🇫🇷".repeat(150) + " ".repeat(150);
    assertThat(
            connector.publish(
                account(), new Outgoing(2, "k-flags", flags, List.of(), null, Instant.now())))
        .isInstanceOf(PublishResult.Published.class);
    assertThat(pds.creates.get()).isEqualTo(1);
  }

  @Test
  void aReadThatHitsTheRateLimitSaysWhenToComeBack() {
    pds.readMode = FakePds.Mode.RATE_LIMITED;
    SyncPage page = connector.engagement(account(), new SyncRequest("c", List.of(), 50));
    assertThat(page.failure()).isNotNull();
    assertThat(page.failure().reconnect()).isFalse();
    assertThat(page.failure().retryAfter())
        .isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31));
    assertThat(page.nextCursor()).as("stays where it was").isEqualTo("c");
  }

  @Test
  void privateHostsAreRefusedUnlessAllowed() {
    BlueskyConnector strict = new BlueskyConnector(OutboundPolicy.PUBLIC_ONLY, Clock.systemUTC());
    PublishResult r = strict.publish(account(), post("k-private"));
    assertThat(r).isInstanceOf(PublishResult.Rejected.class);
    assertThat(((PublishResult.Rejected) r).message()).contains("private or local");
    assertThat(pds.creates.get()).isZero();
  }
}
