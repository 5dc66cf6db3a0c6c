package dev.rapport.platforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.engagement.EngagementKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract every connector passes, against a real platform server where one runs here (Bluesky
 * PDS and AppView) and against a local server that answers as the platform documents otherwise. A
 * subclass supplies the connector, the brand account and a view of the platform side.
 */
public abstract class ConnectorContract {

  /** The platform as the test sees it, independent of the connector under test. */
  public interface PlatformSide {

    /** Ids of the brand account's posts on the platform whose text is exactly {@code text}. */
    List<String> postsWithText(String text);

    /** Alt texts of the images attached to a post, in order. */
    List<String> altTexts(String platformPostId);

    /** The id of the post that {@code platformPostId} replies to, or null. */
    String parentOf(String platformPostId);

    /**
     * A second, human account likes, reposts and replies to the post. Returns that account's
     * platform user id.
     */
    String likeRepostAndReply(String platformPostId);

    /** A second account follows the brand account; returns its platform user id. */
    String follow();
  }

  protected abstract Connector connector();

  protected abstract Account account();

  protected abstract PlatformSide side();

  /**
   * The engagement kinds the platform reports with the engager's identity. Some report only counts
   * for some kinds (Instagram and Threads likes) or have no reposts (Instagram, Facebook's shares
   * without sharers, LinkedIn).
   */
  protected Set<EngagementKind> engagementKindsWithIdentity() {
    return EnumSet.of(EngagementKind.LIKE, EngagementKind.REPOST, EngagementKind.REPLY);
  }

  /** False for platforms whose API does not list followers (Instagram, Facebook Pages, ...). */
  protected boolean listsFollowers() {
    return true;
  }

  /**
   * The attachment as the platform can take it. Platforms that fetch media by URL (Instagram,
   * Threads) need a public URL, and Instagram takes JPEG only: their subclasses host the item.
   */
  protected MediaItem forPlatform(MediaItem item) {
    return item;
  }

  /** How long the platform may take to show engagement (AppViews index asynchronously). */
  protected Duration indexingDelay() {
    return Duration.ofSeconds(10);
  }

  private static final byte[] PNG_1X1 =
      java.util.Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

  protected static MediaItem image(String alt) {
    return new MediaItem(MediaKind.IMAGE, "image/png", "dot.png", PNG_1X1, null, alt, 1, 1);
  }

  private static long nextVariant = System.nanoTime() & 0xffffffL;

  protected Outgoing outgoing(String text, List<MediaItem> media, Outgoing.ReplyTarget replyTo) {
    long variant = ++nextVariant;
    return new Outgoing(
        variant,
        "rapport-variant-" + variant + "-" + UUID.randomUUID(),
        text,
        media,
        replyTo,
        Instant.now());
  }

  protected String uniqueText(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Text-only posts for platforms that need media (Instagram) get one image. */
  private List<MediaItem> minimalMedia() {
    return connector().capabilities().mediaRequired()
        ? List.of(forPlatform(image("A single dot")))
        : List.of();
  }

  private PublishResult.Published publishOk(Outgoing post) {
    PublishResult result = connector().publish(account(), post);
    assertThat(result).isInstanceOf(PublishResult.Published.class);
    PublishResult.Published published = (PublishResult.Published) result;
    assertThat(published.platformPostId()).isNotBlank();
    return published;
  }

  @Test
  void publishesATextPostExactlyOnce() {
    String text = uniqueText("Our spring menu has 4 new dishes. Which one first?");
    PublishResult.Published published = publishOk(outgoing(text, minimalMedia(), null));
    assertThat(side().postsWithText(text)).containsExactly(published.platformPostId());
  }

  @Test
  void publishesAnImageWithItsAltText() {
    assumeTrue(connector().capabilities().mediaKinds().contains(MediaKind.IMAGE));
    String text = uniqueText("The new oven, installed today.");
    PublishResult.Published published =
        publishOk(
            outgoing(text, List.of(forPlatform(image("A stone oven with a wood fire"))), null));
    assertThat(side().altTexts(published.platformPostId()))
        .containsExactly("A stone oven with a wood fire");
  }

  @Test
  void repliesToAPost() {
    assumeTrue(connector().capabilities().replies());
    PublishResult.Published first =
        publishOk(outgoing(uniqueText("Question of the week:"), minimalMedia(), null));
    PublishResult.Published reply =
        publishOk(
            outgoing(
                uniqueText("Thanks for asking!"),
                List.of(),
                new Outgoing.ReplyTarget(first.platformPostId(), first.platformPostId())));
    assertThat(side().parentOf(reply.platformPostId())).isEqualTo(first.platformPostId());
  }

  @Test
  void findsAPublishedPostAndKnowsWhenThereIsNone() {
    Outgoing post = outgoing(uniqueText("Found again after a timeout."), minimalMedia(), null);
    PublishResult.Published published = publishOk(post);
    Lookup found = connector().find(account(), post);
    assertThat(found).isInstanceOf(Lookup.Found.class);
    assertThat(((Lookup.Found) found).post().platformPostId())
        .isEqualTo(published.platformPostId());

    Outgoing never = outgoing(uniqueText("Never sent."), minimalMedia(), null);
    assertThat(connector().find(account(), never)).isInstanceOf(Lookup.NotFound.class);
  }

  @Test
  void theSameIdempotencyKeyPublishesOnce() {
    assumeTrue(connector().capabilities().idempotencyKeys());
    String text = uniqueText("Sent twice, shown once.");
    Outgoing post = outgoing(text, minimalMedia(), null);
    PublishResult.Published first = publishOk(post);
    PublishResult.Published second = publishOk(post);
    assertThat(second.platformPostId()).isEqualTo(first.platformPostId());
    assertThat(side().postsWithText(text)).hasSize(1);
  }

  @Test
  void refusesTextOverThePlatformLimitWithAnActionableMessage() {
    String text = "x".repeat(connector().capabilities().maxTextLength() + 1);
    PublishResult result = connector().publish(account(), outgoing(text, minimalMedia(), null));
    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    PublishResult.Rejected rejected = (PublishResult.Rejected) result;
    assertThat(rejected.message()).isNotBlank();
    assertThat(rejected.action()).isNotBlank();
    assertThat(rejected.reconnect()).isFalse();
  }

  @Test
  void readsLikesRepostsAndRepliesWithTheEngagersIdentity() throws InterruptedException {
    PublishResult.Published post =
        publishOk(outgoing(uniqueText("Tell us what you think."), minimalMedia(), null));
    String engager = side().likeRepostAndReply(post.platformPostId());

    Set<EngagementKind> expected = engagementKindsWithIdentity();
    Set<EngagementKind> seen = EnumSet.noneOf(EngagementKind.class);
    List<SeenEngagement> all = new ArrayList<>();
    Instant deadline = Instant.now().plus(indexingDelay());
    String cursor = null;
    while (!seen.containsAll(expected) && Instant.now().isBefore(deadline)) {
      SyncPage page =
          connector()
              .engagement(account(), new SyncRequest(cursor, List.of(post.platformPostId()), 100));
      assertThat(page.failure()).isNull();
      for (SeenEngagement e : page.engagements()) {
        if (e.who().platformUserId().equals(engager)
            && post.platformPostId().equals(e.platformPostId())) {
          seen.add(e.kind());
          all.add(e);
        }
      }
      if (page.nextCursor() != null) {
        cursor = page.nextCursor();
      }
      if (!page.more() && !seen.containsAll(expected)) {
        Thread.sleep(200);
      }
    }
    assertThat(seen).containsAll(expected);
    assertThat(all).allSatisfy(e -> assertThat(e.eventKey()).isNotBlank());
    // Keys are stable across reads (a connector may read an event twice, from two lists or two
    // runs; the ledger de-duplicates), but two different events never share one.
    java.util.Map<String, String> eventOfKey = new java.util.HashMap<>();
    for (SeenEngagement e : all) {
      String event = e.kind() + " " + e.who().platformUserId() + " " + e.platformPostId();
      assertThat(eventOfKey.putIfAbsent(e.eventKey(), event))
          .as("each event has its own key: " + e.eventKey())
          .isIn(null, event);
    }
    assertThat(eventOfKey.values()).doesNotHaveDuplicates();
  }

  @Test
  void readsFollowersWithTheirProfiles() throws InterruptedException {
    assumeTrue(listsFollowers());
    String follower = side().follow();
    Instant deadline = Instant.now().plus(indexingDelay());
    boolean found = false;
    while (!found && Instant.now().isBefore(deadline)) {
      String cursor = null;
      do {
        FollowerPage page = connector().followers(account(), cursor);
        assertThat(page.failure()).isNull();
        for (SeenAccount a : page.followers()) {
          if (a.platformUserId().equals(follower)) {
            found = true;
            assertThat(a.profile()).as("followers come with a profile for audits").isNotNull();
          }
        }
        cursor = page.nextCursor();
      } while (cursor != null && !found);
      if (!found) {
        Thread.sleep(200);
      }
    }
    assertThat(found).as("follower " + follower + " listed").isTrue();
  }

  @Test
  void aPlatformWithoutAFollowerListAnswersWithAnEmptyFinalPage() {
    assumeTrue(!listsFollowers());
    FollowerPage page = connector().followers(account(), null);
    assertThat(page.failure()).isNull();
    assertThat(page.followers()).isEmpty();
    assertThat(page.nextCursor()).isNull();
  }
}
