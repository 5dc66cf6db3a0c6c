package dev.rapport.platforms.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.oauth.AuthorizationCodeFlow;
import dev.rapport.platforms.oauth.Pkce;
import dev.rapport.platforms.oauth.SignInFailed;
import dev.rapport.platforms.oauth.TokenGrant;
import dev.rapport.platforms.oauth.TokenResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Connecting an X account with OAuth 2.0 authorization code and PKCE, for the web layer: the URL to
 * send the user to, then the code exchange and {@code GET /2/users/me}. The caller keeps {@code
 * state} and the {@link Pkce} verifier in the session between redirect and callback.
 */
public final class XSignIn {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final XApp app;
  private final HttpClient http;
  private final AuthorizationCodeFlow flow;
  private final OutboundPolicy policy;
  private final Duration timeout;

  public XSignIn(XApp app, HttpClient http, OutboundPolicy policy, Clock clock, Duration timeout) {
    this.app = app;
    this.http = http;
    this.policy = policy;
    this.timeout = timeout;
    this.flow = new AuthorizationCodeFlow(http, policy, clock, timeout);
  }

  public URI authorizationUrl(String state, Pkce pkce) {
    return flow.authorizationUrl(
        app.oauthClient(), List.of(XApp.SCOPES.split(" ")), state, pkce, Map.of());
  }

  public XGrant complete(String code, Pkce pkce) {
    TokenResult result = flow.exchange(app.oauthClient(), code, pkce);
    if (result instanceof TokenResult.Refused r) {
      throw new SignInFailed("X refused the authorization (" + r.message() + ")", false);
    }
    if (result instanceof TokenResult.Unavailable u) {
      throw new SignInFailed(u.message(), true);
    }
    TokenGrant grant = ((TokenResult.Granted) result).grant();
    if (grant.refreshToken() == null) {
      throw new SignInFailed(
          "X granted no refresh token, so the connection would end in two hours; allow offline"
              + " access when asked",
          false);
    }
    JsonNode me = me(grant.accessToken()).path("data");
    return new XGrant(
        app.api(),
        me.path("id").asText(),
        me.path("username").asText(),
        me.path("name").asText(null),
        grant.secrets());
  }

  /**
   * Revokes the access and the refresh token ({@code POST /2/oauth2/revoke}) when the user
   * disconnects the channel. True when X confirmed both; disconnecting goes ahead either way.
   */
  public boolean revoke(String accessToken, String refreshToken) {
    URI endpoint = URI.create(app.tokenEndpoint().toString().replaceFirst("/token$", "/revoke"));
    boolean access =
        accessToken == null
            || flow.revoke(app.oauthClient(), endpoint, accessToken, "access_token");
    boolean refresh =
        refreshToken == null
            || flow.revoke(app.oauthClient(), endpoint, refreshToken, "refresh_token");
    return access && refresh;
  }

  private JsonNode me(String accessToken) {
    URI uri = URI.create(app.api().toString().replaceAll("/+$", "") + "/2/users/me");
    try {
      policy.check(uri);
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(timeout)
                  .header("Authorization", "Bearer " + accessToken)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new SignInFailed(
            "X did not say who granted access (HTTP " + response.statusCode() + ")",
            response.statusCode() >= 500 || response.statusCode() == 429);
      }
      return JSON.readTree(response.body());
    } catch (OutboundPolicy.RefusedHostException e) {
      throw new SignInFailed(e.getMessage(), false);
    } catch (IOException e) {
      throw new SignInFailed("X did not answer: " + e.getMessage(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SignInFailed("interrupted", true);
    }
  }
}
