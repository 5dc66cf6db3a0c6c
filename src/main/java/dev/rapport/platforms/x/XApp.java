package dev.rapport.platforms.x;

import dev.rapport.platforms.oauth.OAuthClient;
import java.net.URI;
import java.util.Objects;

/**
 * Rapport's app in the X developer portal (one per Rapport installation), with its OAuth 2.0
 * endpoints.
 *
 * @param clientSecret null for a public client (PKCE only); confidential clients authenticate to
 *     the token endpoint with HTTP Basic, as X documents
 * @param api the API base, {@code https://api.x.com}
 */
public record XApp(
    String clientId,
    String clientSecret,
    String redirectUri,
    URI authorizeEndpoint,
    URI tokenEndpoint,
    URI api) {

  /** Read posts and users, write posts and media, read likes and follows, and stay connected. */
  public static final String SCOPES =
      "tweet.read tweet.write users.read follows.read like.read media.write offline.access";

  public XApp {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(authorizeEndpoint, "authorizeEndpoint");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    Objects.requireNonNull(api, "api");
  }

  /** The app on X itself. */
  public static XApp onX(String clientId, String clientSecret, String redirectUri) {
    return new XApp(
        clientId,
        clientSecret,
        redirectUri,
        URI.create("https://x.com/i/oauth2/authorize"),
        URI.create("https://api.x.com/2/oauth2/token"),
        URI.create("https://api.x.com"));
  }

  OAuthClient oauthClient() {
    return new OAuthClient(
        clientId,
        clientSecret,
        authorizeEndpoint,
        tokenEndpoint,
        redirectUri,
        clientSecret == null
            ? OAuthClient.ClientAuthentication.NONE
            : OAuthClient.ClientAuthentication.BASIC);
  }
}
