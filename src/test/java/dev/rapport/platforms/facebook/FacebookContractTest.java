package dev.rapport.platforms.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.engagement.EngagementKind;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.Connector;
import dev.rapport.platforms.ConnectorContract;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.graph.FakeHttp;
import dev.rapport.platforms.graph.GraphSettings;
import dev.rapport.platforms.graph.MemoryAccount;
import dev.rapport.workspace.Platform;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;

/** The shared connector contract against the documented Graph API Page endpoints (a local fake). */
class FacebookContractTest extends ConnectorContract {

  private final FakeFacebook fake = new FakeFacebook();
  private final FakeHttp server = new FakeHttp(fake);
  private final FacebookConnector connector =
      new FacebookConnector(
          GraphSettings.defaults(FakeFacebook.VERSION), OutboundPolicy.ANY_HOST, Clock.systemUTC());
  private final MemoryAccount account =
      new MemoryAccount(
          Platform.FACEBOOK,
          server.base(),
          FakeFacebook.PAGE_ID,
          "rapportbakery",
          Map.of("access_token", FakeFacebook.TOKEN));

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
    // Shares come as a count without the sharers.
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
              .filter(p -> p.message().equals(text))
              .map(FakeFacebook.Post::id)
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
          FakeFacebook.Comment c = fake.comments.get(platformPostId);
          return c == null ? null : c.objectId();
        }
      }

      @Override
      public String likeRepostAndReply(String platformPostId) {
        synchronized (fake) {
          fake.reactions.add(
              new FakeFacebook.Reaction(
                  platformPostId, FakeFacebook.FAN_ID, FakeFacebook.FAN_NAME, "LOVE"));
          fake.addFanComment(platformPostId, "See you Saturday!");
          return FakeFacebook.FAN_ID;
        }
      }

      @Override
      public String follow() {
        return FakeFacebook.FAN_ID;
      }
    };
  }
}
