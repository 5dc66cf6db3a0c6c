package dev.rapport.platforms.linkedin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.engagement.EngagementKind;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.Connector;
import dev.rapport.platforms.ConnectorContract;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.graph.FakeHttp;
import dev.rapport.platforms.graph.MemoryAccount;
import dev.rapport.workspace.Platform;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;

/** The shared connector contract against the documented LinkedIn Posts API (a local fake). */
class LinkedInContractTest extends ConnectorContract {

  private final FakeLinkedIn fake = new FakeLinkedIn();
  private final FakeHttp server = new FakeHttp(fake);
  private final LinkedInConnector connector =
      new LinkedInConnector(
          LinkedInSettings.defaults("client-1", "secret-1").withOauthBase(server.base()),
          OutboundPolicy.ANY_HOST,
          Clock.systemUTC());
  private final MemoryAccount account =
      new MemoryAccount(
          Platform.LINKEDIN,
          server.base(),
          FakeLinkedIn.ORG,
          "rapport-bakery",
          Map.of("access_token", "li-token-1"));

  {
    fake.base = server.base().toString();
  }

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
    // Reshares are counted, not listed.
    return EnumSet.of(EngagementKind.LIKE, EngagementKind.REPLY);
  }

  @Override
  protected boolean listsFollowers() {
    return false;
  }

  @Override
  protected PlatformSide side() {
    return new PlatformSide() {
      @Override
      public List<String> postsWithText(String text) {
        synchronized (fake) {
          return fake.posts.values().stream()
              .filter(p -> FakeLinkedIn.shown(p.commentary()).equals(text))
              .map(FakeLinkedIn.Post::urn)
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
          FakeLinkedIn.Comment c = fake.comments.get(platformPostId);
          return c == null ? null : c.parentUrn() != null ? c.parentUrn() : c.postUrn();
        }
      }

      @Override
      public String likeRepostAndReply(String platformPostId) {
        synchronized (fake) {
          fake.likes.add(new FakeLinkedIn.Like(platformPostId, FakeLinkedIn.FAN, Instant.now()));
          fake.add(platformPostId, null, FakeLinkedIn.FAN, "Congratulations on the launch!");
          return FakeLinkedIn.FAN;
        }
      }

      @Override
      public String follow() {
        return FakeLinkedIn.FAN;
      }
    };
  }
}
