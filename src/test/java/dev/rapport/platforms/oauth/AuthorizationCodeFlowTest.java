package dev.rapport.platforms.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.oauth.LocalServer.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared OAuth 2 client: PKCE, client authentication, token answers and failures. */
class AuthorizationCodeFlowTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  private LocalServer server;
  private AuthorizationCodeFlow flow;

  @BeforeEach
  void start() {
    server = new LocalServer();
    flow =
        new AuthorizationCodeFlow(
            HttpClient.newHttpClient(),
            OutboundPolicy.ANY_HOST,
            Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OAuthClient client(OAuthClient.ClientAuthentication auth, String secret) {
    return new OAuthClient(
        "app-1",
        secret,
        URI.create("https://auth.example/authorize?tenant=a"),
        URI.create(server.uri() + "/token"),
        "https://rapport.example/callback",
        auth);
  }

  @Test
  void pkceFollowsTheRfcExample() {
    assertThat(Pkce.fromVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").challenge())
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    Pkce fresh = Pkce.create();
    assertThat(fresh.verifier()).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(Pkce.create().verifier()).isNotEqualTo(fresh.verifier());
  }

  @Test
  void theAuthorizationUrlCarriesEveryParameterEncoded() {
    Pkce pkce = Pkce.fromVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    URI url =
        flow.authorizationUrl(
            client(OAuthClient.ClientAuthentication.NONE, null),
            List.of("read", "write"),
            "s&t",
            pkce,
            Map.of("force_login", "true"));
    assertThat(url.getRawQuery())
        .startsWith("tenant=a&response_type=code&client_id=app-1")
        .contains("redirect_uri=https%3A%2F%2Frapport.example%2Fcallback")
        .contains("scope=read%20write", "state=s%26t")
        .contains("code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        .contains("code_challenge_method=S256", "force_login=true");
  }

  @Test
  void exchangesACodeWithBasicAuthenticationAndReadsTheGrant() {
    server.route(
        "POST",
        "/token",
        (r, m) ->
            Response.json(
                200,
                Map.of(
                    "access_token", "at-1",
                    "refresh_token", "rt-1",
                    "expires_in", 7200,
                    "scope", "read write",
                    "token_type", "bearer")));
    Pkce pkce = Pkce.create();

    TokenResult result =
        flow.exchange(client(OAuthClient.ClientAuthentication.BASIC, "s3cret"), "code-1", pkce);

    assertThat(result).isInstanceOf(TokenResult.Granted.class);
    TokenGrant grant = ((TokenResult.Granted) result).grant();
    assertThat(grant.expiresAt()).isEqualTo(NOW.plusSeconds(7200));
    assertThat(grant.secrets())
        .containsEntry("access_token", "at-1")
        .containsEntry("refresh_token", "rt-1")
        .containsEntry("expires_at", "2026-11-26T14:00:00Z");
    var request = server.requests().get(0);
    assertThat(request.header("Authorization")).isEqualTo("Basic YXBwLTE6czNjcmV0");
    assertThat(request.form())
        .containsEntry("grant_type", List.of("authorization_code"))
        .containsEntry("code", List.of("code-1"))
        .containsEntry("code_verifier", List.of(pkce.verifier()))
        .doesNotContainKey("client_secret");
    assertThat(TokenGrant.fromSecrets(grant.secrets()::get).expiresWithin(Duration.ofHours(3), NOW))
        .isTrue();
  }

  @Test
  void bodyAuthenticationAndPublicClientsSendTheirIdInTheForm() {
    server.route("POST", "/token", (r, m) -> Response.json(200, Map.of("access_token", "x")));

    flow.refresh(client(OAuthClient.ClientAuthentication.REQUEST_BODY, "s3cret"), "rt");
    flow.refresh(client(OAuthClient.ClientAuthentication.NONE, null), "rt");

    assertThat(server.requests().get(0).form())
        .containsEntry("client_id", List.of("app-1"))
        .containsEntry("client_secret", List.of("s3cret"))
        .containsEntry("grant_type", List.of("refresh_token"));
    assertThat(server.requests().get(1).form())
        .containsEntry("client_id", List.of("app-1"))
        .doesNotContainKey("client_secret");
    assertThat(server.requests().get(1).header("Authorization")).isNull();
  }

  @Test
  void refusalsAndOutagesAreTold() {
    server.route(
        "POST",
        "/token",
        (r, m) ->
            r.form().get("refresh_token").get(0).equals("gone")
                ? Response.json(
                    400, Map.of("error", "invalid_grant", "error_description", "revoked"))
                : Response.json(503, Map.of()).with("Retry-After", "30"));
    OAuthClient c = client(OAuthClient.ClientAuthentication.NONE, null);

    TokenResult refused = flow.refresh(c, "gone");
    TokenResult down = flow.refresh(c, "fine");

    assertThat(refused).isEqualTo(new TokenResult.Refused("invalid_grant", "revoked"));
    assertThat(((TokenResult.Refused) refused).message()).isEqualTo("invalid_grant: revoked");
    assertThat(down).isInstanceOf(TokenResult.Unavailable.class);
    assertThat(((TokenResult.Unavailable) down).retryAfter()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aPrivateTokenEndpointIsRefusedUnlessAllowed() {
    var strict =
        new AuthorizationCodeFlow(
            HttpClient.newHttpClient(),
            OutboundPolicy.PUBLIC_ONLY,
            Clock.systemUTC(),
            Duration.ofSeconds(5));
    TokenResult result = strict.refresh(client(OAuthClient.ClientAuthentication.NONE, null), "rt");
    assertThat(result).isInstanceOf(TokenResult.Refused.class);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void anUnreachableServerIsUnavailable() {
    server.close();
    TokenResult result = flow.refresh(client(OAuthClient.ClientAuthentication.NONE, null), "rt");
    assertThat(result).isInstanceOf(TokenResult.Unavailable.class);
  }
}
