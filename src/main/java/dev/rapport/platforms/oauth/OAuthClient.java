package dev.rapport.platforms.oauth;

import java.net.URI;
import java.util.Objects;

/**
 * A registered OAuth 2 client at one authorization server.
 *
 * @param clientSecret null for public clients
 * @param authentication how the token endpoint wants the client to prove itself
 */
public record OAuthClient(
    String clientId,
    String clientSecret,
    URI authorizeEndpoint,
    URI tokenEndpoint,
    String redirectUri,
    ClientAuthentication authentication) {

  public OAuthClient {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(authorizeEndpoint, "authorizeEndpoint");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(authentication, "authentication");
    if (authentication != ClientAuthentication.NONE && clientSecret == null) {
      throw new IllegalArgumentException(authentication + " client authentication needs a secret");
    }
  }

  /** RFC 6749 section 2.3.1: the two ways a confidential client sends its secret, or none. */
  public enum ClientAuthentication {
    /** HTTP Basic with client id and secret (X, LinkedIn accept it). */
    BASIC,
    /** {@code client_id} and {@code client_secret} in the form body (Mastodon, Meta). */
    REQUEST_BODY,
    /** A public client: only {@code client_id} in the body, PKCE proves the caller. */
    NONE
  }
}
