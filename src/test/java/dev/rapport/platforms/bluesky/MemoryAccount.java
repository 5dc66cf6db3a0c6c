package dev.rapport.platforms.bluesky;

import dev.rapport.platforms.Account;
import dev.rapport.workspace.Platform;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An account held in memory, recording what the connector wrote back. */
final class MemoryAccount implements Account {

  private final URI service;
  private final String did;
  private final String handle;
  final Map<String, String> secrets = new ConcurrentHashMap<>();
  volatile String reconnectReason;
  volatile int secretUpdates;

  MemoryAccount(URI service, String did, String handle, Map<String, String> secrets) {
    this.service = service;
    this.did = did;
    this.handle = handle;
    this.secrets.putAll(secrets);
  }

  @Override
  public long workspaceId() {
    return 1;
  }

  @Override
  public long channelId() {
    return 1;
  }

  @Override
  public Platform platform() {
    return Platform.BLUESKY;
  }

  @Override
  public URI service() {
    return service;
  }

  @Override
  public String accountId() {
    return did;
  }

  @Override
  public String handle() {
    return handle;
  }

  @Override
  public String secret(String name) {
    return secrets.get(name);
  }

  @Override
  public void updateSecrets(Map<String, String> changed) {
    secrets.putAll(changed);
    secretUpdates++;
  }

  @Override
  public void reconnectNeeded(String reason) {
    reconnectReason = reason;
  }
}
