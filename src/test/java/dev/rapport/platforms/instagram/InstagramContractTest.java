package dev.rapport.platforms.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.engagement.EngagementKind;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.Connector;
import dev.rapport.platforms.ConnectorContract;
import dev.rapport.platforms.MediaItem;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.graph.FakeHttp;
import dev.rapport.platforms.graph.GraphSettings;
import dev.rapport.platforms.graph.MemoryAccount;
import dev.rapport.workspace.Platform;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;

/** The shared connector contract against the documented Instagram Graph API (a local fake). */
class InstagramContractTest extends ConnectorContract {

  private final FakeInstagram fake = new FakeInstagram();
  private final FakeHttp server = new FakeHttp(fake);
  private final InstagramConnector connector =
      new InstagramConnector(
          GraphSettings.defaults(FakeInstagram.VERSION).withPolling(Duration.ofMillis(5), 20),
          OutboundPolicy.ANY_HOST,
          Clock.systemUTC());
  private final MemoryAccount account =
      new MemoryAccount(
          Platform.INSTAGRAM,
          server.base(),
          FakeInstagram.BRAND_ID,
          FakeInstagram.BRAND_HANDLE,
          Map.of("access_token", "ig-token-1"));

  @AfterEach
  void noUndocumentedRequests() {
    assertThat(server.violations()).isEmpty();
    server.close();
  }

  @Override
  protected Connector connector() {
    return connector;
  }

  @Override
  protected Account account() {
    return account;
  }

  @Override
  protected Set<EngagementKind> engagementKindsWithIdentity() {
    // The API gives like_count without likers, and Instagram has no reposts.
    return EnumSet.of(EngagementKind.REPLY);
  }

  @Override
  protected boolean listsFollowers() {
    return false;
  }

  @Override
  protected MediaItem forPlatform(MediaItem item) {
    return new MediaItem(
        item.kind(),
        "image/jpeg",
        "dot.jpg",
        item.bytes(),
        URI.create("https://media.rapport.example/dot.jpg"),
        item.altText(),
        item.width(),
        item.height());
  }

  @Override
  protected PlatformSide side() {
    return new PlatformSide() {
      @Override
      public List<String> postsWithText(String text) {
        synchronized (fake) {
          return fake.media.values().stream()
              .filter(m -> m.caption().equals(text))
              .map(FakeInstagram.Media::id)
              .toList();
        }
      }

      @Override
      public List<String> altTexts(String platformPostId) {
        synchronized (fake) {
          return fake.media.get(platformPostId).altTexts();
        }
      }

      @Override
      public String parentOf(String platformPostId) {
        synchronized (fake) {
          FakeInstagram.Comment c = fake.comments.get(platformPostId);
          return c == null ? null : c.parentId() != null ? c.parentId() : c.mediaId();
        }
      }

      @Override
      public String likeRepostAndReply(String platformPostId) {
        synchronized (fake) {
          fake.likeCounts.merge(platformPostId, 1, Integer::sum);
          fake.addFanComment(platformPostId, null, "Looks delicious!");
          return FakeInstagram.FAN_ID;
        }
      }

      @Override
      public String follow() {
        return FakeInstagram.FAN_ID;
      }
    };
  }
}
