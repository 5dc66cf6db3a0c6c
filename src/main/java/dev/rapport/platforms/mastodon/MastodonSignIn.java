package dev.rapport.platforms.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.mastodon.internal.ApiFailure;
import dev.rapport.platforms.mastodon.internal.MastodonApi;
import dev.rapport.platforms.oauth.AuthorizationCodeFlow;
import dev.rapport.platforms.oauth.OAuthClient;
import dev.rapport.platforms.oauth.Pkce;
import dev.rapport.platforms.oauth.SignInFailed;
import dev.rapport.platforms.oauth.TokenResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Connecting a Mastodon account on any instance, for the web layer: register Rapport as an app on
 * the instance (once per instance), send the user to the instance's authorization page, and turn
 * the code the callback receives into an access token and the account it belongs to.
 *
 * <p>The caller keeps the registered {@link MastodonApp} per instance, and the {@code state} and
 * {@link Pkce} verifier in the user's session between redirect and callback. Every instance URL is
 * checked against the {@link OutboundPolicy}.
 */
public final class MastodonSignIn {

  /** Read and write: statuses, media, notifications, followers. */
  public static final String SCOPES = "read write";

  private final MastodonApi api;
  private final AuthorizationCodeFlow flow;
  private final OutboundPolicy policy;

  public MastodonSignIn(HttpClient http, OutboundPolicy policy, Clock clock, Duration timeout) {
    this.api = new MastodonApi(http, policy, clock, timeout);
    this.flow = new AuthorizationCodeFlow(http, policy, clock, timeout);
    this.policy = policy;
  }

  /**
   * Normalises what a user types ("mastodon.social", "https://mastodon.social/", "@me@example.org")
   * into the instance's base URL, and checks that Rapport may call it.
   */
  public URI instance(String typed) {
    String s = typed == null ? "" : typed.trim();
    if (s.startsWith("@") && s.indexOf('@', 1) > 0) {
      s = s.substring(s.indexOf('@', 1) + 1);
    }
    if (!s.contains("://")) {
      s = "https://" + s;
    }
    URI uri;
    try {
      uri = URI.create(s);
    } catch (IllegalArgumentException e) {
      throw new SignInFailed("'" + typed + "' is not an instance address", false);
    }
    if (uri.getHost() == null) {
      throw new SignInFailed("'" + typed + "' is not an instance address", false);
    }
    URI base =
        URI.create(
            uri.getScheme().toLowerCase(Locale.ROOT)
                + "://"
                + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    try {
      policy.check(base);
    } catch (OutboundPolicy.RefusedHostException e) {
      throw new SignInFailed(e.getMessage(), false);
    }
    return base;
  }

  /** Registers Rapport on the instance ({@code POST /api/v1/apps}). */
  public MastodonApp registerApp(
      URI instance, String clientName, String redirectUri, String website) {
    Map<String, String> form =
        website == null
            ? Map.of("client_name", clientName, "redirect_uris", redirectUri, "scopes", SCOPES)
            : Map.of(
                "client_name",
                clientName,
                "redirect_uris",
                redirectUri,
                "scopes",
                SCOPES,
                "website",
                website);
    try {
      JsonNode app = api.postForm(instance, null, "/api/v1/apps", form).body();
      String id = app.path("client_id").asText(null);
      String secret = app.path("client_secret").asText(null);
      if (id == null || secret == null) {
        throw new SignInFailed(
            instance.getHost() + " did not return client credentials; is it a Mastodon server?",
            false);
      }
      return new MastodonApp(instance, id, secret, redirectUri, SCOPES);
    } catch (ApiFailure e) {
      throw failed(instance, e);
    }
  }

  /**
   * The instance's authorization page for this user. PKCE (S256) is included; instances before
   * Mastodon 4.3 ignore it and rely on the client secret.
   */
  public URI authorizationUrl(MastodonApp app, String state, Pkce pkce) {
    return flow.authorizationUrl(client(app), List.of(SCOPES.split(" ")), state, pkce, Map.of());
  }

  /**
   * Exchanges the callback's code ({@code POST /oauth/token}) and asks who granted it ({@code GET
   * /api/v1/accounts/verify_credentials}).
   */
  public MastodonGrant complete(MastodonApp app, String code, Pkce pkce) {
    TokenResult result = flow.exchange(client(app), code, pkce);
    if (result instanceof TokenResult.Refused r) {
      throw new SignInFailed(
          app.instance().getHost() + " refused the authorization (" + r.message() + ")", false);
    }
    if (result instanceof TokenResult.Unavailable u) {
      throw new SignInFailed(u.message(), true);
    }
    var grant = ((TokenResult.Granted) result).grant();
    try {
      JsonNode me =
          api.get(app.instance(), grant.accessToken(), "/api/v1/accounts/verify_credentials")
              .body();
      String name = me.path("display_name").asText("");
      return new MastodonGrant(
          app.instance(),
          me.path("id").asText(),
          me.path("username").asText() + "@" + app.instance().getHost(),
          name.isBlank() ? null : name,
          grant.secrets());
    } catch (ApiFailure e) {
      throw failed(app.instance(), e);
    }
  }

  /**
   * Revokes the account's access token ({@code POST /oauth/revoke}) when the user disconnects the
   * channel. True when the instance confirmed; disconnecting goes ahead either way.
   */
  public boolean revoke(MastodonApp app, String accessToken) {
    return flow.revoke(client(app), endpoint(app.instance(), "/oauth/revoke"), accessToken, null);
  }

  private static OAuthClient client(MastodonApp app) {
    return new OAuthClient(
        app.clientId(),
        app.clientSecret(),
        endpoint(app.instance(), "/oauth/authorize"),
        endpoint(app.instance(), "/oauth/token"),
        app.redirectUri(),
        OAuthClient.ClientAuthentication.REQUEST_BODY);
  }

  private static SignInFailed failed(URI instance, ApiFailure e) {
    return new SignInFailed(
        instance.getHost() + ": " + e.getMessage(),
        e.kind() == ApiFailure.Kind.TRANSIENT || e.kind() == ApiFailure.Kind.MAYBE_PROCESSED);
  }

  /** The instance's OAuth endpoint at {@code path}. */
  private static URI endpoint(URI instance, String path) {
    String s = instance.toString();
    return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + path);
  }
}
