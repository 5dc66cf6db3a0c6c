package dev.rapport.platforms.threads;

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

/** The shared connector contract against the documented Threads API (a local fake). */
class ThreadsContractTest extends ConnectorContract {

  private final FakeThreads fake = new FakeThreads();
  private final FakeHttp server = new FakeHttp(fake);
  private final ThreadsConnector connector =
      new ThreadsConnector(
          GraphSettings.defaults(FakeThreads.VERSION).withPolling(Duration.ofMillis(5), 20),
          OutboundPolicy.ANY_HOST,
          Clock.systemUTC());
  private final MemoryAccount account =
      new MemoryAccount(
          Platform.THREADS,
          server.base(),
          FakeThreads.BRAND_ID,
          FakeThreads.BRAND_HANDLE,
          Map.of("access_token", "th-token-1"));

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
    // Likes and reposts are counts in insights, without who.
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
        item.contentType(),
        item.fileName(),
        item.bytes(),
        URI.create("https://media.rapport.example/" + item.fileName()),
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
          return fake.posts.values().stream()
              .filter(p -> p.owner().equals(FakeThreads.BRAND_HANDLE) && p.text().equals(text))
              .map(FakeThreads.Post::id)
              .toList();
        }
      }

      @Override
      public List<String> altTexts(String platformPostId) {
        synchronized (fake) {
          return fake.posts.get(platformPostId).altTexts();
        }
      }

      @Override
      public String parentOf(String platformPostId) {
        synchronized (fake) {
          return fake.posts.get(platformPostId).replyTo();
        }
      }

      @Override
      public String likeRepostAndReply(String platformPostId) {
        synchronized (fake) {
          fake.addFanReply(platformPostId, "Count me in!");
          return FakeThreads.FAN_HANDLE;
        }
      }

      @Override
      public String follow() {
        return FakeThreads.FAN_HANDLE;
      }
    };
  }
}
