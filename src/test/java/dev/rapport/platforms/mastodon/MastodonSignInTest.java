package dev.rapport.platforms.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import dev.rapport.platforms.oauth.LocalServer;
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

/** Connecting an account on any instance: app registration, authorization, code exchange. */
class MastodonSignInTest {

  private static final String CALLBACK = "https://rapport.example/channels/mastodon/callback";

  private FakeMastodon server;
  private MastodonSignIn signIn;

  @BeforeEach
  void start() {
    server = new FakeMastodon();
    signIn =
        new MastodonSignIn(
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
  void registersAuthorizesAndConnectsAnAccountThatCanPublish() {
    URI instance = signIn.instance(server.uri().toString() + "/");
    MastodonApp app = signIn.registerApp(instance, "Rapport", CALLBACK, "https://rapport.example");

    LocalServer.Request registration = server.requests("POST", "/api/v1/apps").get(0);
    assertThat(registration.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(registration.form())
        .containsEntry("client_name", List.of("Rapport"))
        .containsEntry("redirect_uris", List.of(CALLBACK))
        .containsEntry("scopes", List.of("read write"))
        .containsEntry("website", List.of("https://rapport.example"));
    assertThat(app.clientId()).isNotBlank();
    assertThat(app.clientSecret()).isNotBlank();

    Pkce pkce = Pkce.create();
    URI authorize = signIn.authorizationUrl(app, "state-123", pkce);
    assertThat(authorize.getPath()).isEqualTo("/oauth/authorize");
    assertThat(authorize.getQuery())
        .contains("response_type=code", "client_id=" + app.clientId(), "scope=read write")
        .contains("state=state-123", "code_challenge_method=S256", "redirect_uri=" + CALLBACK);
    String code = server.approve(authorize);

    MastodonGrant grant = signIn.complete(app, code, pkce);

    LocalServer.Request exchange = server.requests("POST", "/oauth/token").get(0);
    assertThat(exchange.form())
        .containsEntry("grant_type", List.of("authorization_code"))
        .containsEntry("client_id", List.of(app.clientId()))
        .containsEntry("client_secret", List.of(app.clientSecret()))
        .containsEntry("code_verifier", List.of(pkce.verifier()));
    assertThat(grant.accountId()).isEqualTo(FakeMastodon.BRAND_ID);
    assertThat(grant.handle()).isEqualTo("bakery@127.0.0.1");
    assertThat(grant.displayName()).isEqualTo("The Corner Bakery");
    assertThat(grant.secrets()).containsKey("access_token").doesNotContainKey("refresh_token");

    var account = new TestAccount(grant.instance(), grant.accountId(), grant.secrets());
    var connector =
        new MastodonConnector(
            HttpClient.newHttpClient(), OutboundPolicy.ANY_HOST, Clock.systemUTC());
    PublishResult result =
        connector.publish(
            account, new Outgoing(1, "k-1", "Connected!", List.of(), null, Instant.now()));
    assertThat(result).isInstanceOf(PublishResult.Published.class);

    assertThat(signIn.revoke(app, grant.secrets().get("access_token"))).isTrue();
    assertThat(server.requests("POST", "/oauth/revoke").get(0).form())
        .containsEntry("client_id", List.of(app.clientId()))
        .containsEntry("client_secret", List.of(app.clientSecret()))
        .containsEntry("token", List.of(grant.secrets().get("access_token")));
    PublishResult afterRevoke =
        connector.publish(
            account, new Outgoing(2, "k-2", "Disconnected", List.of(), null, Instant.now()));
    assertThat(((PublishResult.Rejected) afterRevoke).reconnect()).isTrue();
  }

  @Test
  void aWrongCodeOrVerifierIsRefusedInTheInstancesWords() {
    MastodonApp app = signIn.registerApp(server.uri(), "Rapport", CALLBACK, null);
    Pkce pkce = Pkce.create();
    String code = server.approve(signIn.authorizationUrl(app, "s", pkce));

    assertThatThrownBy(() -> signIn.complete(app, code, Pkce.create()))
        .isInstanceOf(SignInFailed.class)
        .hasMessageContaining("invalid_grant")
        .satisfies(e -> assertThat(((SignInFailed) e).retryable()).isFalse());
    assertThatThrownBy(() -> signIn.complete(app, "made-up", pkce))
        .hasMessageContaining("invalid_grant");
  }

  @Test
  void registrationErrorsAreExplained() {
    assertThatThrownBy(() -> signIn.registerApp(server.uri(), "", CALLBACK, null))
        .isInstanceOf(SignInFailed.class)
        .hasMessageContaining("Application name can't be blank");
  }

  @Test
  void instanceAddressesAreNormalisedAndCheckedAgainstThePolicy() {
    assertThat(signIn.instance("@someone@" + server.uri().getHost() + ":" + server.uri().getPort()))
        .isEqualTo(URI.create("https://127.0.0.1:" + server.uri().getPort()));
    assertThat(signIn.instance("HTTPS://Example.ORG/about"))
        .isEqualTo(URI.create("https://example.org"));

    MastodonSignIn strict =
        new MastodonSignIn(
            HttpClient.newHttpClient(),
            OutboundPolicy.PUBLIC_ONLY,
            Clock.systemUTC(),
            Duration.ofSeconds(5));
    assertThatThrownBy(() -> strict.instance("http://127.0.0.1:8080"))
        .isInstanceOf(SignInFailed.class)
        .hasMessageContaining("private or local");
    assertThatThrownBy(() -> strict.registerApp(server.uri(), "Rapport", CALLBACK, null))
        .isInstanceOf(SignInFailed.class);
    assertThat(server.requests()).isEmpty();
  }
}
