package dev.rapport.platforms.graph;

import dev.rapport.platforms.Account;
import dev.rapport.workspace.Platform;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An account kept in memory, recording refreshed secrets and "reconnect needed". */
public final class MemoryAccount implements Account {

  private final Platform platform;
  private final URI service;
  private final String accountId;
  private final String handle;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private volatile String reconnectReason;

  public MemoryAccount(
      Platform platform,
      URI service,
      String accountId,
      String handle,
      Map<String, String> secrets) {
    this.platform = platform;
    this.service = service;
    this.accountId = accountId;
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
    return platform;
  }

  @Override
  public URI service() {
    return service;
  }

  @Override
  public String accountId() {
    return accountId;
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
  }

  @Override
  public void reconnectNeeded(String reason) {
    reconnectReason = reason;
  }

  public String reconnectReason() {
    return reconnectReason;
  }
}
