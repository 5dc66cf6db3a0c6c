package dev.rapport.platforms.bluesky;

import dev.rapport.platforms.Account;
import dev.rapport.platforms.Connector;
import dev.rapport.platforms.ConnectorContract;
import dev.rapport.platforms.OutboundPolicy;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared connector contract against the real PDS and AppView on loopback. */
@ExtendWith(BlueskyNetwork.class)
class BlueskyConnectorContractTest extends ConnectorContract {

  private static BlueskyConnector connector;
  private static MemoryAccount account;
  private static BlueskySide side;

  @BeforeAll
  static void accounts() {
    BlueskyNetwork.Running net = BlueskyNetwork.network();
    BlueskyNetwork.TestAccount brand = net.createAccount("brand");
    BlueskyNetwork.TestAccount human = net.createAccount("human");
    account =
        new MemoryAccount(
            net.pds(),
            brand.did(),
            brand.handle(),
            Map.of(BlueskyConnector.APP_PASSWORD, net.appPassword(brand)));
    connector = new BlueskyConnector(OutboundPolicy.ANY_HOST, Clock.systemUTC());
    side = new BlueskySide(net, brand, human);
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
    return side;
  }
}
