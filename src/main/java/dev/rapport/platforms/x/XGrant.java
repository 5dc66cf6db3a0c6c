package dev.rapport.platforms.x;

import java.net.URI;
import java.util.Map;

/**
 * A completed X authorization: who granted it and the secrets to store ({@code access_token},
 * {@code refresh_token}, {@code expires_at}).
 */
public record XGrant(
    URI service, String accountId, String handle, String displayName, Map<String, String> secrets) {

  public XGrant {
    secrets = Map.copyOf(secrets);
  }
}
