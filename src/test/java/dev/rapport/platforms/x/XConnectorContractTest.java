package dev.rapport.platforms.x;

import dev.rapport.platforms.Account;
import dev.rapport.platforms.Connector;
import dev.rapport.platforms.ConnectorContract;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The shared connector contract against the local X API. */
class XConnectorContractTest extends ConnectorContract {

  private FakeX server;
  private XConnector connector;
  private TestAccount account;

  @BeforeEach
  void start() {
    server = new FakeX();
    connector = XConnectorTest.connector(server, Duration.ofSeconds(5));
    account =
        new TestAccount(
            server.uri(), server.brandId, server.grant(Instant.now().plusSeconds(7200)));
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
