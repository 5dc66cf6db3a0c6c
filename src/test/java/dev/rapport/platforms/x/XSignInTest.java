package dev.rapport.platforms.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import dev.rapport.platforms.oauth.Pkce;
import dev.rapport.platforms.oauth.SignInFailed;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connecting an X account: authorization code with PKCE, Basic client authentication. */
class XSignInTest {

  private FakeX server;
  private XSignIn signIn;

  @BeforeEach
  void start() {
    server = new FakeX();
    signIn =
        new XSignIn(
            XConnectorTest.app(server),
            HttpClient.newHttpClient(),
            OutboundPolicy.ANY_HOST,
            Clock.systemUTC(),
            Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void authorizesWithPkceAndConnectsAnAccountThatStaysConnected() {
    Pkce pkce = Pkce.create();
    URI url = signIn.authorizationUrl("st-1", pkce);
    assertThat(url.getQuery())
        .contains("code_challenge=" + pkce.challenge(), "code_challenge_method=S256")
        .contains("scope=" + XApp.SCOPES, "state=st-1", "client_id=" + FakeX.CLIENT_ID);

    XGrant grant = signIn.complete(server.approve(url), pkce);

    assertThat(grant.accountId()).isEqualTo(server.brandId);
    assertThat(grant.handle()).isEqualTo("cornerbakery");
    assertThat(grant.secrets()).containsKeys("access_token", "refresh_token", "expires_at");
    assertThat(Instant.parse(grant.secrets().get("expires_at")))
        .isAfter(Instant.now().plusSeconds(7000));
    assertThat(server.requests("POST", "/2/oauth2/token").get(0).form().get("code_verifier"))
        .containsExactly(pkce.verifier());

    var account = new TestAccount(grant.service(), grant.accountId(), grant.secrets());
    PublishResult result =
        XConnectorTest.connector(server, Duration.ofSeconds(5))
            .publish(account, new Outgoing(1, "k", "Connected", List.of(), null, Instant.now()));
    assertThat(result).isInstanceOf(PublishResult.Published.class);

    assertThat(signIn.revoke(account.secret("access_token"), account.secret("refresh_token")))
        .isTrue();
    assertThat(server.requests("POST", "/2/oauth2/revoke"))
        .extracting(r -> r.form().get("token_type_hint").get(0))
        .containsExactly("access_token", "refresh_token");
    PublishResult afterRevoke =
        XConnectorTest.connector(server, Duration.ofSeconds(5))
            .publish(account, new Outgoing(2, "k2", "Gone", List.of(), null, Instant.now()));
    assertThat(((PublishResult.Rejected) afterRevoke).reconnect()).isTrue();
  }

  @Test
  void aWrongVerifierIsRefused() {
    String code = server.approve(signIn.authorizationUrl("s", Pkce.create()));
    assertThatThrownBy(() -> signIn.complete(code, Pkce.create()))
        .isInstanceOf(SignInFailed.class)
        .hasMessageContaining("invalid_request");
  }

  @Test
  void withoutOfflineAccessThereIsNoLastingConnection() {
    Pkce pkce = Pkce.create();
    URI url = signIn.authorizationUrl("s", pkce);
    URI narrowed = URI.create(url.toString().replace("%20offline.access", ""));
    assertThatThrownBy(() -> signIn.complete(server.approve(narrowed), pkce))
        .isInstanceOf(SignInFailed.class)
        .hasMessageContaining("offline access");
  }
}
