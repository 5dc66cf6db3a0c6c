package dev.rapport.platforms.mastodon;

import java.net.URI;
import java.util.Objects;

/**
 * Rapport's OAuth application on one Mastodon instance, as {@code POST /api/v1/apps} registered it.
 * The caller stores it per instance (the secret encrypted) and reuses it for every account
 * connected from that instance.
 */
public record MastodonApp(
    URI instance, String clientId, String clientSecret, String redirectUri, String scopes) {

  public MastodonApp {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(scopes, "scopes");
  }
}
