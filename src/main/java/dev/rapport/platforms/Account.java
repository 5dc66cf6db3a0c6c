package dev.rapport.platforms;

import dev.rapport.workspace.Platform;
import java.net.URI;
import java.util.Map;

/**
 * A brand's connected account on one platform as a connector sees it: where the service is, who the
 * account is, and its secrets (tokens, app passwords), decrypted only in memory.
 */
public interface Account {

  long workspaceId();

  long channelId();

  Platform platform();

  /** The service base URL: the Mastodon instance, the Bluesky PDS, or the platform's API host. */
  URI service();

  /** The platform's id of the brand account (Bluesky DID, Mastodon account id, ...), when known. */
  String accountId();

  String handle();

  /** A secret by name, or null. */
  String secret(String name);

  /**
   * Stores changed secrets (a refreshed access token, a new session), encrypted, so the next call
   * and the next node use them. Names not given are kept.
   */
  void updateSecrets(Map<String, String> changed);

  /** Marks the connection as needing the user to reconnect (expired or revoked grant). */
  void reconnectNeeded(String reason);
}
