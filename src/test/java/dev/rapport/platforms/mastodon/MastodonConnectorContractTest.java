package dev.rapport.platforms.mastodon;

import dev.rapport.platforms.Account;
import dev.rapport.platforms.Connector;
import dev.rapport.platforms.ConnectorContract;
import dev.rapport.platforms.OutboundPolicy;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The shared connector contract against the local Mastodon API. */
class MastodonConnectorContractTest extends ConnectorContract {

  private FakeMastodon server;
  private MastodonConnector connector;
  private TestAccount account;

  @BeforeEach
  void start() {
    server = new FakeMastodon();
    connector =
        new MastodonConnector(
            HttpClient.newHttpClient(),
            OutboundPolicy.ANY_HOST,
            Clock.systemUTC(),
            Duration.ofSeconds(5),
            Duration.ofMillis(20),
            Duration.ofSeconds(2));
    account =
        new TestAccount(
            server.uri(), FakeMastodon.BRAND_ID, Map.of("access_token", server.brandToken()));
  }

  @AfterEach
  void stop() {
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
  protected PlatformSide side() {
    return server;
  }

  @Override
  protected Duration indexingDelay() {
    return Duration.ofSeconds(2);
  }
}
