package dev.rapport.platforms.mastodon;

import java.net.URI;
import java.util.Map;

/**
 * A completed authorization: the account that granted access and the secrets to store for it
 * ({@code access_token}; Mastodon tokens do not expire until revoked).
 *
 * @param handle the full address, {@code user@instance}
 */
public record MastodonGrant(
    URI instance,
    String accountId,
    String handle,
    String displayName,
    Map<String, String> secrets) {

  public MastodonGrant {
    secrets = Map.copyOf(secrets);
  }
}
